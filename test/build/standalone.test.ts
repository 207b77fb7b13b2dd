/**
 * The standalone server: `npm run build:server` completes `.next/standalone/` (public/, static
 * files, posts), which then runs with `node server.js` alone, away from the project's node_modules.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PICTURE_POST } from '../../scripts/lib/generate-pictures';
import { standaloneAppDir, startStandalone, type RunningServer } from './project';
import { sharedBuild, type SharedBuild } from './shared-builds';

describe('standalone server (`node .next/standalone/server.js`)', () => {
  let moved: string;
  /** The folder that holds server.js: deeper than .next/standalone/ for these copies inside the project. */
  let app: string;
  let build: SharedBuild;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    // The shared server build: `npm run build:server` assembled its standalone folder.
    build = await sharedBuild('server');
    const dir = build.dir;
    // Moved out of the project, so that nothing can come from its node_modules.
    moved = await mkdtemp(path.join(tmpdir(), 'standalone-'));
    app = '';
    if (build.code === 0) {
      const offset = path.relative(path.join(dir, '.next', 'standalone'), await standaloneAppDir(dir));
      await cp(path.join(dir, '.next', 'standalone'), path.join(moved, 'standalone'), {
        recursive: true,
        verbatimSymlinks: true,
      });
      app = path.join(moved, 'standalone', offset);
      server = await startStandalone(app);
    }
  });

  afterAll(async () => {
    await server?.stop();
    if (moved) await rm(moved, { recursive: true, force: true });
  });

  it('is assembled by npm run build:server', () => {
    expect(build.code, build.output).toBe(0);
    const standalone = app;
    for (const needed of [
      'server.js',
      'public/assets/blog/authors/jj.jpeg',
      '.next/static',
      '_posts/dynamic-routing.md',
      // The pictures the build made and the manifest pages look them up in (lib/images/).
      'public/_img',
      '.images/manifest.json',
    ]) {
      expect(existsSync(path.join(standalone, needed)), needed).toBe(true);
    }
    // The cards' fonts: regular and bold WOFF of every subset (lib/og-fonts.ts), nothing else.
    const interFiles = readdirSync(path.join(standalone, 'node_modules', '@fontsource', 'inter', 'files'));
    expect(interFiles).toContain('inter-latin-400-normal.woff');
    expect(interFiles).toContain('inter-latin-700-normal.woff');
    expect(interFiles.filter((name) => !/-(400|700)-normal\.woff$/.test(name))).toEqual([]);
    // The rendering worker's bundle (lib/render-pool.ts).
    expect(existsSync(path.join(standalone, '.render-worker', 'render-worker.js'))).toBe(true);
    // Only what the server needs: no sources traced in by a dynamic file path.
    expect(existsSync(path.join(standalone, 'lib'))).toBe(false);
    expect(existsSync(path.join(standalone, 'app'))).toBe(false);
  });

  it('serves the pages, their assets and a post added after the build', async () => {
    if (!server) throw new Error('standalone server did not start');
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Dynamic Routing and Static Generation');
    const script = /<script src="([^"]+)"/.exec(html)?.[1] ?? '';
    expect((await fetch(`${server.url}${script}`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/blog/authors/jj.jpeg`)).status).toBe(200);
    expect((await fetch(`${server.url}/posts/dynamic-routing/`)).status).toBe(200);
    // A post's pictures beside it: the page names their made sizes, which the server sends, cached for good.
    const essay = await (await fetch(`${server.url}/posts/${PICTURE_POST}/`)).text();
    const avif = /(\/_img\/[0-9a-f]{20}-768\.avif) 768w/.exec(essay)?.[1];
    expect(avif).toBeDefined();
    const picture = await fetch(`${server.url}${avif}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/avif');
    expect(picture.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    await writeFile(
      path.join(app, '_posts', 'later.md'),
      '---\ntitle: "Written after the build"\ndate: 2020-05-05\n---\n\nNew.\n',
    );
    const later = await fetch(`${server.url}/posts/later/`);
    expect(later.status).toBe(200);
    expect(await later.text()).toContain('Written after the build');
    // Its sharing card is drawn on request, with the font the standalone folder carries.
    const card = await fetch(`${server.url}/og/later.png`);
    expect(card.status).toBe(200);
    expect(card.headers.get('content-type')).toBe('image/png');
  });
});
