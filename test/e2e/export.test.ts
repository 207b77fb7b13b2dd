/**
 * The static export in a real browser: the project's own posts built with `next build`, served by
 * `scripts/serve-out.mjs` (which behaves like a static host) on 127.0.0.1.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { copyProject, projectRoot, removeCopy, runNpm, startStatic, type RunningServer } from '../build/project';
import { siteChecks } from './site-checks';

const posts = readdirSync(path.join(projectRoot, '_posts')).map((name) => ({
  from: path.join(projectRoot, '_posts', name),
}));

describe('the static export in Chromium', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await copyProject('e2e-export', posts);
    // `npm run build`, as a user runs it: check, next build, then the search index (postbuild).
    const build = await runNpm(dir, ['run', 'build']);
    if (build.code !== 0) throw new Error(`next build failed:\n${build.output}`);
    server = await startStatic(path.join(dir, 'out'));
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  siteChecks(() => server.url);
});
