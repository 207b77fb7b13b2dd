/**
 * Helpers for tests that run the real `next build` / `next start` on a copy of the project with
 * chosen posts. Copies live in `.test-builds/`; `KEEP_TEST_BUILDS=1` keeps them for a look.
 */
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeProjectCopy, projectRoot } from '../../scripts/lib/next-project';

export {
  freePort,
  projectRoot,
  runNext,
  runNpm,
  startDev,
  startNext,
  startStandalone,
  startStatic,
  type RunningServer,
} from '../../scripts/lib/next-project';

export const fixturesDir = path.join(projectRoot, 'test', 'fixtures');

/** A fresh copy of the project whose `_posts/` holds the given files (copied from `sources`). */
export async function copyProject(name: string, posts: { from: string; as?: string }[]): Promise<string> {
  const dir = await makeProjectCopy(path.join(projectRoot, '.test-builds'), name);
  for (const post of posts) {
    await cp(post.from, path.join(dir, '_posts', post.as ?? path.basename(post.from)), { recursive: true });
  }
  return dir;
}

export async function removeCopy(dir: string): Promise<void> {
  if (process.env.KEEP_TEST_BUILDS !== '1') await rm(dir, { recursive: true, force: true });
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 3_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Where a server build's standalone server.js is, inside `dir/.next/standalone/`: Next records the
 * offset (the project's place below the tracing root) in required-server-files.json.
 */
export async function standaloneAppDir(dir: string): Promise<string> {
  const manifest: unknown = JSON.parse(await readFile(path.join(dir, '.next', 'required-server-files.json'), 'utf8'));
  const offset =
    typeof manifest === 'object' &&
    manifest !== null &&
    'relativeAppDir' in manifest &&
    typeof manifest.relativeAppDir === 'string'
      ? manifest.relativeAppDir
      : '';
  return path.join(dir, '.next', 'standalone', offset);
}
