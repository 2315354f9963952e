// Validates a whole graph document before anything is written: shapes, ids, enums, ranges, references
// (to records in the document or already in the database), duplicates, the evidence rules (evidence-rules.ts), and
// DEPENDS_ON cycles.
// Returns every problem with its path; an empty list means the document can be written.
import {
  ENTITIES,
  ENTITY_BY_PREFIX,
  ID_PATTERN,
  PROVENANCES,
  propOf,
  RELATIONSHIP_BY_TYPE,
  type EntitySpec,
} from '../domain/model.js';
import { describe, valueProblem } from '../domain/values.js';
import { findCycle } from '../domain/cycles.js';
import { FORMAT, type ImportProblem } from '../domain/document.js';
import { checkEvidenceRecord, checkListings, type StoredListing } from '../domain/evidence-rules.js';

/** What the database already holds that a document may refer to. */
export interface ExistingGraph {
  /** Labels of those of `ids` that exist. */
  labelsOf(ids: string[]): Promise<Map<string, string>>;
  /** Every DEPENDS_ON edge in the database, as [from, to]. */
  dependencies(): Promise<Array<[string, string]>>;
  /** The supply listings of these ids that exist, with their shares (for the listing rules). */
  supplyListings(ids: string[]): Promise<StoredListing[]>;
}

/** An empty database: a document checked against it must be whole by itself. */
export const EMPTY_GRAPH: ExistingGraph = {
  labelsOf: async () => new Map(),
  dependencies: async () => [],
  supplyListings: async () => [],
};

const NODE_META = new Set(['id', 'provenance', 'sources']);
const REL_META = new Set(['type', 'from', 'to', 'provenance', 'sources']);
const COLLECTIONS = new Set([...ENTITIES.map((e) => e.collection), 'relationships', 'format']);
const MAX_PROBLEMS = 1000;

export async function validateDocument(doc: unknown, existing: ExistingGraph): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string, code = 'INVALID') => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message, code });
  };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    problem('', `the document must be a JSON object, got ${describe(doc)}`);
    return problems;
  }
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!COLLECTIONS.has(key))
      problem(key, `unknown collection "${key}"; expected one of ${[...COLLECTIONS].join(', ')}`, 'UNKNOWN_FIELD');
  }
  if (d.format !== undefined && d.format !== FORMAT)
    problem('format', `must be "${FORMAT}", got ${describe(d.format)}`);

  // Pass 1: nodes. Collect declared ids (with their label) for reference checks.
  const declared = new Map<string, string>();
  const refs: Array<{ path: string; id: string; labels: readonly string[] }> = [];
  for (const entity of ENTITIES) {
    const list = d[entity.collection];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problem(entity.collection, `must be a list, got ${describe(list)}`);
      continue;
    }
    list.forEach((rec, i) => checkNode(entity, rec, `${entity.collection}[${i}]`, declared, refs, problem));
  }

  // Pass 2: relationships.
  const relKeys = new Set<string>();
  const newDeps: Array<[string, string]> = [];
  const rels = d.relationships;
  if (rels !== undefined && !Array.isArray(rels)) problem('relationships', `must be a list, got ${describe(rels)}`);
  if (Array.isArray(rels)) {
    rels.forEach((rec, i) => {
      const path = `relationships[${i}]`;
      if (!isObject(rec)) return problem(path, `must be an object, got ${describe(rec)}`);
      const spec = typeof rec.type === 'string' ? RELATIONSHIP_BY_TYPE.get(rec.type) : undefined;
      if (!spec) {
        return problem(
          `${path}.type`,
          `must be one of ${[...RELATIONSHIP_BY_TYPE.keys()].join(', ')}, got ${describe(rec.type)}`,
        );
      }
      const endsOk =
        checkRef(rec.from, `${path}.from`, spec.from, refs, problem) &
        checkRef(rec.to, `${path}.to`, spec.to, refs, problem);
      checkProvenance(rec, path, refs, problem);
      for (const [key, value] of Object.entries(rec)) {
        if (REL_META.has(key)) continue;
        const p = propOf(spec.props, key);
        if (!p) {
          problem(`${path}.${key}`, `unknown property "${key}" of ${spec.type}`, 'UNKNOWN_FIELD');
          continue;
        }
        if (value === null) continue;
        const msg = valueProblem(p.type, value);
        if (msg) problem(`${path}.${key}`, msg);
      }
      for (const [key, p] of Object.entries(spec.props)) {
        if (p.required && (rec[key] === undefined || rec[key] === null))
          problem(`${path}.${key}`, `is required for ${spec.type}`, 'REQUIRED');
      }
      if (endsOk) {
        const key = `${spec.type} ${rec.from} ${rec.to}`;
        if (relKeys.has(key))
          problem(path, `duplicate relationship ${spec.type} from ${rec.from} to ${rec.to}`, 'DUPLICATE');
        relKeys.add(key);
        if (spec.type === 'DEPENDS_ON') {
          if (rec.from === rec.to) problem(path, `${rec.from} cannot depend on itself`, 'CYCLE');
          else newDeps.push([rec.from as string, rec.to as string]);
        }
      }
    });
  }

  // References: to a record in the document, or else to a node already in the database, of a fitting type.
  const missing = [...new Set(refs.filter((r) => !declared.has(r.id)).map((r) => r.id))];
  const inDb = missing.length ? await existing.labelsOf(missing) : new Map<string, string>();
  for (const ref of refs) {
    const label = declared.get(ref.id) ?? inDb.get(ref.id);
    if (!label)
      problem(ref.path, `refers to ${ref.id}, which is neither in this document nor in the database`, 'NOT_FOUND');
    else if (!ref.labels.includes(label))
      problem(ref.path, `must refer to a ${ref.labels.join(' or ')}, but ${ref.id} is a ${label}`);
  }

  // A listing's shares together, with those already stored.
  await checkListings(d, (ids) => existing.supplyListings(ids), problem);

  // Cycles over the dependencies in the database plus the new ones.
  if (newDeps.length && problems.length === 0) {
    const cycle = findCycle([...(await existing.dependencies()), ...newDeps]);
    if (cycle)
      problem('relationships', `these DEPENDS_ON relationships would close a cycle: ${cycle.join(' -> ')}`, 'CYCLE');
  }
  return problems;
}

