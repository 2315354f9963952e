// Reading evidence through GraphQL: every field of the four record types, their references, the nested lists on
// Technology, SupplyListing and Organization in their orders with paging and filters, node(id:), and the schema's
// descriptions of everything new.
import { buildSchema, isInputObjectType, isObjectType, type GraphQLField, type GraphQLInputField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../src/import/index.js';
import { loadTypeDefs } from '../../src/graph/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { EVIDENCE_SOURCE, evidenceDocument } from '../helpers/evidence.js';

let t: TestApp;
const I = { provenance: 'ILLUSTRATIVE', sources: [] };
beforeAll(async () => {
  t = await startTestApp({ doc: evidenceDocument() });
  // Two more import records, so the import-dependence order (year desc, then share desc) has something to order.
  const more = await importDocument(t.db, {
    importDependences: [
      {
        id: 'importdep:ev-resist-kr-us-2023',
        technology: 'tech:ev-resist',
        importer: 'KR',
        exporter: 'US',
        year: 2023,
        share: 10,
        ...I,
      },
      {
        id: 'importdep:ev-resist-kr-jp-2021',
        technology: 'tech:ev-resist',
        importer: 'KR',
        exporter: 'JP',
        year: 2021,
        share: 90,
        ...I,
      },
      {
        id: 'importdep:ev-resist-tw-jp-2023',
        technology: 'tech:ev-resist',
        importer: 'TW',
        exporter: 'JP',
        year: 2023,
        share: 95,
        ...I,
      },
    ],
  });
  expect(more.ok).toBe(true);
});
afterAll(async () => {
  await t?.stop();
});

async function data(query: string, variables?: Record<string, unknown>) {
  const { body } = await t.gql(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('national assessments', () => {
  it("lists a technology's assessments by country, the latest round first, with every field, provenance and sources", async () => {
    const d = await data(`{ technology(id: "tech:ev-interposer") { assessments { totalCount
      nodes { id country level yearsBehind round publisher note provenance sources { id } technology { id } }
      edges { link { provenance sources { id } } } } } }`);
    const a = d.technology.assessments;
    expect(a.totalCount).toBe(3);
    expect(a.nodes).toEqual([
      {
        id: 'assessment:ev-i-kr-2022',
        country: 'KR',
        level: 70,
        yearsBehind: null,
        round: 2022,
        publisher: 'KISTEP',
        note: null,
        provenance: 'REPORTED',
        sources: [{ id: EVIDENCE_SOURCE }],
        technology: { id: 'tech:ev-interposer' },
      },
      {
        id: 'assessment:ev-i-kr-2020',
        country: 'KR',
        level: 60,
        yearsBehind: 3.5,
        round: 2020,
        publisher: 'KISTEP',
        note: null,
        provenance: 'REPORTED',
        sources: [{ id: EVIDENCE_SOURCE }],
        technology: { id: 'tech:ev-interposer' },
      },
      {
        id: 'assessment:ev-i-us-2022',
        country: 'US',
        level: 100,
        yearsBehind: 0,
        round: 2022,
        publisher: null,
        note: '최고기술국',
        provenance: 'REPORTED',
        sources: [{ id: EVIDENCE_SOURCE }],
        technology: { id: 'tech:ev-interposer' },
      },
    ]);
    expect(a.edges[0].link).toEqual({ provenance: 'REPORTED', sources: [{ id: EVIDENCE_SOURCE }] });
  });

  it('pages through assessments with first and after, and filters them by country', async () => {
    const first = await data(
      '{ technology(id: "tech:ev-interposer") { assessments(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } } }',
    );
    expect(first.technology.assessments.nodes.map((n: { id: string }) => n.id)).toEqual([
      'assessment:ev-i-kr-2022',
      'assessment:ev-i-kr-2020',
    ]);
    expect(first.technology.assessments.pageInfo.hasNextPage).toBe(true);
    const next = await data(
      'query($after: String) { technology(id: "tech:ev-interposer") { assessments(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } } }',
      { after: first.technology.assessments.pageInfo.endCursor },
    );
    expect(next.technology.assessments).toEqual({
      nodes: [{ id: 'assessment:ev-i-us-2022' }],
      pageInfo: { hasNextPage: false },
    });
    const us = await data(
      '{ technology(id: "tech:ev-interposer") { assessments(country: "US") { totalCount nodes { id } } } }',
    );
    expect(us.technology.assessments).toEqual({ totalCount: 1, nodes: [{ id: 'assessment:ev-i-us-2022' }] });
  });

  it('refuses a page larger than 100 and a bad country code', async () => {
    const big = await t.gql('{ technology(id: "tech:ev-interposer") { assessments(first: 101) { nodes { id } } } }');
    expect(big.body.errors?.[0].message).toContain('"first" must be between 0 and 100');
    const bad = await t.gql(
      '{ technology(id: "tech:ev-interposer") { assessments(country: "Korea") { nodes { id } } } }',
    );
    expect(bad.body.errors?.[0].message).toContain('ISO 3166-1 alpha-2');
  });

  it('reads the first page of assessments of every technology of a top-level list in the same statement as the list', async () => {
    const { body } = await t.gql(
      '{ technologies(first: 10, orderBy: { field: ID }) { nodes { id assessments(first: 1) { nodes { id round } } } } }',
    );
    expect(body.data.technologies.nodes).toEqual([
      { id: 'tech:ev-interposer', assessments: { nodes: [{ id: 'assessment:ev-i-kr-2022', round: 2022 }] } },
      { id: 'tech:ev-resist', assessments: { nodes: [] } },
    ]);
    expect(body.extensions?.dbRoundTrips).toBe(1);
  });
});

describe('supply listings and shares', () => {
  it("lists a technology's listings, the latest year first, each with its country share sum and its shares in order", async () => {
    const d = await data(`{ technology(id: "tech:ev-resist") { supplyListings { totalCount nodes {
      id year complete completeBecause note countryShareSum provenance technology { id }
      shares { totalCount nodes { id country share note organization { id name } listing { id } } } } } } }`);
    const [l2023, l2021] = d.technology.supplyListings.nodes;
    expect(d.technology.supplyListings.totalCount).toBe(2);
    expect({ ...l2023, shares: undefined }).toEqual({
      id: 'listing:ev-resist-2023',
      year: 2023,
      complete: true,
      completeBecause: 'country shares sum to 100',
      note: null,
      countryShareSum: 100,
      provenance: 'ILLUSTRATIVE',
      technology: { id: 'tech:ev-resist' },
      shares: undefined,
    });
    // Largest share first, whether a country's or an organization's.
    expect(l2023.shares.nodes.map((s: { id: string }) => s.id)).toEqual([
      'share:ev-resist-2023-jp',
      'share:ev-resist-2023-jsr',
      'share:ev-resist-2023-kr',
      'share:ev-resist-2023-us',
    ]);
    expect(l2023.shares.nodes[1]).toEqual({
      id: 'share:ev-resist-2023-jsr',
      country: null,
      share: 30,
      note: null,
      organization: { id: 'org:ev-jsr', name: 'JSR' },
      listing: { id: 'listing:ev-resist-2023' },
    });
    expect(l2021).toMatchObject({
      id: 'listing:ev-resist-2021',
      year: 2021,
      complete: false,
      completeBecause: null,
      note: 'providers only',
      countryShareSum: null,
    });
    expect(l2021.shares.nodes).toEqual([
      {
        id: 'share:ev-resist-2021-dongjin',
        country: null,
        share: null,
        note: 'listed, no number',
        organization: { id: 'org:ev-dongjin', name: 'Dongjin Semichem' },
        listing: { id: 'listing:ev-resist-2021' },
      },
    ]);
  });

  it('puts shares listed without a number after those with one, then orders by country code or organization name', async () => {
    const more = await importDocument(t.db, {
      supplyShares: [
        { id: 'share:ev-2023-zz-none', listing: 'listing:ev-resist-2023', organization: 'org:ev-dongjin', ...I },
        { id: 'share:ev-2023-de-none', listing: 'listing:ev-resist-2023', country: 'DE', note: 'negligible', ...I },
      ],
    });
    expect(more.ok).toBe(true);
    const d = await data(
      '{ node(id: "listing:ev-resist-2023") { ... on SupplyListing { countryShareSum shares { nodes { id } } } } }',
    );
    expect(d.node.shares.nodes.map((s: { id: string }) => s.id).slice(-2)).toEqual([
      'share:ev-2023-de-none',
      'share:ev-2023-zz-none',
    ]);
    expect(d.node.countryShareSum).toBe(100);
    await t.db.write(
      "MATCH (s:SupplyShare) WHERE s.id IN ['share:ev-2023-zz-none', 'share:ev-2023-de-none'] DETACH DELETE s",
    );
  });

  it("pages through a listing's shares with cursors", async () => {
    const q = `query($after: String) { node(id: "listing:ev-resist-2023") { ... on SupplyListing {
      shares(first: 3, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } } }`;
    const first = (await data(q)).node.shares;
    expect(first.nodes).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await data(q, { after: first.pageInfo.endCursor })).node.shares;
    expect(next).toEqual({
      nodes: [{ id: 'share:ev-resist-2023-us' }],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
  });

  it("lists an organization's entries in supply listings", async () => {
    const d = await data(
      '{ organization(id: "org:ev-jsr") { supplyShares { totalCount nodes { id share listing { year technology { id } } } } } }',
    );
    expect(d.organization.supplyShares).toEqual({
      totalCount: 1,
      nodes: [
        { id: 'share:ev-resist-2023-jsr', share: 30, listing: { year: 2023, technology: { id: 'tech:ev-resist' } } },
      ],
    });
  });
});

describe('import dependence', () => {
  it("lists a technology's import dependence, the latest year first, then the largest share, filtered by importer", async () => {
    const d = await data(`{ technology(id: "tech:ev-resist") {
      all: importDependence { nodes { id importer exporter year share provenance technology { id } } }
      kr: importDependence(importer: "KR", first: 2) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`);
    expect(d.technology.all.nodes.map((n: { id: string }) => n.id)).toEqual([
      'importdep:ev-resist-tw-jp-2023',
      'importdep:ev-resist-kr-jp-2023',
      'importdep:ev-resist-kr-us-2023',
      'importdep:ev-resist-kr-jp-2021',
    ]);
    expect(d.technology.all.nodes[1]).toEqual({
      id: 'importdep:ev-resist-kr-jp-2023',
      importer: 'KR',
      exporter: 'JP',
      year: 2023,
      share: 84.5,
      provenance: 'ILLUSTRATIVE',
      technology: { id: 'tech:ev-resist' },
    });
    expect(d.technology.kr.totalCount).toBe(3);
    expect(d.technology.kr.nodes).toEqual([
      { id: 'importdep:ev-resist-kr-jp-2023' },
      { id: 'importdep:ev-resist-kr-us-2023' },
    ]);
    const next = await data(
      'query($after: String) { technology(id: "tech:ev-resist") { importDependence(importer: "KR", first: 2, after: $after) { nodes { id } } } }',
      { after: d.technology.kr.pageInfo.endCursor },
    );
    expect(next.technology.importDependence.nodes).toEqual([{ id: 'importdep:ev-resist-kr-jp-2021' }]);
  });
});

describe('global ids', () => {
  it('finds every kind of evidence record by node(id:) and nodes(ids:), as its own type', async () => {
    const ids = [
      'assessment:ev-i-kr-2020',
      'listing:ev-resist-2023',
      'share:ev-resist-2023-kr',
      'importdep:ev-resist-kr-jp-2023',
    ];
    const d = await data(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } one: node(id: "share:ev-resist-2023-kr") { ... on SupplyShare { country share } } }',
      { ids },
    );
    expect(d.nodes).toEqual([
      { __typename: 'NationalAssessment', id: ids[0] },
      { __typename: 'SupplyListing', id: ids[1] },
      { __typename: 'SupplyShare', id: ids[2] },
      { __typename: 'ImportDependence', id: ids[3] },
    ]);
    expect(d.one).toEqual({ country: 'KR', share: 5 });
  });
});

describe('the schema of evidence', () => {
  const schema = buildSchema(loadTypeDefs());
  const NEW_TYPES = ['NationalAssessment', 'SupplyListing', 'SupplyShare', 'ImportDependence'].flatMap((n) => [
    n,
    `${n}Edge`,
    `${n}Connection`,
    `Create${n}Input`,
    `Update${n}Input`,
    `${n}Payload`,
  ]);
  const NEW_FIELDS = [
    'Technology.assessments',
    'Technology.supplyListings',
    'Technology.importDependence',
    'Organization.supplyShares',
    ...['NationalAssessment', 'SupplyListing', 'SupplyShare', 'ImportDependence'].flatMap((n) => [
      `Mutation.create${n}`,
      `Mutation.update${n}`,
      `Mutation.delete${n}`,
    ]),
  ];

  it('describes every new type, field, argument and input field, and never speaks of a document', () => {
    const missing: string[] = [];
    const check = (where: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(`${where}: no description`);
      else if (/document/i.test(description)) missing.push(`${where}: mentions a document`);
    };
    const checkField = (where: string, f: GraphQLField<unknown, unknown> | GraphQLInputField) => {
      check(where, f.description);
      for (const a of 'args' in f ? f.args : []) check(`${where}(${a.name})`, a.description);
    };
    for (const name of NEW_TYPES) {
      const type = schema.getType(name);
      if (!type) {
        missing.push(`${name}: no such type`);
        continue;
      }
      check(name, type.description);
      if (isObjectType(type) || isInputObjectType(type))
        for (const f of Object.values(type.getFields())) checkField(`${name}.${f.name}`, f);
    }
    for (const path of NEW_FIELDS) {
      const [type, field] = path.split('.');
      const f = (schema.getType(type) as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[
        field
      ];
      if (!f) missing.push(`${path}: no such field`);
      else checkField(path, f);
    }
    expect(missing).toEqual([]);
  });
});
