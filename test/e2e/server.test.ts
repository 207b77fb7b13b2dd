/**
 * The server build in a real browser: the project's own posts built with `BLOG_OUTPUT=server
 * next build` and served by `next start` on 127.0.0.1. (Adding, editing and deleting posts while it
 * runs is covered by test/build/server-mode.test.ts.)
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { copyProject, projectRoot, removeCopy, runNpm, startNext, type RunningServer } from '../build/project';
import { siteChecks } from './site-checks';

const posts = readdirSync(path.join(projectRoot, '_posts')).map((name) => ({
  from: path.join(projectRoot, '_posts', name),
}));

describe('next start in Chromium', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await copyProject('e2e-server', posts);
    // `npm run build:server`: check, next build, then the search index and the standalone folder.
    const build = await runNpm(dir, ['run', 'build:server']);
    if (build.code !== 0) throw new Error(`next build failed:\n${build.output}`);
    server = await startNext(dir);
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  siteChecks(() => server.url);
});