type Problem = (path: string, message: string, code?: string) => void;
type Refs = Array<{ path: string; id: string; labels: readonly string[] }>;

function checkNode(
  entity: EntitySpec,
  rec: unknown,
  path: string,
  declared: Map<string, string>,
  refs: Refs,
  problem: Problem,
): void {
  if (!isObject(rec)) return problem(path, `must be an object, got ${describe(rec)}`);
  const id = rec.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    problem(
      `${path}.id`,
      `must be an id "${entity.prefix}:<slug>" (lower-case letters, digits, - _ .), got ${describe(id)}`,
      'BAD_ID',
    );
  } else if (ENTITY_BY_PREFIX.get(id.slice(0, id.indexOf(':'))) !== entity) {
    problem(`${path}.id`, `a ${entity.label} id must start with "${entity.prefix}:", got "${id}"`, 'BAD_ID');
  } else if (declared.has(id)) {
    problem(`${path}.id`, `duplicate id ${id}`, 'DUPLICATE');
  } else {
    declared.set(id, entity.label);
  }
  // A Source is where facts come from; it need not cite another.
  checkProvenance(rec, path, refs, problem, entity.label !== 'Source');
  for (const [key, value] of Object.entries(rec)) {
    if (NODE_META.has(key)) continue;
    const ref = entity.refs?.find((r) => r.field === key);
    if (ref) {
      if (value !== null) checkRef(value, `${path}.${key}`, [ref.label], refs, problem);
      continue;
    }
    const p = propOf(entity.props, key);
    if (!p) {
      problem(`${path}.${key}`, `unknown property "${key}" of ${entity.label}`, 'UNKNOWN_FIELD');
      continue;
    }
    if (value === null) continue;
    const msg = valueProblem(p.type, value);
    if (msg) problem(`${path}.${key}`, msg);
  }
  for (const [key, p] of Object.entries(entity.props)) {
    if (p.required && (rec[key] === undefined || rec[key] === null))
      problem(`${path}.${key}`, `is required for ${entity.label}`, 'REQUIRED');
  }
  for (const ref of entity.refs ?? []) {
    if (ref.required && (rec[ref.field] === undefined || rec[ref.field] === null))
      problem(`${path}.${ref.field}`, `is required for ${entity.label}`, 'REQUIRED');
  }
  for (const ref of entity.refs ?? []) {
    if (ref.label === entity.label && typeof id === 'string' && rec[ref.field] === id) {
      problem(`${path}.${ref.field}`, `must name another ${entity.label}, not the record itself (${id})`);
    }
  }
  checkEvidenceRecord(entity.label, rec, path, problem);
  for (const [a, b] of [
    ['fromYear', 'toYear'],
    ['startYear', 'endYear'],
  ] as const) {
    if (typeof rec[a] === 'number' && typeof rec[b] === 'number' && (rec[b] as number) < (rec[a] as number)) {
      problem(`${path}.${b}`, `must not be before ${a} (${rec[a]}), got ${rec[b]}`);
    }
  }
}

function checkProvenance(
  rec: Record<string, unknown>,
  path: string,
  refs: Refs,
  problem: Problem,
  mustCite = true,
): void {
  const prov = rec.provenance;
  if (typeof prov !== 'string' || !(PROVENANCES as readonly string[]).includes(prov)) {
    problem(
      `${path}.provenance`,
      `must be one of ${PROVENANCES.join(', ')}, got ${describe(prov)}`,
      prov === undefined ? 'REQUIRED' : 'INVALID',
    );
  }
  const sources = rec.sources ?? [];
  if (!Array.isArray(sources))
    return problem(`${path}.sources`, `must be a list of source ids, got ${describe(sources)}`);
  sources.forEach((s, i) => checkRef(s, `${path}.sources[${i}]`, ['Source'], refs, problem));
  if (new Set(sources).size !== sources.length) problem(`${path}.sources`, 'lists a source twice', 'DUPLICATE');
  if (mustCite && (prov === 'REPORTED' || prov === 'ASSESSED') && sources.length === 0) {
    problem(`${path}.sources`, `a ${prov} fact must cite at least one source`, 'REQUIRED');
  }
}

/** Checks an id's shape and records it for the reference check; returns 1 when well-formed. */
function checkRef(value: unknown, path: string, labels: readonly string[], refs: Refs, problem: Problem): number {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    problem(
      path,
      `must be an id such as "${ENTITIES.find((e) => e.label === labels[0])?.prefix}:<slug>", got ${describe(value)}`,
      'BAD_ID',
    );
    return 0;
  }
  refs.push({ path, id: value, labels });
  return 1;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
