#!/usr/bin/env node
// Prints "N passed, N failed" for CI, summed over vitest's JSON reports (by default the three layers `npm test` runs:
// test-results/unit.json, db.json and own.json). A report that is missing counts as one failure: its layer did
// not run (the checks before it, or the layer before it, failed). Exits non-zero when anything failed or was
// skipped, or when no test ran.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (!files.length) files.push('test-results/unit.json', 'test-results/db.json', 'test-results/own.json');

let passed = 0;
let failed = 0;
let pending = 0;
for (const file of files) {
  if (!existsSync(file)) {
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // Suites that failed to load count as failures too.
  failed +=
    (r.numFailedTests ?? 0) +
    (r.numFailedTestSuites ?? 0) -
    (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults?.some((a) => a.status === 'failed'))
      .length;
  pending += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 || pending > 0 ? 1 : 0);
