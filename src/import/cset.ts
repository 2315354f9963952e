// CSET's Advanced Semiconductor Supply Chain dataset as a graph document of REPORTED records (issue 17, item 2):
//   stages     -> the semiconductor sector's value-chain stages (mapped onto the seeds' stages, mapping.json);
//   inputs     -> technologies tech:cset-<slug> (or the seeds' technology where mapping.json says it is the same);
//   sequence   -> DEPENDS_ON: "A goes into B" means B needs A, so B DEPENDS_ON A (REPORTED); "A is a type of B" means
//                 the category B is supplied by its kinds, so B DEPENDS_ON A too (ASSESSED: a reading of ours);
//   providers  -> organizations org:cset-<slug> with their ISO country (or the seeds' organization, mapping.json);
//                 country providers are not organizations: their rows become country shares;
//   provision  -> one supply listing per input of the report's year and its shares: a number where the data has
//                 one, "listed without a number" where it names a provider without one, "negligible" as such.
// The document goes through importDocument like any import; every id is derived from the data, so it is idempotent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphDocument, NodeRecord, RelationshipRecord } from '../domain/document.js';
import { CSET_DIR, CsetDataError, type CsetFiles, type CsetInput, type CsetProvider } from './cset-files.js';

export const CSET_COMMIT = 'c68331d8f0605716906f98b528df073d158a591d';
export const CSET_DATASET_SOURCE = 'source:cset-eto-chip-explorer-c68331d';
export const CSET_REPORT_SOURCE = 'source:cset-2021-semiconductor-supply-chain';
/**
 * The year of every listing: the report (January 2021) gives market shares of 2019, as the inputs' market sizes say
 * ("$3.1 billion (2019)"); the 2022 research of this edition corrected the providers' names and countries, not shares.
 */
export const CSET_YEAR = 2019;
/** A listing is complete when its named countries' shares sum to at least this (docs/domain.md). */
export const COMPLETE_AT = 95;
/** ...and to at most this: the validator's limit for a complete listing (src/domain/evidence-rules.ts). */
export const COMPLETE_AT_MOST = 100.5;

export const NOTE_NO_NUMBER = 'listed without a number';
export const NOTE_NEGLIGIBLE = 'negligible';

/** CSET's country codes (alpha-3, and MAL for Malaysia) as ISO 3166-1 alpha-2. */
const COUNTRY: Record<string, string> = {
  USA: 'US',
  CHN: 'CN',
  KOR: 'KR',
  JPN: 'JP',
  TWN: 'TW',
  DEU: 'DE',
  ITA: 'IT',
  NLD: 'NL',
  MAL: 'MY',
  MYS: 'MY',
  SGP: 'SG',
  CHE: 'CH',
  AUT: 'AT',
  SWE: 'SE',
  GBR: 'GB',
  FRA: 'FR',
  ISR: 'IL',
  BLR: 'BY',
  CZE: 'CZ',
  CAN: 'CA',
  LUX: 'LU',
};
/** The country provider that stands for the rest of the world: no country to record a share for. */
const VARIOUS = 'Various';

interface Mapped {
  cset: string;
  name: string;
  reason: string;
}
export interface CsetMapping {
  sector: string;
  stages: Array<Mapped & { stage: string }>;
  technologies: Array<Mapped & { technology: string }>;
  organizations: Array<Mapped & { organization: string }>;
  notMapped?: Array<Mapped & { near: string }>;
}

export function readCsetMapping(dir = CSET_DIR): CsetMapping {
  return JSON.parse(readFileSync(join(dir, 'mapping.json'), 'utf8')) as CsetMapping;
}

export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const REPORTED = (sources: string[]) => ({ provenance: 'REPORTED' as const, sources });

export function csetSources(): NodeRecord[] {
  return [
    {
      id: CSET_REPORT_SOURCE,
      title: 'The Semiconductor Supply Chain: Assessing National Competitiveness (issue brief, January 2021)',
      publisher: 'Center for Security and Emerging Technology (CSET), Georgetown University',
      url: 'https://cset.georgetown.edu/publication/the-semiconductor-supply-chain/',
      kind: 'REPORT',
      ...REPORTED([]),
    },
    {
      id: CSET_DATASET_SOURCE,
      title: `ETO Advanced Semiconductor Supply Chain Dataset (georgetown-cset/eto-chip-explorer, data/, commit ${CSET_COMMIT.slice(0, 7)}; CC BY-NC 4.0)`,
      publisher:
        'Emerging Technology Observatory (ETO), Center for Security and Emerging Technology (CSET), Georgetown University',
      url: `https://github.com/georgetown-cset/eto-chip-explorer/tree/${CSET_COMMIT}/data`,
      publishedAt: '2024-09-26',
      kind: 'DATASET',
      ...REPORTED([CSET_REPORT_SOURCE]),
    },
  ];
}

