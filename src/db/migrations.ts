// Schema management, run at every start: idempotent (IF NOT EXISTS), so it is safe on an existing store.
import { ENTITIES } from '../graph/model.js';
import type { Database } from './driver.js';

/** Every node also carries this label, so any id is one index lookup away whatever its type. */
export const ENTITY_LABEL = 'Entity';

export function schemaStatements(): string[] {
  const stmts = [
    `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${ENTITY_LABEL}) REQUIRE n.id IS UNIQUE`,
  ];
  for (const e of ENTITIES) {
    const l = e.label;
    stmts.push(`CREATE CONSTRAINT ${l.toLowerCase()}_id IF NOT EXISTS FOR (n:${l}) REQUIRE n.id IS UNIQUE`);
    if ('name' in e.props) stmts.push(`CREATE INDEX ${l.toLowerCase()}_name IF NOT EXISTS FOR (n:${l}) ON (n.name)`);
  }
  stmts.push(
    'CREATE INDEX organization_country IF NOT EXISTS FOR (n:Organization) ON (n.country)',
    'CREATE INDEX technology_kind IF NOT EXISTS FOR (n:Technology) ON (n.kind)',
    'CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status)',
    // Search in English and Korean (the 'cjk' analyzer tokenises Hangul into bigrams).
    `CREATE FULLTEXT INDEX name_search IF NOT EXISTS FOR (n:Technology|Organization|Sector|Person) ON EACH [n.name, n.nameKo]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk' } }`,
  );
  return stmts;
}

export async function migrate(db: Database): Promise<void> {
  for (const stmt of schemaStatements()) await db.write(stmt);
  // Index population is asynchronous; queries right after a start must see complete indexes.
  await db.write('CALL db.awaitIndexes(60)');
}
