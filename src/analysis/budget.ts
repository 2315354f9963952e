// Budget summary of a program (domain.md, query 9): its budget lines, and the projects and technologies counted,
// both as the lines state them and as the graph holds them.
import type { Queries } from '../db/driver.js';
import { decodeRow, list, node, nullable, num, oneOf, record } from '../db/rows.js';
import type { NodeRec } from '../graph/lists.js';
import type { ProjectStatus } from '../generated/resolvers-types.js';
import { GAP_FIGURES, HAS_GAP, ok } from './cypher.js';
import type { AnalysisParams } from './options.js';

/** A dated record reported on or before asOf (an undated one is always known). */
const KNOWN = (x: string) => `(${x}.reportedOn IS NULL OR ${x}.reportedOn <= $asOf)`;

export interface BudgetSummary {
  program: NodeRec;
  budgetLines: NodeRec[];
  supersededLines: NodeRec[];
  fromYear: number | null;
  toYear: number | null;
  totalAmountKrw: number;
  statedProjectCount: number | null;
  statedTechnologyCount: number | null;
  projectCount: number;
  projectsByStatus: Array<{ status: ProjectStatus; count: number }>;
  projectBudgetKrw: number;
  targetedTechnologyCount: number;
  targetedTechnologiesWithGap: number;
  developedTechnologyCount: number;
}

export async function budgetSummary(
  db: Queries,
  program: NodeRec,
  params: AnalysisParams,
): Promise<BudgetSummary | null> {
  const rows = await db.read(
    `MATCH (pg:Program {id: $program}) WHERE ${ok('pg')}
     CALL (pg) {
       // Lines known as of asOf; of those, the ones a line also known then supersedes are out of force.
       OPTIONAL MATCH (b:BudgetLine)-[f:FUNDS]->(pg) WHERE ${ok('b')} AND ${ok('f')} AND ${KNOWN('b')}
       WITH b, EXISTS { MATCH (b)<-[s:SUPERSEDES]-(later:BudgetLine)-[lf:FUNDS]->(pg)
                        WHERE ${ok('s')} AND ${ok('later')} AND ${ok('lf')} AND ${KNOWN('later')} } AS replaced
       ORDER BY b.fromYear, b.toYear, b.id
       RETURN collect(CASE WHEN NOT replaced THEN properties(b) END) AS lines,
              collect(CASE WHEN replaced THEN properties(b) END) AS supersededLines
     }
     CALL (pg) {
       OPTIONAL MATCH (pr:Project)-[u:UNDER]->(pg) WHERE ${ok('pr')} AND ${ok('u')}
       RETURN count(pr) AS projectCount, coalesce(sum(pr.budgetKrw), 0) AS projectBudget, collect(pr.status) AS statuses
     }
     CALL (pg) {
       MATCH (pg)-[tg:TARGETS]->(t:Technology) WHERE ${ok('tg')} AND ${ok('t')}
       WITH DISTINCT t
       ${GAP_FIGURES}
       RETURN count(t) AS targeted, count(CASE WHEN ${HAS_GAP('status')} THEN t END) AS targetedWithGap
     }
     CALL (pg) {
       OPTIONAL MATCH (pr:Project)-[u:UNDER]->(pg), (pr)-[d:DEVELOPS]->(t:Technology)
       WHERE ${ok('pr')} AND ${ok('u')} AND ${ok('d')} AND ${ok('t')}
       RETURN count(DISTINCT t) AS developed
     }
     RETURN lines, supersededLines,
            reduce(m = null, b IN lines | CASE WHEN m IS NULL OR b.fromYear < m THEN b.fromYear ELSE m END) AS fromYear,
            reduce(m = null, b IN lines | CASE WHEN m IS NULL OR b.toYear > m THEN b.toYear ELSE m END) AS toYear,
            reduce(s = 0, b IN lines | s + CASE WHEN any(o IN lines WHERE o.fromYear <= b.fromYear AND o.toYear >= b.toYear
                                                         AND o.toYear - o.fromYear > b.toYear - b.fromYear)
                                                THEN 0 ELSE b.amountKrw END) AS total,
            reduce(m = null, b IN lines | CASE WHEN b.projectCount IS NOT NULL AND (m IS NULL OR b.projectCount > m) THEN b.projectCount ELSE m END) AS statedProjects,
            reduce(m = null, b IN lines | CASE WHEN b.technologyCount IS NOT NULL AND (m IS NULL OR b.technologyCount > m) THEN b.technologyCount ELSE m END) AS statedTechnologies,
            projectCount, projectBudget,
            [s IN ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] WHERE s IN statuses
              | {status: s, count: size([x IN statuses WHERE x = s])}] AS byStatus,
            targeted, targetedWithGap, developed`,
    { ...params, program: program.id },
  );
  if (!rows.length) return null;
  const r = decodeRow('budgetSummary', SUMMARY_ROW, rows[0]);
  return {
    program,
    budgetLines: r.lines,
    supersededLines: r.supersededLines,
    fromYear: r.fromYear,
    toYear: r.toYear,
    totalAmountKrw: r.total,
    statedProjectCount: r.statedProjects,
    statedTechnologyCount: r.statedTechnologies,
    projectCount: r.projectCount,
    projectsByStatus: r.byStatus,
    projectBudgetKrw: r.projectBudget,
    targetedTechnologyCount: r.targeted,
    targetedTechnologiesWithGap: r.targetedWithGap,
    developedTechnologyCount: r.developed,
  };
}

const SUMMARY_ROW = {
  lines: list(node),
  supersededLines: list(node),
  fromYear: nullable(num),
  toYear: nullable(num),
  total: num,
  statedProjects: nullable(num),
  statedTechnologies: nullable(num),
  projectCount: num,
  byStatus: list(record({ status: oneOf(['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const), count: num })),
  projectBudget: num,
  targeted: num,
  targetedWithGap: num,
  developed: num,
};