function checkMapping(files: CsetFiles, mapping: CsetMapping): void {
  const names = new Map<string, string>([
    ...files.stages.map((s) => [s.id, s.name] as const),
    ...files.inputs.map((i) => [i.id, i.name] as const),
    ...files.providers.map((p) => [p.id, p.name] as const),
  ]);
  const all = [...mapping.stages, ...mapping.technologies, ...mapping.organizations, ...(mapping.notMapped ?? [])];
  all.forEach((m) => {
    if (names.get(m.cset) !== m.name) {
      throw new CsetDataError(
        `mapping.json: ${m.cset} is "${names.get(m.cset) ?? 'not in the data'}" in the CSV files, not "${m.name}"`,
      );
    }
    if (!m.reason?.trim())
      throw new CsetDataError(`mapping.json: the mapping of ${m.cset} (${m.name}) gives no reason`);
  });
}

function countryOf(p: CsetProvider, where: string): string {
  const code = COUNTRY[p.type === 'country' ? p.name : p.country];
  if (!code)
    throw new CsetDataError(
      `${where}: provider ${p.id} (${p.name}) has a country "${p.type === 'country' ? p.name : p.country}" with no ISO code here`,
    );
  return code;
}

/** The graph document of the dataset under the mapping. */
export function buildCsetDocument(files: CsetFiles, mapping: CsetMapping): GraphDocument {
  checkMapping(files, mapping);
  const both = [CSET_DATASET_SOURCE, CSET_REPORT_SOURCE];
  const stageOf = new Map(mapping.stages.map((m) => [m.cset, m.stage]));
  const mappedTech = new Map(mapping.technologies.map((m) => [m.cset, m]));
  const mappedOrg = new Map(mapping.organizations.map((m) => [m.cset, m.organization]));
  const providers = new Map(files.providers.map((p) => [p.id, p]));

  const techId = new Map<string, string>();
  const slugOf = new Map<string, string>();
  const technologies: NodeRecord[] = [];
  const relationships: RelationshipRecord[] = [];
  for (const input of files.inputs) {
    const s = slug(input.name);
    if ([...slugOf.values()].includes(s))
      throw new CsetDataError(`inputs.csv: two inputs make the id tech:cset-${s} (${input.id} and another)`);
    slugOf.set(input.id, s);
    const mapped = mappedTech.get(input.id);
    techId.set(input.id, mapped?.technology ?? `tech:cset-${s}`);
    if (mapped) continue; // the seeds' record stays as it is: its name, kind, sector and stage are curated there
    technologies.push(technologyRecord(input, s, both));
    relationships.push({ type: 'IN_SECTOR', from: `tech:cset-${s}`, to: mapping.sector, ...REPORTED(both) });
    if (input.stageId) {
      const stage = stageOf.get(input.stageId);
      if (!stage)
        throw new CsetDataError(
          `mapping.json: CSET stage ${input.stageId} (of input ${input.id}) is mapped onto no stage`,
        );
      relationships.push({ type: 'AT_STAGE', from: `tech:cset-${s}`, to: stage, ...REPORTED(both) });
    }
  }

  const edges = new Set<string>();
  const dependsOn = (from: string, to: string, provenance: 'REPORTED' | 'ASSESSED') => {
    const key = `${from}>${to}`;
    if (edges.has(key)) return;
    edges.add(key);
    relationships.push({ type: 'DEPENDS_ON', from, to, provenance, sources: both });
  };
  for (const row of files.sequence) {
    if (row.goesIntoId) dependsOn(techId.get(row.goesIntoId)!, techId.get(row.inputId)!, 'REPORTED');
    if (row.isTypeOfId) dependsOn(techId.get(row.isTypeOfId)!, techId.get(row.inputId)!, 'ASSESSED');
  }

  const organizations = new Map<string, NodeRecord>();
  const supplyListings: NodeRecord[] = [];
  const supplyShares: NodeRecord[] = [];
  const byInput = new Map<string, typeof files.provision>();
  for (const row of files.provision) {
    if (!techId.has(row.providedId)) continue; // a stage's shares: the model holds shares of technologies only
    let list = byInput.get(row.providedId);
    if (!list) byInput.set(row.providedId, (list = []));
    list.push(row);
  }
  for (const input of files.inputs) {
    const rows = byInput.get(input.id);
    if (!rows) continue; // no provider named: an empty listing would claim that nobody supplies it
    const s = slugOf.get(input.id)!;
    const listingId = `listing:cset-${s}-${CSET_YEAR}`;
    let countrySum = 0;
    let various: number | null = null;
    for (const row of rows) {
      const p = providers.get(row.providerId)!;
      const where = `provision.csv line ${row.line}`;
      const note =
        row.share !== null
          ? row.negligible
            ? NOTE_NEGLIGIBLE
            : undefined
          : row.negligible
            ? NOTE_NEGLIGIBLE
            : NOTE_NO_NUMBER;
      const figures = { ...(row.share !== null ? { share: row.share } : {}), ...(note ? { note } : {}) };
      if (p.type === 'country') {
        if (p.name === VARIOUS) {
          various = row.share;
          continue;
        }
        const country = countryOf(p, where);
        countrySum += row.share ?? 0;
        supplyShares.push({
          id: `share:cset-${s}-${CSET_YEAR}-${country.toLowerCase()}`,
          listing: listingId,
          country,
          ...figures,
          ...REPORTED(both),
        });
      } else {
        const orgId = mappedOrg.get(p.id) ?? `org:cset-${slug(p.name)}`;
        if (!mappedOrg.has(p.id) && !organizations.has(orgId)) {
          organizations.set(orgId, {
            id: orgId,
            name: p.name,
            type: 'COMPANY',
            country: countryOf(p, where),
            ...REPORTED([CSET_DATASET_SOURCE]),
          });
        }
        supplyShares.push({
          id: `share:cset-${s}-${CSET_YEAR}-${orgId.slice(4)}`,
          listing: listingId,
          organization: orgId,
          ...figures,
          ...REPORTED(both),
        });
      }
    }
    supplyListings.push(
      listingRecord(listingId, input, techId.get(input.id)!, countrySum, various, mappedTech.get(input.id), both),
    );
  }

  return {
    format: 'techgraph/graph@1',
    sources: csetSources(),
    technologies,
    organizations: [...organizations.values()],
    supplyListings,
    supplyShares,
    relationships,
  };
}

