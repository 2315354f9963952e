// The warm-up: each example operation (operations/*.graphql, the playground's tabs and the typed client's
// operations; queries only) run once through Apollo at start, with its example variables. A freshly started Neo4j
// takes seconds to plan its first analysis statement (its Cypher planner has not been compiled by the JVM yet,
// and a gap statement is large), the same statement again tens of milliseconds: the first caller should not pay
// that. Neo4j caches plans by statement text (and parameter types): a gap or partner question is one text for
// every subject, page and selection (decision 7), so warming its example warms it for every caller; the other
// statements are those of these operations, and other selections of them find the planner compiled at least.
// Apollo's parse and validation caches fill too.
import type { ApolloServer } from '@apollo/server';
import { Kind, parse } from 'graphql';
import type { Config, WarmUp } from '../config.js';
import type { Database } from '../db/driver.js';
import type { Context } from '../graph/context.js';
import { createContext } from './context.js';
import type { Logger } from './log.js';
import { loadExamples, type Example } from './playground.js';

/** Asked first: the questions a caller most likely asks first are warm soonest. */
const FIRST = ['ValueChainGaps', 'ChokepointRanking', 'TechnologyCapabilities'];

/**
 * Warmed before ready with TG_WARM_UP=first: the value-chain gap question, the product's main one. Its statement
 * is one text for every sector, selection, page and both rankings (analysis/gaps.ts), so this one operation
 * plans it for every caller. Planning it on a fresh JVM takes seconds, a cost each other question would add
 * to the start (each has a statement of its own), so they follow right after ready.
 */
const BEFORE_READY = ['ValueChainGaps'];

/** The examples that are queries (a warm-up writes nothing), the most likely first. */
export function warmUpOperations(examples: Example[] = loadExamples()): Example[] {
  const queries = examples.filter((e) =>
    parse(e.query).definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === 'query'),
  );
  const rank = (e: Example) => (FIRST.includes(e.name) ? FIRST.indexOf(e.name) : FIRST.length);
  return queries.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** The operations warmed before ready and those warmed right after it, for a TG_WARM_UP setting. */
export function warmUpPlan(
  mode: WarmUp,
  operations: Example[] = warmUpOperations(),
): { beforeReady: Example[]; afterReady: Example[] } {
  if (mode === 'off') return { beforeReady: [], afterReady: [] };
  if (mode === 'before-ready') return { beforeReady: operations, afterReady: [] };
  if (mode === 'after-ready') return { beforeReady: [], afterReady: operations };
  return {
    beforeReady: operations.filter((o) => BEFORE_READY.includes(o.name)),
    afterReady: operations.filter((o) => !BEFORE_READY.includes(o.name)),
  };
}

export interface WarmUpResult {
  operations: number;
  failed: number;
  ms: number;
}

/**
 * Runs the operations one after another (in parallel they would only compete for the same cores), as a reader;
 * before each, waits while `busy()` says a caller's request is being answered (the warm-up must not slow callers
 * down; what they ask gets planned by their own requests anyway); stops early when `stopping()` says so. Never
 * throws: a failed operation is logged and counted.
 */
export async function warmUp(
  apollo: ApolloServer<Context>,
  db: Database,
  config: Config,
  logger: Logger,
  {
    operations = warmUpOperations(),
    stopping = () => false,
    busy = () => false,
  }: { operations?: Example[]; stopping?: () => boolean; busy?: () => boolean } = {},
): Promise<WarmUpResult> {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  for (const op of operations) {
    while (busy() && !stopping()) await new Promise((r) => setTimeout(r, 50));
    if (stopping()) break;
    // Start-up stats: a cold plan on a busy machine may take longer than a request is allowed to.
    const contextValue = {
      ...createContext(db, config, 'reader', `warm-up:${op.name}`, { stats: db.startUpStats() }),
      warmUp: true,
    };
    const began = performance.now();
    try {
      const res = await apollo.executeOperation(
        { query: op.query, variables: op.variables ? JSON.parse(op.variables) : undefined },
        { contextValue },
      );
      const errors = res.body.kind === 'single' ? res.body.singleResult.errors : undefined;
      if (errors?.length) {
        failed += 1;
        logger.debug(
          { operation: op.name, errors: errors.map((e) => e.message) },
          'warm-up operation answered with errors',
        );
      }
    } catch (e) {
      failed += 1;
      logger.debug({ operation: op.name, err: e }, 'warm-up operation failed');
    }
    done += 1;
    logger.debug({ operation: op.name, ms: Math.round(performance.now() - began) }, 'warm-up operation done');
  }
  return { operations: done, failed, ms: Math.round(performance.now() - started) };
}
