// Reads the five CSV files of CSET's Advanced Semiconductor Supply Chain dataset (data/cset-eto-chip-explorer/,
// see its SOURCE.md) into typed rows. It refuses, naming file and line, what would import a wrong graph silently:
// an unresolved merge (some stored versions of the files carry `<<<<<<<` markers), a missing column, a row whose
// reference names no stage, input or provider of the files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { parseCsv } from './csv.js';

export const CSET_DIR = join(PROJECT_ROOT, 'data', 'cset-eto-chip-explorer');

export class CsetDataError extends Error {}

export interface CsetStage {
  id: string;
  name: string;
}
export interface CsetInput {
  id: string;
  name: string;
  type: string;
  stageId: string;
  description: string;
}
export interface CsetSequence {
  inputId: string;
  goesIntoId: string;
  isTypeOfId: string;
}
export interface CsetProvider {
  id: string;
  name: string;
  type: 'country' | 'organization';
  country: string;
}
export interface CsetProvision {
  providerId: string;
  providedId: string;
  share: number | null;
  negligible: boolean;
  line: number;
}

export interface CsetFiles {
  stages: CsetStage[];
  inputs: CsetInput[];
  sequence: CsetSequence[];
  providers: CsetProvider[];
  provision: CsetProvision[];
}

const COLUMNS = {
  stages: ['stage_id', 'stage_name'],
  inputs: ['input_id', 'input_name', 'type', 'stage_id', 'description'],
  sequence: ['input_id', 'goes_into_id', 'is_type_of_id'],
  providers: ['provider_id', 'provider_name', 'provider_type', 'country'],
  provision: ['provider_id', 'provided_id', 'share_provided', 'negligible_market_share'],
} as const;

// A line that git writes around the two sides of an unresolved merge.
const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/;

/** The file's rows as records keyed by column (with their line), after the checks above. */
export function readCsvRecords(
  text: string,
  file: string,
  columns: readonly string[],
): Array<{ row: Record<string, string>; line: number }> {
  const lines = text.split(/\r?\n/);
  const marker = lines.findIndex((l) => CONFLICT_MARKER.test(l));
  if (marker >= 0) {
    throw new CsetDataError(
      `${file} line ${marker + 1}: merge-conflict marker "${lines[marker].slice(0, 20)}": the file holds an unresolved merge; ` +
        'take the files from a commit whose CSV files are clean (data/cset-eto-chip-explorer/SOURCE.md)',
    );
  }
  const rows = parseCsv(text.replace(/^\uFEFF/, '')); // the upstream files of stages and inputs start with a BOM
  const header = rows[0] ?? [];
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length)
    throw new CsetDataError(`${file}: missing column(s) ${missing.join(', ')} (header: ${header.join(', ')})`);
  const out: Array<{ row: Record<string, string>; line: number }> = [];
  // Lines are counted as rows + 1, which holds while no quoted field spans lines before it; good enough to find a row.
  rows.slice(1).forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === '') return;
    const row: Record<string, string> = {};
    header.forEach((h, j) => {
      row[h] = (cells[j] ?? '').trim();
    });
    out.push({ row, line: i + 2 });
  });
  return out;
}

function percent(value: string, where: string): number | null {
  if (value === '') return null;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 0 && n <= 100)) throw new CsetDataError(`${where}: share_provided "${value}" is not a percentage 0–100`);
  return n;
}

export function parseCsetFiles(texts: Record<keyof CsetFiles, string>): CsetFiles {
  const read = (k: keyof CsetFiles) => readCsvRecords(texts[k], `${k}.csv`, COLUMNS[k]);
  const stages = read('stages').map(({ row }) => ({ id: row.stage_id, name: row.stage_name }));
  const inputs = read('inputs').map(({ row }) => ({
    id: row.input_id,
    name: row.input_name,
    type: row.type,
    stageId: row.stage_id,
    description: row.description,
  }));
  const providers = read('providers').map(({ row, line }) => {
    if (row.provider_type !== 'country' && row.provider_type !== 'organization') {
      throw new CsetDataError(
        `providers.csv line ${line}: provider_type "${row.provider_type}" is neither country nor organization`,
      );
    }
    return {
      id: row.provider_id,
      name: row.provider_name,
      type: row.provider_type,
      country: row.country,
    } as CsetProvider;
  });
  const stageIds = new Set(stages.map((s) => s.id));
  const inputIds = new Set(inputs.map((i) => i.id));
  const providerIds = new Set(providers.map((p) => p.id));
  inputs.forEach((i) => {
    if (i.stageId && !stageIds.has(i.stageId))
      throw new CsetDataError(`inputs.csv: input ${i.id} names stage ${i.stageId}, which stages.csv lacks`);
  });
  const sequence = read('sequence').map(({ row, line }) => {
    for (const id of [row.input_id, row.goes_into_id, row.is_type_of_id]) {
      if (id && !inputIds.has(id))
        throw new CsetDataError(`sequence.csv line ${line}: input ${id} is not in inputs.csv`);
    }
    return { inputId: row.input_id, goesIntoId: row.goes_into_id, isTypeOfId: row.is_type_of_id };
  });
  const provision = read('provision').map(({ row, line }) => {
    const where = `provision.csv line ${line}`;
    if (!providerIds.has(row.provider_id))
      throw new CsetDataError(`${where}: provider ${row.provider_id} is not in providers.csv`);
    if (!inputIds.has(row.provided_id) && !stageIds.has(row.provided_id)) {
      throw new CsetDataError(`${where}: ${row.provided_id} is neither an input nor a stage`);
    }
    return {
      providerId: row.provider_id,
      providedId: row.provided_id,
      share: percent(row.share_provided, where),
      negligible: row.negligible_market_share === 'negligible',
      line,
    };
  });
  return { stages, inputs, sequence, providers, provision };
}

export function readCsetFiles(dir = CSET_DIR): CsetFiles {
  const text = (k: string) => readFileSync(join(dir, `${k}.csv`), 'utf8');
  return parseCsetFiles({
    stages: text('stages'),
    inputs: text('inputs'),
    sequence: text('sequence'),
    providers: text('providers'),
    provision: text('provision'),
  });
}
