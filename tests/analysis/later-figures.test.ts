// Later figures: a budget line or a cooperation center that supersedes an earlier record. Both stay readable; the
// budget summary counts the lines in force as of the lens's asOf (reported by then, not replaced by a line known then).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../src/domain/document.js';
import { exportDocument } from '../../src/import/export.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const fact = { provenance: 'REPORTED', sources: ['source:a'] };
const DOC = {
  sources: [{ id: 'source:a', title: 'A report', kind: 'NEWS', provenance: 'REPORTED', sources: [] }],
  organizations: [
    { id: 'org:host-a', name: 'Host A', type: 'UNIVERSITY', country: 'US', ...fact },
    { id: 'org:host-b', name: 'Host B', type: 'UNIVERSITY', country: 'US', ...fact },
  ],
  programs: [{ id: 'program:p', name: 'Program P', ...fact }],
  budgetLines: [
    // Announced in December 2023: 2024 inside 2024–2030.
    {
      id: 'budget:p-2024',
      program: 'program:p',
      fromYear: 2024,
      toYear: 2024,
      amountKrw: 100,
      reportedOn: '2023-12-05',
      ...fact,
    },
    {
      id: 'budget:p-2024-2030',
      program: 'program:p',
      fromYear: 2024,
      toYear: 2030,
      amountKrw: 1000,
      reportedOn: '2023-12-05',
      ...fact,
    },
    // Revised in April 2024: a smaller 2024 and a shorter span that replaces the long one.
    {
      id: 'budget:p-2024-rev',
      program: 'program:p',
      fromYear: 2024,
      toYear: 2024,
      amountKrw: 60,
      projectCount: 45,
      reportedOn: '2024-04-05',
      supersedes: 'budget:p-2024',
      ...fact,
    },
    {
      id: 'budget:p-2024-2028',
      program: 'program:p',
      fromYear: 2024,
      toYear: 2028,
      amountKrw: 700,
      reportedOn: '2024-04-05',
      supersedes: 'budget:p-2024-2030',
      ...fact,
    },
    // Undated: always known.
    { id: 'budget:p-2031', program: 'program:p', fromYear: 2031, toYear: 2031, amountKrw: 5, ...fact },
  ],
  centers: [
    {
      id: 'center:a-planned',
      name: 'Center at A (planned)',
      host: 'org:host-a',
      status: 'PLANNED',
      reportedOn: '2023-12-05',
      ...fact,
    },
    {
      id: 'center:a',
      name: 'Center at A',
      host: 'org:host-a',
      status: 'SELECTED',
      reportedOn: '2024-04-05',
      supersedes: 'center:a-planned',
      ...fact,
    },
    {
      id: 'center:b-planned',
      name: 'Center at B (planned)',
      host: 'org:host-b',
      status: 'PLANNED',
      reportedOn: '2023-12-05',
      ...fact,
    },
  ],
} as unknown as GraphDocument;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ doc: DOC, env: { TG_ALLOW_WRITES: 'true' } });
});
afterAll(async () => {
  await t?.stop();
});

const SUMMARY = `query($asOf: Date) { budgetSummary(program: "program:p", lens: { asOf: $asOf }) {
  budgetLines { id } supersededLines { id } fromYear toYear totalAmountKrw statedProjectCount } }`;
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

describe('the budget summary under asOf', () => {
  it('before the revision counts the announced lines, the inner 2024 line inside the span', async () => {
    const { body } = await t.gql(SUMMARY, { asOf: '2024-01-31' });
    const s = body.data.budgetSummary;
    expect(ids(s.budgetLines)).toEqual(['budget:p-2024', 'budget:p-2024-2030', 'budget:p-2031']);
    expect(s.supersededLines).toEqual([]);
    expect(s).toMatchObject({ fromYear: 2024, toYear: 2031, totalAmountKrw: 1005, statedProjectCount: null });
  });

  it('after the revision counts the later figures and lists the replaced ones apart', async () => {
    const { body } = await t.gql(SUMMARY, { asOf: '2024-04-05' });
    const s = body.data.budgetSummary;
    expect(ids(s.budgetLines)).toEqual(['budget:p-2024-rev', 'budget:p-2024-2028', 'budget:p-2031']);
    expect(ids(s.supersededLines)).toEqual(['budget:p-2024', 'budget:p-2024-2030']);
    expect(s).toMatchObject({ fromYear: 2024, toYear: 2031, totalAmountKrw: 705, statedProjectCount: 45 });
  });

  it('before anything was reported knows only the undated line', async () => {
    const { body } = await t.gql(SUMMARY, { asOf: '2023-01-01' });
    expect(ids(body.data.budgetSummary.budgetLines)).toEqual(['budget:p-2031']);
    expect(body.data.budgetSummary.totalAmountKrw).toBe(5);
  });

  it('keeps every line readable on the program, with the links both ways', async () => {
    const { body } = await t.gql(`{ node(id: "budget:p-2024") { ... on BudgetLine { reportedOn supersedes { id }
      supersededBy { totalCount nodes { id amountKrw reportedOn supersedes { id } } } } }
      program(id: "program:p") { budgetLines { totalCount } } }`);
    expect(body.data.node).toEqual({
      reportedOn: '2023-12-05',
      supersedes: null,
      supersededBy: {
        totalCount: 1,
        nodes: [
          { id: 'budget:p-2024-rev', amountKrw: 60, reportedOn: '2024-04-05', supersedes: { id: 'budget:p-2024' } },
        ],
      },
    });
    expect(body.data.program.budgetLines.totalCount).toBe(5);
  });
});

