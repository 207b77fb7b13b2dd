/**
 * Server mode: `npm run build:server` then `next start` on 127.0.0.1, checked as an author at work
 * sees it. New files are served on first request; edits, additions to the home list and deletions
 * appear after the 60 s revalidation window, without a rebuild.
 */
import { existsSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, removeCopy, startNext, type RunningServer } from './project';
import { cloneBuild, sharedBuild } from './shared-builds';

describe('server mode (`npm run build:server && npm start`)', () => {
  let dir: string | undefined;
  let server: RunningServer | undefined;
  let build: { code: number; output: string };

  const get = async (route: string) => {
    if (!server) throw new Error('server not started');
    const response = await fetch(`${server.url}${route}`);
    return { status: response.status, text: await response.text() };
  };

  /**
   * A raw request: unlike fetch, node:http sends the path as written (no `%2E%2E` folding).
   * Redirects (Next normalises some odd paths with a 308) are followed on the same origin.
   */
  const getRaw = (route: string, hops = 3): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      if (!server) return reject(new Error('server not started'));
      const origin = server.url;
      httpGet(`${origin}${route}`, { path: route }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (status >= 300 && status < 400 && location && hops > 0) {
            const next = new URL(location, origin);
            if (next.origin !== origin) return reject(new Error(`${route} redirects off site to ${location}`));
            resolve(getRaw(next.pathname + next.search, hops - 1));
          } else resolve({ status, text });
        });
      }).on('error', reject);
    });

  /** A file in the running copy's posts folder. */
  const posts = (name: string) => {
    if (!dir) throw new Error('no build');
    return path.join(dir, '_posts', name);
  };

  beforeAll(async () => {
    // The shared server build, copied: this suite adds, edits and deletes posts.
    const shared = await sharedBuild('server');
    build = shared;
    if (build.code === 0) {
      dir = await cloneBuild(shared, 'server-mode');
      server = await startNext(dir);
    }
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  it('has no revalidate endpoint without REVALIDATE_SECRET, and a health check', async () => {
    if (!server) throw new Error('server not started');
    const response = await fetch(`${server.url}/api/revalidate/`, {
      method: 'POST',
      headers: { authorization: 'Bearer anything' },
      body: '{"all":true}',
    });
    expect(response.status).toBe(404);
    expect((await get('/healthz/')).status).toBe(200);
  });

  it('builds for next start, not a static export', () => {
    expect(build.code, build.output).toBe(0);
    expect(existsSync(path.join(dir ?? '', 'out'))).toBe(false);
  });

  it('serves the home page and the pre-rendered posts', async () => {
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Dynamic Routing and Static Generation');
    const post = await get('/posts/dynamic-routing/');
    expect(post.status).toBe(200);
    expect(post.text).toContain('<time dateTime="2020-03-16">March 16, 2020</time>');
  });

  it('answers 404 with the not-found page for unknown and hostile slugs', async () => {
    for (const route of [
      '/posts/no-such-post/',
      '/posts/..%2Fpackage.json/',
      '/posts/%2E%2E%2Fpackage.json/',
      '/posts/..%2F..%2Fetc%2Fpasswd/',
      '/posts/dynamic-routing.md/',
      '/posts/%00/',
      '/no-such-page/',
    ]) {
      const response = await getRaw(route);
      expect(response.status, route).toBe(404);
      expect(response.text, route).toContain('Page not found');
      expect(response.text, route).not.toContain('"devDependencies"');
    }
  });

  it('serves a post added after the build on its first request', async () => {
    await writeFile(
      posts('added-later.md'),
      '---\ntitle: "Added after the build"\ndate: 2026-01-01\n---\n\nFresh text.\n',
    );
    const response = await get('/posts/added-later/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Added after the build');
    expect(response.text).toContain('Fresh text.');
  });

  it('keeps a scheduled post, a draft and a broken file from readers, and redirects old addresses', async () => {
    // Due within the revalidation window that the edits below wait for anyway.
    const scheduledAt = Date.now() + 20_000;
    const post = (title: string, date: string, extra = '') =>
      `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${title} body.\n`;
    await writeFile(posts('soon.md'), post('Coming in a moment', new Date(scheduledAt).toISOString()));
    await writeFile(posts('draft.md'), post('Not ready', '2020-01-01', 'draft: true\n'));
    await writeFile(posts('broken.md'), '---\ntitle: Broken\ndate: someday\n---\n\nBroken body.\n');
    await writeFile(
      posts('moved.md'),
      post('Moved here', '2020-02-02', 'aliases: ["/2020/02/old-moved/"]\ntags: [한국어, Café]\n'),
    );

    expect((await get('/posts/soon/')).status).toBe(404);
    expect((await get('/posts/draft/')).status).toBe(404);
    // One broken file takes nothing else down: it answers 404 and the log names it.
    expect((await get('/posts/broken/')).status).toBe(404);
    expect((await get('/')).status).toBe(200);
    expect((await get('/posts/dynamic-routing/')).status).toBe(200);
    expect((await get('/posts/moved/')).status).toBe(200);
    expect(server?.output()).toMatch(/_posts\/broken\.md:3:1: date: expected a date/);

    // Tags in any script, new since the build, have pages, feeds and sitemap entries under next start too.
    for (const route of [`/tags/${encodeURIComponent('한국어')}/`, '/tags/cafe/']) {
      const tagPage = await get(route);
      expect(tagPage.status, route).toBe(200);
      expect(tagPage.text).toContain('Moved here');
    }
    expect((await get('/tags/no-such-tag/')).status).toBe(404);
    const tagFeed = await get(`/tags/${encodeURIComponent('한국어')}/feed.xml`);
    expect(tagFeed.status).toBe(200);
    expect(tagFeed.text).toContain('<title><![CDATA[Moved here]]></title>');
    for (const route of ['/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/robots.txt', '/og/_site.png']) {
      expect((await get(route)).status, route).toBe(200);
    }

    const redirect = await fetch(`${server?.url}/2020/02/old-moved/`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toMatch(/\/posts\/moved\/$/);
  });

  it('shows an edit, the new post on the home page and a deletion within the revalidation window', async () => {
    // Warm the pages so that the cached versions are the old ones.
    expect((await get('/posts/unquoted-date/')).status).toBe(200);
    expect((await get('/posts/hostile-html/')).status).toBe(200);
    await writeFile(posts('unquoted-date.md'), '---\ntitle: An edited title\ndate: 2021-07-04\n---\n\nEdited body.\n');
    await rm(posts('hostile-html.md'));
    const started = Date.now();

    // The scheduled post's time passes during the same wait; then a regeneration brings it in.
    const [edited, listed, deleted, scheduledPage, scheduledListed] = await Promise.all([
      eventually(async () => (await get('/posts/unquoted-date/')).text.includes('Edited body.'), 100_000),
      eventually(async () => (await get('/')).text.includes('Added after the build'), 100_000),
      eventually(async () => (await get('/posts/hostile-html/')).status === 404, 100_000),
      eventually(async () => (await get('/posts/soon/')).status === 200, 100_000),
      eventually(async () => (await get('/')).text.includes('Coming in a moment'), 100_000),
    ]);
    const seconds = Math.round((Date.now() - started) / 1000);
    expect(edited, `edit not shown after ${seconds} s`).toBe(true);
    expect(listed, `new post not on the home page after ${seconds} s`).toBe(true);
    expect(deleted, `deleted post still served after ${seconds} s`).toBe(true);
    expect(scheduledPage, `scheduled post not served ${seconds} s after its time`).toBe(true);
    expect(scheduledListed, `scheduled post not on the home page ${seconds} s after its time`).toBe(true);
    const home = await get('/');
    expect(home.text).not.toContain('Hostile HTML');
    expect(home.text).toContain('An edited title');
    expect(home.text).not.toContain('Not ready');
    expect(home.text).not.toContain('Broken body');
  });
});
