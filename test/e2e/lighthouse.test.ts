/**
 * Lighthouse budgets on the static export, mobile preset: accessibility, best practices and SEO
 * 100. The performance score depends on the machine's speed, so it is printed here and held to
 * its budget (≥ 95) by `npm run lighthouse` and `npm run bench -- --lighthouse`, never asserted. Built from the project's own posts except the seed post, whose cover is a
 * remote URL that this offline machine cannot load (a failed image would be a console error).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicCategories, missedBudgets, runLighthouse } from '../../scripts/lib/lighthouse';
import { copyProject, projectRoot, removeCopy, runNext, startStatic, type RunningServer } from '../build/project';

const posts = readdirSync(path.join(projectRoot, '_posts'))
  .filter((name) => name !== 'dynamic-routing.md')
  .map((name) => ({ from: path.join(projectRoot, '_posts', name) }));

describe('Lighthouse on the static export', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await copyProject('lighthouse', posts);
    const build = await runNext(dir, ['build']);
    if (build.code !== 0) throw new Error(`next build failed:\n${build.output}`);
    server = await startStatic(path.join(dir, 'out'));
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  it.each(['/', '/posts/markdown-guide/', '/posts/welcome/'])('meets the budgets on %s', async (route) => {
    const name = route === '/' ? 'home' : route.replace(/^\/|\/$/g, '').replaceAll('/', '_');
    const { scores, failing } = await runLighthouse(
      `${server.url}${route}`,
      path.join(projectRoot, 'lighthouse-reports', `test-${name}`),
    );
    console.log(`Lighthouse ${route}: ${JSON.stringify(scores)}`);
    expect(missedBudgets(scores, deterministicCategories), failing.join('\n')).toEqual([]);
  });
});