describe('cooperation centers', () => {
  it('read their status, date and the record they replace, both ways', async () => {
    const { body } = await t.gql(
      `{ cooperationCenters { nodes { id status reportedOn supersedes { id } supersededBy { nodes { id } } } } }`,
    );
    expect(body.data.cooperationCenters.nodes).toEqual([
      {
        id: 'center:a',
        status: 'SELECTED',
        reportedOn: '2024-04-05',
        supersedes: { id: 'center:a-planned' },
        supersededBy: { nodes: [] },
      },
      {
        id: 'center:a-planned',
        status: 'PLANNED',
        reportedOn: '2023-12-05',
        supersedes: null,
        supersededBy: { nodes: [{ id: 'center:a' }] },
      },
      {
        id: 'center:b-planned',
        status: 'PLANNED',
        reportedOn: '2023-12-05',
        supersedes: null,
        supersededBy: { nodes: [] },
      },
    ]);
  });
});

describe('writes', () => {
  it('creates a line that supersedes another, and the summary follows', async () => {
    const { body } =
      await t.gql(`mutation { createBudgetLine(input: { id: "budget:p-2031-rev", program: "program:p", fromYear: 2031, toYear: 2031,
      amountKrw: 7, reportedOn: "2025-01-02", supersedes: "budget:p-2031", provenance: REPORTED, sources: ["source:a"] }) {
      budgetLine { id supersedes { id } } userErrors { field message } } }`);
    expect(body.data.createBudgetLine).toEqual({
      budgetLine: { id: 'budget:p-2031-rev', supersedes: { id: 'budget:p-2031' } },
      userErrors: [],
    });
    const after = await t.gql(SUMMARY, { asOf: '2025-06-30' });
    expect(ids(after.body.data.budgetSummary.supersededLines)).toEqual([
      'budget:p-2024',
      'budget:p-2024-2030',
      'budget:p-2031',
    ]);
    expect(after.body.data.budgetSummary.totalAmountKrw).toBe(707);
    await t.gql('mutation { deleteBudgetLine(id: "budget:p-2031-rev") { deletedId userErrors { message } } }');
  });

  it('refuses a record that supersedes itself, naming the field, and writes nothing', async () => {
    const before = await exportDocument(t.db);
    const line = await t.gql(`mutation { updateBudgetLine(input: { id: "budget:p-2024", supersedes: "budget:p-2024" }) {
      budgetLine { id } userErrors { field message } } }`);
    expect(line.body.data.updateBudgetLine.budgetLine).toBeNull();
    expect(line.body.data.updateBudgetLine.userErrors).toEqual([
      { field: ['input', 'supersedes'], message: expect.stringContaining('not the record itself') },
    ]);
    const center =
      await t.gql(`mutation { updateCooperationCenter(input: { id: "center:a", supersedes: "center:b-planned-x" }) {
      center { id } userErrors { field message } } }`);
    expect(center.body.data.updateCooperationCenter.center).toBeNull();
    expect(center.body.data.updateCooperationCenter.userErrors[0].field).toEqual(['input', 'supersedes']);
    expect(await exportDocument(t.db)).toEqual(before);
  });

  it('exports the links and dates, so that a round trip keeps them', async () => {
    const doc = await exportDocument(t.db);
    expect(doc.budgetLines?.find((b) => b.id === 'budget:p-2024-2028')).toMatchObject({
      supersedes: 'budget:p-2024-2030',
      reportedOn: '2024-04-05',
    });
    expect(doc.centers?.find((c) => c.id === 'center:a')).toMatchObject({
      supersedes: 'center:a-planned',
      status: 'SELECTED',
    });
  });
});
