#!/usr/bin/env node
// Prints "N passed, N failed" from vitest's JSON report, for CI. Exits non-zero when anything failed or
// when no test ran (for example because the type check before vitest failed).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const passed = r.numPassedTests ?? 0;
// Suites that failed to load count as failures too.
const failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) - (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults?.some((a) => a.status === 'failed')).length;
const pending = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 || pending > 0 ? 1 : 0);
