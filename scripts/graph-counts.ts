// `npx tsx scripts/graph-counts.ts [--demo]`: the default graph's records by kind and provenance, as a Markdown table
// (seeds/README.md shows it). Reads the files, no database.
import { readDefaultGraph } from '../src/import/seeds.js';

const doc = readDefaultGraph({ demo: process.argv.includes('--demo') }) as unknown as Record<string, unknown>;
const PROVENANCES = ['REPORTED', 'ASSESSED', 'ILLUSTRATIVE'] as const;
const rows: Array<[string, Record<string, number>]> = [];
const count = (key: string, recs: Array<Record<string, unknown>>) => {
  const by: Record<string, number> = {};
  for (const r of recs) by[r.provenance as string] = (by[r.provenance as string] ?? 0) + 1;
  rows.push([key, by]);
};
for (const [key, list] of Object.entries(doc)) {
  if (!Array.isArray(list) || key === 'relationships') continue;
  count(key, list as Array<Record<string, unknown>>);
}
const rels = (doc.relationships ?? []) as Array<Record<string, unknown>>;
for (const type of [...new Set(rels.map((r) => r.type as string))].sort())
  count(
    type,
    rels.filter((r) => r.type === type),
  );
console.log(`| records | ${PROVENANCES.join(' | ')} |\n| --- |${PROVENANCES.map(() => ' ---: |').join('')}`);
for (const [k, by] of rows) console.log(`| ${k} | ${PROVENANCES.map((p) => by[p] ?? '').join(' | ')} |`);
