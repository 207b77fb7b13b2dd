/**
 * Lighthouse budgets on the static export, mobile preset: accessibility, best practices and SEO
 * 100. The performance score depends on the machine's speed, so it is printed here and held to
 * its budget (≥ 95) by `npm run lighthouse` and `npm run bench -- --lighthouse`, never asserted. Run
 * on the shared `export` build, on pages that do not show the seed post's cover: a remote URL that
 * this offline machine cannot load (a failed image would be a console error).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicCategories, missedBudgets, runLighthouse } from '../../scripts/lib/lighthouse';
import { projectRoot, startStatic, type RunningServer } from '../build/project';
import { builtVariant } from '../build/shared-builds';

describe('Lighthouse on the static export', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startStatic(path.join((await builtVariant('export')).dir, 'out'));
  });

  afterAll(async () => {
    await server?.stop();
  });

  // The home page (covers, lists) and the richest post (code, tables, footnotes); `npm run lighthouse`
  // also audits a post with a cover.
  it.each(['/', '/posts/markdown-guide/'])('meets the budgets on %s', async (route) => {
    const name = route === '/' ? 'home' : route.replace(/^\/|\/$/g, '').replaceAll('/', '_');
    const { scores, failing } = await runLighthouse(
      `${server.url}${route}`,
      path.join(projectRoot, 'lighthouse-reports', `test-${name}`),
    );
    console.log(`Lighthouse ${route}: ${JSON.stringify(scores)}`);
    expect(missedBudgets(scores, deterministicCategories), failing.join('\n')).toEqual([]);
  });
});
