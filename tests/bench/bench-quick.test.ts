// `npm run bench -- --quick` as part of the suite: the bench runs end to end at size S (its own embedded Neo4j with
// APOC, the API, the floor and the peer as child processes, autocannon) and every answer agrees with the floor's.
// Nothing here is about speed: timings vary with the machine; `npm run bench` reports them.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs, runBench, type BenchResult } from '../../bench/run.js';
import { WORKLOADS } from '../../bench/workloads.js';

describe('bench --quick', () => {
  let result: BenchResult;

  it('runs at size S and every workload answers as the floor does (and the peer, for workload 1)', async () => {
    result = await runBench({ ...parseArgs(['--quick']), log: () => undefined });
    expect(result.sizes.map((s) => s.size)).toEqual(['S']);
    const s = result.sizes[0];
    expect(s.counts.technologies).toBe(1000);
    expect(s.probes.chainSize).toBe(500);
    expect(s.workloads.map((w) => w.id)).toEqual(WORKLOADS.map((w) => w.id));
    for (const w of s.workloads) {
      expect(w.disagreement ?? '', w.id).toBe('');
      expect(w.agrees).toBe(true);
      expect(w.runs.map((r) => r.target)).toEqual(w.id === 'nested' ? ['api', 'floor', 'peer'] : ['api', 'floor']);
    }
  }, 300_000);

  it('reports round trips, RSS, both imports and the targets, and writes the JSON result', () => {
    const s = result.sizes[0];
    for (const w of s.workloads) {
      for (const r of w.runs) {
        expect(r.dbRoundTrips, `${w.id} ${r.target}`).toBeGreaterThanOrEqual(1);
        expect(r.rssMaxMb).toBeGreaterThan(0);
      }
    }
    expect(s.workloads.find((w) => w.id === 'node')!.runs[0].dbRoundTrips).toBe(1);
    expect(s.import.ours.records).toBe(s.import.floor.records);
    expect(s.import.ours.records).toBe(s.counts.nodes + s.counts.relationships);
    expect(result.targets.map((t) => t.name)).toContain("S: import ≥ 0.7× the floor's rate");
    expect(existsSync(result.file!)).toBe(true);
    expect(JSON.parse(readFileSync(result.file!, 'utf8')).sizes[0].size).toBe('S');
  });
});
