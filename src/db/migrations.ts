// Schema management, run at every start and safe on an existing store. It reads the schema once (SHOW INDEXES)
// and sends only what is missing: on a store that is up to date that is two statements, not some fifty
// (each CREATE ... IF NOT EXISTS was a round trip and a plan of its own).
import { ENTITIES } from '../domain/model.js';
import { SORT_KEY, sortKeySource } from '../domain/sorts.js';
import type { Database } from './driver.js';

/** The full-text index of names, Korean names and aliases that search reads. */
export const NAME_INDEX = 'name_alias_search';

/** Every node also carries this label, so any id is one index lookup away whatever its type. */
export const ENTITY_LABEL = 'Entity';

/** A constraint or index the service needs, by its name. */
export interface SchemaItem {
  name: string;
  kind: 'constraint' | 'index';
  /** Still IF NOT EXISTS: another process (a second API on the same server) may create it meanwhile. */
  create: string;
}

/**
 * Indexes that must not exist (dropped if present). An index's properties cannot change, so the search index
 * without aliases (name_search) gave way to NAME_INDEX.
 */
export const RETIRED_INDEXES = ['name_search'];

export function schemaItems(): SchemaItem[] {
  const constraint = (name: string, label: string): SchemaItem => ({
    name,
    kind: 'constraint',
    create: `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  });
  const index = (name: string, label: string, prop: string): SchemaItem => ({
    name,
    kind: 'index',
    create: `CREATE INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (n.${prop})`,
  });
  const items = [constraint('entity_id', ENTITY_LABEL)];
  for (const e of ENTITIES) {
    const l = e.label;
    items.push(constraint(`${l.toLowerCase()}_id`, l));
    if ('name' in e.props) items.push(index(`${l.toLowerCase()}_name`, l, 'name'));
    if (sortKeySource(e)) items.push(index(`${l.toLowerCase()}_sort_key`, l, SORT_KEY));
  }
  items.push(
    index('organization_country', 'Organization', 'country'),
    index('technology_kind', 'Technology', 'kind'),
    index('project_status', 'Project', 'status'),
    // Evidence is read from its technology along ASSESSES, LISTS and IMPORT_OF; these serve the questions that
    // start from the home country instead (its assessments, its imports).
    index('nationalassessment_country', 'NationalAssessment', 'country'),
    index('importdependence_importer', 'ImportDependence', 'importer'),
    {
      // Search in English and Korean (the 'cjk' analyzer tokenises Hangul into bigrams), over the other spellings too.
      name: NAME_INDEX,
      kind: 'index',
      create: `CREATE FULLTEXT INDEX ${NAME_INDEX} IF NOT EXISTS FOR (n:Technology|Organization|Sector|Person) ON EACH [n.name, n.nameKo, n.aliases]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'cjk' } }`,
    },
  );
  return items;
}

/** What SHOW INDEXES says about one index (a uniqueness constraint has one too, named by owningConstraint). */
export interface ExistingIndex {
  name: string;
  state: string;
  owningConstraint: string | null;
}

/** The statements that bring a store with `existing` indexes to schemaItems(), in order; empty when it is there. */
export function schemaChanges(existing: ExistingIndex[]): string[] {
  const indexes = new Set(existing.map((i) => i.name));
  const constraints = new Set(existing.flatMap((i) => (i.owningConstraint ? [i.owningConstraint] : [])));
  return [
    ...RETIRED_INDEXES.filter((name) => indexes.has(name)).map((name) => `DROP INDEX ${name} IF EXISTS`),
    ...schemaItems()
      .filter((item) => !(item.kind === 'constraint' ? constraints : indexes).has(item.name))
      .map((item) => item.create),
  ];
}

/**
 * Data migration, idempotent like the schema: the sort key of nodes written before it existed (every write since
 * sets it), one unit subquery per label in one statement. Cypher's toLower and JavaScript's toLowerCase agree but
 * for a few special-cased letters, which at worst place such a name elsewhere in the order; the cursors stay
 * consistent, as they compare stored keys.
 */
export function dataStatement(): string {
  return ENTITIES.flatMap((e) => {
    const text = sortKeySource(e);
    return text
      ? [
          `CALL () { MATCH (n:${e.label}) WHERE n.${SORT_KEY} IS NULL SET n.${SORT_KEY} = toLower(coalesce(n.${text}, '')) }`,
        ]
      : [];
  }).join('\n');
}

export async function migrate(database: Database): Promise<void> {
  const db = database.startUp();
  const existing = (await db.read('SHOW INDEXES YIELD name, state, owningConstraint')) as unknown as ExistingIndex[];
  const changes = schemaChanges(existing);
  for (const stmt of changes) await db.write(stmt);
  await db.write(dataStatement());
  // Index population is asynchronous; queries right after a start must see complete indexes.
  if (changes.length > 0 || existing.some((i) => i.state !== 'ONLINE')) await db.write('CALL db.awaitIndexes(60)');
}
