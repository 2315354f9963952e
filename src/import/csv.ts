// CSV as an extra form of the graph document: one file per collection (`technologies.csv`, ...) whose columns
// are the record's fields, plus `relationships.csv` (type, from, to, the relationship properties).
// Lists (`sources`) are joined with `;`. Values are typed by the model when read, so a CSV import is
// validated exactly like a JSON one. Text that a spreadsheet would run as a formula (it starts with = + - @, a tab
// or a carriage return) is written behind a single quote, as OWASP advises for CSV files, and the quote is taken
// off again when read, so export → import stays exact (docs/import-format.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES, propOf, refFields, RELATIONSHIPS, type PropSpec } from '../domain/model.js';
import type { GraphDocument } from '../domain/document.js';

const REL_PROPS = [...new Set(RELATIONSHIPS.flatMap((r) => Object.keys(r.props)))];

function columnsOf(collection: string): string[] {
  if (collection === 'relationships') return ['type', 'from', 'to', ...REL_PROPS, 'provenance', 'sources'];
  const e = ENTITIES.find((x) => x.collection === collection)!;
  return ['id', ...Object.keys(e.props), ...refFields(e), 'provenance', 'sources'];
}

/** The model's spec of a column; own properties only, since a header can be any text ("constructor"). */
function propSpec(collection: string, column: string): PropSpec | undefined {
  if (collection === 'relationships') {
    for (const r of RELATIONSHIPS) {
      const p = propOf(r.props, column);
      if (p) return p;
    }
    return undefined;
  }
  const entity = ENTITIES.find((x) => x.collection === collection);
  return entity && propOf(entity.props, column);
}

/**
 * Text starting with a formula character gets a leading `'`; so does text already starting with `'`, which keeps
 * the escape reversible: unescape() takes one `'` off exactly the cells escape() made.
 */
const ESCAPED = /^[=+\-@\t\r']/;
export const escapeFormula = (s: string): string => (ESCAPED.test(s) ? `'${s}` : s);
export const unescapeFormula = (s: string): string => (s.startsWith("'") && ESCAPED.test(s.slice(1)) ? s.slice(1) : s);

function quote(v: unknown): string {
  if (v === undefined || v === null) return '';
  // Only text is escaped: numbers and booleans are written as they are (a negative number stays a number).
  const s = Array.isArray(v) ? escapeFormula(v.join(';')) : typeof v === 'string' ? escapeFormula(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Array<Record<string, unknown>>, columns: string[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c])).join(','))].join('\n') + '\n';
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** A CSV cell typed by the model; unknown kinds stay text so the validator can name the problem. */
function typed(spec: PropSpec | undefined, column: string, cell: string): unknown {
  if (column === 'sources') return cell === '' ? [] : cell.split(';').map((s) => s.trim());
  if (cell === '') return undefined;
  cell = unescapeFormula(cell);
  switch (spec?.type.kind) {
    case 'int':
    case 'float':
    case 'year':
    case 'krw': {
      const n = Number(cell);
      return Number.isNaN(n) ? cell : n;
    }
    case 'bool':
      return cell === 'true' ? true : cell === 'false' ? false : cell;
    case 'names':
      return cell.split(';').map((s) => s.trim());
    default:
      return cell;
  }
}

export function readCsvFolder(dir: string): GraphDocument {
  const doc: Record<string, unknown[]> = {};
  for (const collection of [...ENTITIES.map((e) => e.collection), 'relationships']) {
    const file = join(dir, `${collection}.csv`);
    if (!existsSync(file)) continue;
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    doc[collection] = rows.map((cells) => {
      const rec: Record<string, unknown> = {};
      header.forEach((col, i) => {
        const v = typed(propSpec(collection, col), col, cells[i] ?? '');
        // An own property even for a "__proto__" column (an assignment would set the prototype and drop the
        // column silently), so the validator reports it as an unknown field.
        if (v !== undefined)
          Object.defineProperty(rec, col, { value: v, enumerable: true, writable: true, configurable: true });
      });
      return rec;
    });
  }
  return doc as GraphDocument;
}

export function writeCsvFolder(doc: GraphDocument, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const collection of [...ENTITIES.map((e) => e.collection), 'relationships']) {
    const rows = (doc as Record<string, unknown>)[collection] as Array<Record<string, unknown>> | undefined;
    // An empty collection as a header alone, so that it reads back as an empty list, as the JSON form has it.
    if (rows) writeFileSync(join(dir, `${collection}.csv`), toCsv(rows, columnsOf(collection)));
  }
}
