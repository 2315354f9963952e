// The warm-up (src/server/warm-up.ts, TG_WARM_UP): which example operations it runs before and after ready, that it
// sends the very statements a client's request sends (Neo4j caches plans by statement text), and that it is not
// counted as traffic. The full warm-up takes tens of seconds of CPU, so one light operation stands for all here,
// except where the default's ValueChainGaps before ready is the point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApollo } from '../../src/server/apollo.js';
import { createContext } from '../../src/server/context.js';
import { createLogger } from '../../src/server/log.js';
import { Metrics } from '../../src/server/metrics.js';
import { loadExamples } from '../../src/server/playground.js';
import { warmUp, warmUpOperations, warmUpPlan } from '../../src/server/warm-up.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startApp } from '../../src/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

describe('TG_WARM_UP', () => {
  it('is first unless set; true warms all before ready, false not at all; anything else is refused', () => {
    expect(loadConfig({}).warmUp).toBe('first');
    expect(loadConfig({ TG_WARM_UP: '' }).warmUp).toBe('first');
    expect(loadConfig({ TG_WARM_UP: 'first' }).warmUp).toBe('first');
    expect(loadConfig({ TG_WARM_UP: 'true' }).warmUp).toBe('before-ready');
    expect(loadConfig({ TG_WARM_UP: 'after-ready' }).warmUp).toBe('after-ready');
    expect(loadConfig({ TG_WARM_UP: 'false' }).warmUp).toBe('off');
    expect(loadConfig({ TG_WARM_UP: 'off' }).warmUp).toBe('off');
    expect(() => loadConfig({ TG_WARM_UP: 'later' })).toThrow(
      /TG_WARM_UP must be first, true, after-ready or false, got "later"/,
    );
  });
});

/** Records the statements the test database is sent until `restore()`. */
function recordReads(): { sent: string[]; restore: () => void } {
  const sent: string[] = [];
  const read = t.db.read.bind(t.db);
  t.db.read = (cypher, params, stats) => {
    sent.push(cypher);
    return read(cypher, params, stats);
  };
  return { sent, restore: () => (t.db.read = read) };
}

describe('the warm-up plan', () => {
  const ops = warmUpOperations();
  const names = (list: { name: string }[]) => list.map((o) => o.name);

  it('warms the value-chain gap question before ready and every other example query right after, by default', () => {
    const { beforeReady, afterReady } = warmUpPlan('first', ops);
    expect(names(beforeReady)).toEqual(['ValueChainGaps']);
    expect(names(afterReady)).not.toContain('ValueChainGaps');
    expect([...names(beforeReady), ...names(afterReady)].sort()).toEqual(names(ops).sort());
    expect(names(afterReady)[0]).toBe('ChokepointRanking');
  });

  it('warms all before ready with true, all after with after-ready, and none with false', () => {
    expect(warmUpPlan('before-ready', ops)).toEqual({ beforeReady: ops, afterReady: [] });
    expect(warmUpPlan('after-ready', ops)).toEqual({ beforeReady: [], afterReady: ops });
    expect(warmUpPlan('off', ops)).toEqual({ beforeReady: [], afterReady: [] });
  });
});

describe('the warm-up', () => {
  it('runs every example query, gap questions first, and never a mutation', () => {
    const examples = loadExamples();
    const ops = warmUpOperations([...examples, { name: 'AddThing', query: 'mutation AddThing { __typename }' }]);
    expect(ops[0].name).toBe('ValueChainGaps');
    expect(ops.map((o) => o.name)).not.toContain('AddThing');
    expect(ops.map((o) => o.name).sort()).toEqual(
      examples
        .filter((e) => !/^\s*mutation\b/m.test(e.query))
        .map((e) => e.name)
        .sort(),
    );
    expect(ops.length).toBeGreaterThan(10);
  });

  it("sends the statements a client's request sends, and is not counted in the metrics", async () => {
    const op = loadExamples().find((e) => e.name === 'Technologies')!;
    const metrics = new Metrics();
    const logger = createLogger('silent');
    const apollo = createApollo(logger, t.config, metrics);
    await apollo.start();
    const { sent, restore } = recordReads();
    try {
      const result = await warmUp(apollo, t.db, t.config, logger, { operations: [op] });
      expect(result).toMatchObject({ operations: 1, failed: 0 });
      const warmed = sent.splice(0);
      expect(warmed.length).toBeGreaterThan(0);
      const { body } = await t.gql(op.query, JSON.parse(op.variables!));
      expect(body.errors).toBeUndefined();
      expect(new Set(sent)).toEqual(new Set(warmed));
    } finally {
      restore();
    }
    expect((await metrics.graphqlRequests.get()).values).toEqual([]);
    // The same operation as an ordinary request is counted: the metric would have seen the warm-up.
    await apollo.executeOperation(
      { query: op.query, variables: JSON.parse(op.variables!) },
      { contextValue: createContext(t.db, t.config, 'reader', 'counted') },
    );
    expect((await metrics.graphqlRequests.get()).values.map((v) => v.value)).toEqual([1]);
    await apollo.stop();
  });

  it("waits while a caller's request is being answered", async () => {
    const op = loadExamples().find((e) => e.name === 'Technologies')!;
    const apollo = createApollo(createLogger('silent'), t.config);
    await apollo.start();
    const began = performance.now();
    let firstStatementAt: number | undefined;
    const read = t.db.read.bind(t.db);
    t.db.read = (cypher, params, stats) => {
      firstStatementAt ??= performance.now() - began;
      return read(cypher, params, stats);
    };
    try {
      const result = await warmUp(apollo, t.db, t.config, createLogger('silent'), {
        operations: [op],
        busy: () => performance.now() - began < 300,
      });
      expect(result).toMatchObject({ operations: 1, failed: 0 });
    } finally {
      t.db.read = read;
    }
    expect(firstStatementAt).toBeGreaterThanOrEqual(300);
    await apollo.stop();
  });

  it('by default runs ValueChainGaps before the app is ready, which plans the statement of any other gap selection', async () => {
    const { sent, restore } = recordReads();
    let warmed: string[];
    try {
      const config = loadConfig({ ...process.env, PORT: '0', TG_SEED_ON_START: 'false', TG_WARM_UP: 'first' });
      expect(config.warmUp).toBe('first');
      const app = await startApp(t.db, config, createLogger('silent'));
      warmed = sent.splice(0); // what ran before startApp returned, i.e. before ready
      await app.stop(); // before the rest of the warm-up begins, a second after ready
      // Another sector, page and selection, and the unrated rows: the statement planned before ready.
      const { body } = await t.gql(`{ valueChainGaps(sector: "sector:robotics", last: 2) {
        nodes { technology { nameKo } gap } unrated(first: 1) { nodes { status } } } }`);
      expect(body.errors).toBeUndefined();
    } finally {
      restore();
    }
    const gapStatements = warmed.filter((c) => c.includes('$q.unrated'));
    expect(gapStatements.length).toBeGreaterThan(0);
    const asked = sent.filter((c) => c.includes('$q.unrated'));
    expect(asked).toHaveLength(2);
    for (const c of asked) expect(gapStatements).toContain(c);
  });

  it('stops before its next operation once asked to', async () => {
    const apollo = createApollo(createLogger('silent'), t.config);
    await apollo.start();
    const result = await warmUp(apollo, t.db, t.config, createLogger('silent'), {
      operations: warmUpOperations(),
      stopping: () => true,
    });
    expect(result).toMatchObject({ operations: 0, failed: 0 });
    await apollo.stop();
  });
});
