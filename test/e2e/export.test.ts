/**
 * The static export in a real browser: the shared `export` build (the project's own posts, the
 * fixtures and generated posts, three pages of them, so pagination is checked too), built with
 * `npm run build` and served by `scripts/serve-out.mjs` (which behaves like a static host) on
 * 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatic, type RunningServer } from '../build/project';
import { builtVariant } from '../build/shared-builds';
import { siteChecks } from './site-checks';

describe('the static export in Chromium', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = (await builtVariant('export')).dir;
    server = await startStatic(path.join(dir, 'out'));
  });

  afterAll(async () => {
    await server?.stop();
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
