// The seeds: every seeds/*.json file (in name order) merged into one graph document and loaded through the
// import path, so seed data obeys the same validation as any import.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { ENTITIES } from '../graph/model.js';
import type { GraphDocument } from './document.js';

export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');

export function readSeeds(dir = SEEDS_DIR): GraphDocument {
  const merged: Record<string, unknown[]> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    for (const key of [...ENTITIES.map((e) => e.collection), 'relationships']) {
      const list = doc[key];
      if (Array.isArray(list)) (merged[key] ??= []).push(...list);
    }
  }
  return merged as GraphDocument;
}
