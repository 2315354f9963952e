// `npm run soak` in the suite, shortened to under a minute of load: the same mix of reads, checkable writes,
// client aborts and forged or hostile requests, with the suite's own JVM frozen (SIGSTOP) a few times, and the
// same invariants at the end, one test each, so a failure names the property that broke. The summary table goes
// to stderr. The full ten minutes stay out of `npm test`: `npm run soak`.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultOptions, INVARIANTS, runSoak, type SoakResult } from '../../scripts/soak/run.js';

const LOAD_SECONDS = 45;
let result: SoakResult;

beforeAll(async () => {
  const n = inject('neo4j');
  result = await runSoak({
    ...defaultOptions(LOAD_SECONDS),
    neo4j: { uri: n.uri, user: n.user, password: n.password, database: n.database, pid: n.embeddedPid },
    log: () => undefined,
  });
  process.stderr.write(`\n${result.summary}\n\n`);
}, 240_000);

describe(`the soak, ${LOAD_SECONDS} s of mixed load with faults`, () => {
  it('ran the whole mix and injected every kind of fault', () => {
    const kinds = Object.keys(result.byKind);
    for (const k of [
      'read',
      'import',
      'create',
      'abort-mid-body',
      'abort-in-flight',
      'abort-mid-response',
      'bad-key',
      'bookmark-garbage',
      'hostile-host',
    ]) {
      expect(kinds, k).toContain(k);
    }
    expect(result.requests).toBeGreaterThan(100);
    // The suite's Neo4j is embedded unless NEO4J_URI points elsewhere; only a JVM we started can be frozen.
    expect(result.freezes.length).toBeGreaterThanOrEqual(inject('neo4j').embeddedPid ? 2 : 0);
  });

  it.each(INVARIANTS)('ends with: %s', (name) => {
    const invariant = result.invariants.find((i) => i.name === name);
    expect(invariant, `the soak did not check "${name}"`).toBeDefined();
    expect(invariant!.ok, invariant!.detail).toBe(true);
  });
});
