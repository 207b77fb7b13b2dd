/**
 * The standalone server: `npm run build:server` completes `.next/standalone/` (public/, static
 * files, posts, the search index), which then runs with `node server.js` alone, away from the
 * project's node_modules, as the Dockerfile runs it: the posts in a folder of their own
 * (`POSTS_DIR`, a volume in the image). On SIGTERM it finishes the requests in flight and exits 0.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
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
  /** The posts, outside the server's folder, as a volume mounted at /data/posts in the image. */
  let volume: string;
  const SECRET = 'standalone-secret';

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
      volume = path.join(moved, 'posts');
      await cp(path.join(app, '_posts'), volume, { recursive: true });
      server = await startStandalone(app, { POSTS_DIR: volume, REVALIDATE_SECRET: SECRET });
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
    // The search index the build wrote, and the program the server rebuilds it with.
    expect(existsSync(path.join(standalone, '.next', 'search-index', 'current.json'))).toBe(true);
    expect(readdirSync(path.join(standalone, 'node_modules', '@pagefind')).length).toBeGreaterThan(0);
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
      path.join(volume, 'later.md'),
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

  it('answers the health check and serves the search index', async () => {
    if (!server) throw new Error('standalone server did not start');
    const health = await fetch(`${server.url}/healthz/`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toContain('no-store');
    expect(await health.json()).toEqual({ status: 'ok' });
    const script = await fetch(`${server.url}/pagefind/pagefind.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}/pagefind/../server.js`)).status).toBe(404);
  });

  it('finishes a request in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    if (!server) throw new Error('standalone server did not start');
    const { url, pid, exited } = server;
    const body = JSON.stringify({ paths: ['/posts/later/'] });
    // A revalidation whose body is still arriving when the signal comes.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/api/revalidate/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 5));
      (async () => {
        await new Promise((r) => setTimeout(r, 300));
        process.kill(pid, 'SIGTERM');
        // New connections are refused once the server drains.
        let refused = false;
        for (let attempt = 0; attempt < 50 && !refused; attempt += 1) {
          await new Promise((r) => setTimeout(r, 100));
          refused = await fetch(`${url}/healthz/`).then(
            () => false,
            () => true,
          );
        }
        expect(refused, 'new connections refused while draining').toBe(true);
        req.end(body.slice(5));
      })().catch(reject);
    });
    const answer = await inFlight;
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toContain('/posts/later/');
    // It exits on its own, with 0 (the test's timeout bounds the wait).
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing the requests in flight');
    server = undefined;
  });
});
