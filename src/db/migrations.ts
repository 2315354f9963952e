// Schema management, run at every start: idempotent (IF NOT EXISTS), so it is safe on an existing store.
import { ENTITIES } from '../graph/model.js';
import { SORT_KEY, sortKeySource } from '../graph/sorts.js';
import type { Database, QueryStats } from './driver.js';

/** The full-text index of names, Korean names and aliases that search reads. */
export const NAME_INDEX = 'name_alias_search';

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
    if (sortKeySource(e)) stmts.push(`CREATE INDEX ${l.toLowerCase()}_sort_key IF NOT EXISTS FOR (n:${l}) ON (n.${SORT_KEY})`);
  }
  stmts.push(
    'CREATE INDEX organization_country IF NOT EXISTS FOR (n:Organization) ON (n.country)',
    'CREATE INDEX technology_kind IF NOT EXISTS FOR (n:Technology) ON (n.kind)',
    'CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status)',
    // Evidence is read from its technology along ASSESSES, LISTS and IMPORT_OF; these serve the questions that
    // start from the home country instead (its assessments, its imports).
    'CREATE INDEX nationalassessment_country IF NOT EXISTS FOR (n:NationalAssessment) ON (n.country)',
    'CREATE INDEX importdependence_importer IF NOT EXISTS FOR (n:ImportDependence) ON (n.importer)',
    // Search in English and Korean (the 'cjk' analyzer tokenises Hangul into bigrams), over the other spellings too.
    // An index's properties cannot change, so the one without aliases (name_search) gives way to a new name.
    'DROP INDEX name_search IF EXISTS',
    `CREATE FULLTEXT INDEX ${NAME_INDEX} IF NOT EXISTS FOR (n:Technology|Organization|Sector|Person) ON EACH [n.name, n.nameKo, n.aliases]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk' } }`,
  );
  return stmts;
}

/**
 * Data migrations, idempotent like the schema: the sort key of nodes written before it existed (every write
 * since sets it). Cypher's toLower and JavaScript's toLowerCase agree but for a few special-cased letters, which
 * at worst place such a name elsewhere in the order; the cursors stay consistent, as they compare stored keys.
 */
export function dataStatements(): string[] {
  return ENTITIES.flatMap((e) => {
    const text = sortKeySource(e);
    return text ? [`MATCH (n:${e.label}) WHERE n.${SORT_KEY} IS NULL SET n.${SORT_KEY} = toLower(coalesce(n.${text}, ''))`] : [];
  });
}

export async function migrate(db: Database, stats: QueryStats = db.startUpStats()): Promise<void> {
  for (const stmt of schemaStatements()) await db.write(stmt, {}, stats);
  for (const stmt of dataStatements()) await db.write(stmt, {}, stats);
  // Index population is asynchronous; queries right after a start must see complete indexes.
  await db.write('CALL db.awaitIndexes(60)', {}, stats);
}
