// The seeds and the default graph. Every seeds/*.json file (in name order) is merged into one graph document; the
// default graph is that document merged with CSET's dataset as its importer builds it from the kept CSV files
// (data/cset-eto-chip-explorer/), so the shipped graph is what the importer makes of those files. The demo set
// (seeds/demo/*.json: fictional records only) is added on request. All of it goes through the import path, so it
// obeys the same validation as any import.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { ENTITIES } from '../domain/model.js';
import { buildCsetDocument, readCsetMapping } from './cset.js';
import { readCsetFiles } from './cset-files.js';
import { FORMAT, type GraphDocument } from '../domain/document.js';

export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');
/** Fictional organizations, technologies and figures; not part of the default graph (seeds/README.md). */
export const DEMO_DIR = join(SEEDS_DIR, 'demo');

const COLLECTIONS = [...ENTITIES.map((e) => e.collection), 'relationships'];

/** The documents' collections concatenated (ids are not merged: a duplicate is the validator's to report). */
export function mergeDocuments(...docs: GraphDocument[]): GraphDocument {
  const merged: Record<string, unknown[]> = {};
  for (const doc of docs) {
    for (const key of COLLECTIONS) {
      const list = (doc as Record<string, unknown>)[key];
      if (Array.isArray(list)) (merged[key] ??= []).push(...list);
    }
  }
  return merged as GraphDocument;
}

/** The graph documents of a folder's *.json files (not its subfolders), merged in name order. */
export function readSeeds(dir = SEEDS_DIR): GraphDocument {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return mergeDocuments(...files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GraphDocument));
}

/** The demo set alone: it refers to nothing outside itself. */
export function readDemo(dir = DEMO_DIR): GraphDocument {
  return readSeeds(dir);
}

/**
 * The default graph: seeds/*.json and CSET's dataset (REPORTED and ASSESSED records only); with `demo`, the
 * fictional demo set too.
 */
export function readDefaultGraph(opts: { demo?: boolean } = {}): GraphDocument {
  const docs = [readSeeds(), buildCsetDocument(readCsetFiles(), readCsetMapping())];
  if (opts.demo) docs.push(readDemo());
  return { format: FORMAT, ...mergeDocuments(...docs) };
}
