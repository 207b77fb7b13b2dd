import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

/** Tests whose results could depend on the machine's time zone; they also run under two far-apart zones. */
const zoneSensitive = ['test/unit/dates.test.ts', 'test/unit/api.test.ts', 'test/unit/components.test.tsx'];

export default defineConfig({
  resolve: { alias },
  test: {
    // The JSON report is what `.ci/run` totals into its last line.
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Rendering starts a worker thread (tsx, then the pipeline): seconds on a busy machine.
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 0 },
        },
      })),
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Real builds, servers and Chromium: slow, one file at a time, after everything else, so that
          // Lighthouse measures a quiet machine.
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          environment: 'node',
          // Real `next build` and `next start` runs: slow, and run one file at a time.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
