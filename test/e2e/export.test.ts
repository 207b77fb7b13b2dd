/**
 * The static export in a real browser: the project's own posts, and enough generated ones for a
 * second page of the post list (so pagination is checked too), built with `next build` and served
 * by `scripts/serve-out.mjs` (which behaves like a static host) on 127.0.0.1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from '@/lib/site';
import { generatePosts } from '../../scripts/lib/generate-posts';
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
    // One post more than a page holds: the home page links to /page/2/, which links back.
    await generatePosts(path.join(dir, '_posts'), Math.max(1, site.postsPerPage + 1 - posts.length));
    // `npm run build`, as a user runs it: check, next build, then the search index (postbuild).
    const build = await runNpm(dir, ['run', 'build']);
    if (build.code !== 0) throw new Error(`next build failed:\n${build.output}`);
    server = await startStatic(path.join(dir, 'out'));
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  siteChecks(() => server.url, { paginated: '/page/2/' });

  it('has the layout a static host needs: trailing-slash folders, 404.html, hashed static files', async () => {
    const noSlash = await fetch(`${server.url}/posts/welcome`, { redirect: 'manual' });
    expect(noSlash.status).toBe(308);
    expect(noSlash.headers.get('location')).toBe('/posts/welcome/');
    const missing = await fetch(`${server.url}/nothing/here/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    const home = await (await fetch(`${server.url}/`)).text();
    const script = /<script src="(\/_next\/static\/[^"]+)"/.exec(home)?.[1] ?? '';
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(readFileSync(path.join(dir, 'out', '_headers'), 'utf8')).toContain(
      'Cache-Control: public, max-age=31536000, immutable',
    );
  });
});
