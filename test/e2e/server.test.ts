/**
 * The server build in a real browser: the shared `server` build (`npm run build:server`, the
 * project's own posts and a few fixtures) served by `next start` on 127.0.0.1. (Adding, editing and
 * deleting posts while it runs is covered by test/build/server-mode.test.ts.)
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { removeCopy, startNext, type RunningServer } from '../build/project';
import { builtVariant, cloneBuild } from '../build/shared-builds';
import { siteChecks } from './site-checks';

describe('next start in Chromium', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    // A copy: next start writes regenerated pages into it while other suites copy the original.
    dir = await cloneBuild(await builtVariant('server'), 'e2e-server');
    server = await startNext(dir);
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  // The same components as the export, whose run checks every kind of page with axe in both
  // themes; here one post, the home page (also dark) and the 404 page, as next start serves them.
  siteChecks(() => server.url, {
    axe: { light: ['/', '/posts/markdown-guide/', '/no-such-page/'], dark: ['/'] },
  });
});
