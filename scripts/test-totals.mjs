#!/usr/bin/env node
/**
 * Prints `N passed, N failed` from Vitest's JSON report (written by vitest.config.ts) and exits
 * non-zero when anything failed. Usage: node scripts/test-totals.mjs <report.json> <exit status of npm test>
 * A run that failed before any test could report (type errors, a file that does not load) counts as one failure.
 */
import { readFileSync } from 'node:fs';

const [reportPath = '.test-results/vitest.json', statusArg = '0'] = process.argv.slice(2);
const status = Number(statusArg);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A test file that fails to load has no failed tests, only a failed suite.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && file.assertionResults.every((test) => test.status !== 'failed'),
  );
  failed += brokenFiles.length;
} catch {
  // No report: the run stopped before Vitest (for example at the type check).
}
if (status !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