function technologyRecord(input: CsetInput, s: string, sources: string[]): NodeRecord {
  return {
    id: `tech:cset-${s}`,
    name: input.name,
    kind: 'OTHER',
    ...(input.description ? { description: input.description } : {}),
    ...REPORTED(sources),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

function listingRecord(
  id: string,
  input: CsetInput,
  technology: string,
  countrySum: number,
  various: number | null,
  mapped: (Mapped & { technology: string }) | undefined,
  sources: string[],
): NodeRecord {
  const notes = [`CSET input ${input.id} "${input.name}".`];
  if (mapped)
    notes.push(`Mapped onto this technology (ASSESSED, data/cset-eto-chip-explorer/mapping.json): ${mapped.reason}`);
  if (various !== null) notes.push(`CSET gives ${various} % to "various countries", not recorded as a share.`);
  const complete = countrySum >= COMPLETE_AT && countrySum <= COMPLETE_AT_MOST;
  if (countrySum > COMPLETE_AT_MOST) {
    notes.push(
      `Its country shares sum to ${round(countrySum)} %: CSET rounds shares under 1 % up to 1 % (technical notes), ` +
        `which is over the ${COMPLETE_AT_MOST} % a complete listing may sum to here, so it is not marked complete.`,
    );
  }
  return {
    id,
    technology,
    year: CSET_YEAR,
    complete,
    ...(complete
      ? {
          completeBecause: `CSET's country shares for this input sum to ${round(countrySum)} % (at least ${COMPLETE_AT} %).`,
        }
      : {}),
    note: notes.join(' '),
    ...REPORTED(sources),
  };
}
