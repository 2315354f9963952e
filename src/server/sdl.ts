// The schema as an artifact: `npm run schema:print` writes the full SDL (schema/*.graphql merged and printed)
// to schema.graphql at the top of the repository, where consumers, codegen of other services and reviews can
// read it. tests/server/sdl.test.ts fails when the schema in schema/ breaks that committed SDL
// (graphql's findBreakingChanges) or when the committed file is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  printSchema,
  type BreakingChange,
  type DangerousChange,
} from 'graphql';
import { PROJECT_ROOT } from '../config.js';
import { loadTypeDefs } from '../graph/index.js';

export const SDL_FILE = join(PROJECT_ROOT, 'schema.graphql');

const HEADER =
  '# The full SDL of the techgraph API, printed by `npm run schema:print` from schema/*.graphql. Do not edit.\n' +
  '# `npm test` fails when schema/ breaks this contract or when this file is stale; see README, "The schema as an artifact".\n\n';

/** The current schema (plain mode), printed. */
export function printCurrentSdl(schemaDir?: string): string {
  return HEADER + printSchema(buildSchema(loadTypeDefs(schemaDir))) + '\n';
}

export function readCommittedSdl(file = SDL_FILE): string {
  return readFileSync(file, 'utf8');
}

export interface SdlComparison {
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
}

/** What changes from `before` to `after` would break (or may surprise) clients written against `before`. */
export function compareSdl(before: string, after: string): SdlComparison {
  const a = buildSchema(before);
  const b = buildSchema(after);
  return { breaking: findBreakingChanges(a, b), dangerous: findDangerousChanges(a, b) };
}

export function describeChanges(changes: Array<{ type: string; description: string }>): string {
  return changes.map((c) => `  ${c.type}: ${c.description}`).join('\n');
}

export interface PrintResult {
  /** 'unchanged': the file already held the current SDL; 'refused': breaking changes and no acceptance. */
  outcome: 'written' | 'unchanged' | 'refused';
  breaking: BreakingChange[];
  dangerous: DangerousChange[];
}

/**
 * Writes the current SDL to `file`, unless that would record a breaking change against what the file holds
 * and `acceptBreaking` is not set: breaking the contract must be a decision, never a side effect of a refresh.
 */
export function writeSdl(opts: { file?: string; schemaDir?: string; acceptBreaking?: boolean } = {}): PrintResult {
  const file = opts.file ?? SDL_FILE;
  const next = printCurrentSdl(opts.schemaDir);
  let changes: SdlComparison = { breaking: [], dangerous: [] };
  if (existsSync(file)) {
    const previous = readFileSync(file, 'utf8');
    if (previous === next) return { outcome: 'unchanged', ...changes };
    changes = compareSdl(previous, next);
    if (changes.breaking.length > 0 && !opts.acceptBreaking) return { outcome: 'refused', ...changes };
  }
  writeFileSync(file, next);
  return { outcome: 'written', ...changes };
}
