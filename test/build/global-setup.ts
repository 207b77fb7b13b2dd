/**
 * Global setup of the integration suites (test/build, test/e2e): starts every shared build of
 * `shared-builds.ts` in the background, one after another, while the first suites start; stops
 * whatever still runs and removes the builds when the run ends (`KEEP_TEST_BUILDS=1` keeps them).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../scripts/lib/next-project';
import { buildVariant, VARIANT_ORDER } from './shared-builds';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = path.join(projectRoot, '.test-builds');
  await mkdir(base, { recursive: true });
  const root = await mkdtemp(path.join(base, 'run-'));
  project.provide('buildsRoot', root);

  const running = new Set<ChildProcess>();
  let stopping = false;
  const queue = (async () => {
    for (const name of VARIANT_ORDER) {
      if (stopping) return;
      await buildVariant(root, name, (child) => {
        running.add(child);
        child.once('exit', () => running.delete(child));
      });
    }
  })();

  return async () => {
    stopping = true;
    for (const child of running) {
      // Each build runs in its own process group: npm, next and next's workers go together.
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    await queue;
    if (process.env.KEEP_TEST_BUILDS !== '1') await rm(root, { recursive: true, force: true });
  };
}
