import path from 'node:path';
import { defineConfig } from 'vitest/config';
import SuiteSequencer from './test/sequencer';

const alias = { '@': path.resolve(import.meta.dirname) };

/** Tests whose results could depend on the machine's time zone; they also run under two far-apart zones. */
const zoneSensitive = ['test/unit/dates.test.ts', 'test/unit/api.test.ts', 'test/unit/components.test.tsx'];

export default defineConfig({
  resolve: { alias },
  test: {
    // The JSON report is what `.ci/run` totals into its last line.
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    // One group, two workers, in the order of test/sequencer.ts: unit suites run while the shared
    // builds of the integration suites are made in the background.
    sequence: { sequencer: SuiteSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Rendering starts a worker thread (tsx, then the pipeline): seconds on a busy machine.
          testTimeout: 30_000,
          maxWorkers: 2,
        },
      },
      ...['America/Los_Angeles', 'Asia/Tokyo'].map((zone) => ({
        resolve: { alias },
        test: {
          name: `unit ${zone}`,
          include: zoneSensitive,
          environment: 'node',
          testTimeout: 30_000,
          env: { TZ: zone },
          maxWorkers: 2,
        },
      })),
      {
        resolve: { alias },
        test: {
          // Real builds, servers and Chromium. The builds are made once per run, in the background,
          // by the global setup and shared (test/build/shared-builds.ts).
          name: 'integration',
          include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/build/global-setup.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 900_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
