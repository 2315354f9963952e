// A gap question is one statement text, whatever the subject, the ranking (gaps or unrated), the page and the
// selection: Neo4j plans a new text for seconds, and caches a plan per text and per type of each parameter (a
// null and a list differ, and so do strings or lists of another length bucket). These tests record what the gap
// questions send (no database: only the text and the parameters' types are compared).
import { describe, expect, it } from 'vitest';
import type { Queries } from '../../src/db/driver.js';
import {
  ALL_GAP_PROPS,
  chokepointRanking,
  evidenceBacklog,
  uncoveredTargets,
  valueChainGaps,
  type GapProjection,
} from '../../src/analysis/gaps.js';
import { exposure } from '../../src/analysis/exposure.js';
import { ALL_PARTNER_PROPS, partnerCandidates, supplierCandidates } from '../../src/analysis/partners.js';
import { analysisParams, lensTag, tagOf } from '../../src/analysis/options.js';
import { encodeCursor } from '../../src/graph/cursor.js';

interface Sent {
  cypher: string;
  params: Record<string, unknown>;
}

/** A Queries that records each statement and answers no rows (the question then has no subject). */
function recorder(): { db: Queries; sent: Sent[] } {
  const sent: Sent[] = [];
  const db = {
    read: async (cypher: string, params: Record<string, unknown> = {}) => {
      sent.push({ cypher, params });
      return [];
    },
  } as unknown as Queries;
  return { db, sent };
}

/** The type Neo4j's plan cache tells parameters apart by, with the length of strings and lists. */
function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `list(${v.length}:${v.map(typeOf).join(',')})`;
  if (typeof v === 'string') return `string(${v.length})`;
  if (typeof v === 'object' && 'toNumber' in v) return 'integer';
  return typeof v === 'object' ? 'map' : typeof v;
}
const types = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeOf(v)]));

const lens = analysisParams({});
const SOME_PROPS: GapProjection = {
  technology: ['id', 'name'],
  stages: ['id'],
  organizations: ['id', 'name', 'country'],
  blocks: ['id'],
  projects: null,
};
const cursor = (question: string, subject: string, keys: unknown[]) =>
  encodeCursor(tagOf(question, ...lensTag(lens), subject), keys as never);

describe('the statement of a gap question', () => {
  it('is one text, with parameters of the same types, for every sector, ranking, page and selection', async () => {
    const { db, sent } = recorder();
    await valueChainGaps(db, 'sector:semiconductors', lens, { first: 10 });
    await valueChainGaps(db, 'sector:bio', lens, { first: 3 }, SOME_PROPS);
    await valueChainGaps(db, 'sector:bio', lens, {
      first: 5,
      after: cursor('sector', 'sector:bio', [300, 100, 'tech:g']),
    });
    await valueChainGaps(db, 'sector:robotics', lens, { last: 2 }, SOME_PROPS);
    await valueChainGaps(db, 'sector:robotics', lens, {
      last: 2,
      before: cursor('sector', 'sector:robotics', [90, 45, 'tech:i']),
    });
    await evidenceBacklog(db, 'sector:semiconductors', lens, { first: 10 });
    await evidenceBacklog(db, 'sector:secondary-batteries', lens, {
      first: 10,
      after: cursor('sector.unrated', 'sector:secondary-batteries', [3, 'tech:x']),
    });
    expect(sent).toHaveLength(7);
    expect(new Set(sent.map((s) => s.cypher)).size).toBe(1);
    for (const s of sent) expect(types(s.params)).toEqual(types(sent[0].params));
  });

  it('names the subject, the ranking, the page and the selection in the map parameters $q and $page', async () => {
    const { db, sent } = recorder();
    await evidenceBacklog(
      db,
      'sector:bio',
      lens,
      { first: 10, after: cursor('sector.unrated', 'sector:bio', [3, 'tech:x']) },
      SOME_PROPS,
    );
    const { q, page } = sent[0].params as { q: Record<string, unknown>; page: Record<string, unknown> };
    expect(q).toEqual({ sector: 'sector:bio', blocksIn: null, unrated: true, props: SOME_PROPS });
    // The unrated order's keys (downCount, id) compared as the statement's (k1, k2, id).
    expect(page).toEqual({ after: [3, 0, 'tech:x'], before: null, fromEnd: false });
    expect(sent[0].cypher).not.toMatch(/\$(sector|after|before|blocksIn)\b/);
  });

  it('is one text per kind of subject: a sector, the whole graph, a program, an organization', async () => {
    const { db, sent } = recorder();
    await valueChainGaps(db, 'sector:semiconductors', lens, { first: 10 }, ALL_GAP_PROPS);
    await chokepointRanking(db, lens, { first: 10 }).catch(() => undefined);
    await uncoveredTargets(db, 'program:x', lens, { first: 10 });
    await exposure(db, 'org:y', lens, { first: 10 });
    expect(new Set(sent.map((s) => s.cypher)).size).toBe(4);
  });
});

describe('the statement of partner candidates', () => {
  it('is one text, with parameters of the same types, for every technology, page and selection', async () => {
    const { db, sent } = recorder();
    await partnerCandidates(db, 'tech:hbm', lens, { first: 10 });
    await partnerCandidates(
      db,
      'tech:euv-scanner',
      lens,
      { first: 3 },
      {
        technology: ['id', 'name'],
        organization: ['id', 'name', 'country'],
        centers: false,
      },
    );
    await partnerCandidates(
      db,
      'tech:ai-chip',
      lens,
      {
        first: 5,
        after: encodeCursor(tagOf('partners', ...lensTag(lens), 'tech:ai-chip'), [true, 90, 1, 'ASML', 'org:asml']),
      },
      { ...ALL_PARTNER_PROPS, centers: ['id', 'name'] },
    );
    expect(new Set(sent.map((s) => s.cypher)).size).toBe(1);
    for (const s of sent) expect(types(s.params)).toEqual(types(sent[0].params));
    expect(sent[0].cypher).not.toMatch(/\$(technology|after|before)\b/);
  });

  it('gives the providers without a level one text for every technology', async () => {
    const { db, sent } = recorder();
    await supplierCandidates(db, 'tech:hbm', lens, { first: 10 });
    await supplierCandidates(db, 'tech:euv-scanner', lens, { last: 2 });
    expect(new Set(sent.map((s) => s.cypher)).size).toBe(1);
    for (const s of sent) expect(types(s.params)).toEqual(types(sent[0].params));
  });
});
