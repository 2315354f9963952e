// Words for the panels' values: kinds, organization types, shares and inputs that may be unknown.

export const ORG_TYPE: Record<string, string> = {
  COMPANY: 'company',
  RESEARCH_INSTITUTE: 'research institute',
  UNIVERSITY: 'university',
  AGENCY: 'agency',
  MINISTRY: 'ministry',
};

export function kindText(k: string): string {
  return k === 'CHOKEPOINT'
    ? 'Chokepoint technology · 급소기술'
    : k === 'ORIGINAL'
      ? 'Industrial original technology · 산업원천기술'
      : 'Technology';
}

export function fmtInput(v: number | null, unit: string): string {
  return v == null ? 'unknown' : `${v}${unit}`;
}

export function fmtShare(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
