/**
 * The route table (lib/urls.ts): every route's address is built and recognised by one table, with
 * and without a base path, and `npm run check` accepts links to every page the site has.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkPosts, formatCheckProblem } from '@/lib/check';
import { renderMarkdown } from '@/lib/markdown';
import { stopRenderWorkers } from '@/lib/render-pool';
import { recognizeRoute, routePath, type Route } from '@/lib/urls';

const routes: [Route, string][] = [
  [{ kind: 'home' }, '/'],
  [{ kind: 'archive', page: 3 }, '/page/3/'],
  [{ kind: 'post', slug: 'hello-world' }, '/posts/hello-world/'],
  [{ kind: 'post', slug: '日本語' }, '/posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/'],
  [{ kind: 'tags' }, '/tags/'],
  [{ kind: 'tag', slug: 'next-js', page: 1 }, '/tags/next-js/'],
  [{ kind: 'tag', slug: 'next-js', page: 2 }, '/tags/next-js/page/2/'],
  [{ kind: 'tag-feed', slug: 'next-js' }, '/tags/next-js/feed.xml'],
  [{ kind: 'feed', format: 'rss' }, '/feed.xml'],
  [{ kind: 'feed', format: 'atom' }, '/atom.xml'],
  [{ kind: 'feed', format: 'json' }, '/feed.json'],
  [{ kind: 'series-index' }, '/series/'],
  [{ kind: 'series', slug: 'building-a-blog' }, '/series/building-a-blog/'],
  [{ kind: 'author', id: 'team' }, '/authors/team/'],
  [{ kind: 'author-feed', id: 'team' }, '/authors/team/feed.xml'],
  [{ kind: 'search' }, '/search/'],
  [{ kind: 'sitemap' }, '/sitemap.xml'],
  [{ kind: 'robots' }, '/robots.txt'],
  [{ kind: 'og', name: '_site' }, '/og/_site.png'],
];

describe('route table', () => {
  it.each(routes)('builds and recognises %j as %s', (route, address) => {
    expect(routePath(route)).toBe(address);
    expect(recognizeRoute(address)).toEqual(route);
  });

  it('recognises decoded segments, and ignores a query or fragment', () => {
    expect(recognizeRoute('/posts/日本語/#part')).toEqual({ kind: 'post', slug: '日本語' });
    expect(recognizeRoute('/tags/next-js/?x=1')).toEqual({ kind: 'tag', slug: 'next-js', page: 1 });
  });

  it.each([
    '/page/1/',
    '/page/02/',
    '/page/x/',
    '/posts/',
    '/posts/a/b/',
    '/tags/a/page/1/',
    '/tags/a/b/',
    '/og/x.jpg',
    '/posts/%zz/',
    '/about/',
    'posts/a/',
  ])('recognises no route at %s', (address) => {
    expect(recognizeRoute(address)).toBeUndefined();
  });

  it('puts the base path in front of every href', async () => {
    vi.stubEnv('BLOG_BASE_PATH', '/blog');
    vi.resetModules();
    try {
      const urls = await import('@/lib/urls');
      for (const [route, address] of routes) expect(urls.routeHref(route)).toBe(`/blog${address}`);
      expect(urls.postPath('a')).toBe('/blog/posts/a/');
      expect(urls.homePath()).toBe('/blog/');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe('npm run check and the routes', () => {
  let dir: string;
  const publicDir = path.join(import.meta.dirname, '..', 'fixtures', 'public');
  const post = (title: string, body: string, extra = '') =>
    `---\ntitle: ${title}\ndate: 2020-01-0${title.length % 9 || 1}\n${extra}---\n\n${body}\n`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'routes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await stopRenderWorkers();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(path.join(tmpdir(), 'routes-'));
  });

  const check = async () =>
    (await checkPosts(dir, publicDir)).problems.map((problem) => formatCheckProblem(problem).replace(`${dir}/`, ''));

  it('accepts links to every kind of page the site has', async () => {
    const links = [
      '/',
      '/tags/',
      '/tags/next-js/',
      '/tags/next-js/feed.xml',
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/search/',
      '/sitemap.xml',
      '/robots.txt',
      '/og/_site.png',
      '/og/linker.png',
    ];
    await writeFile(
      path.join(dir, 'linker.md'),
      post('Linker', links.map((link, i) => `[l${i}](${link})`).join('\n\n'), 'tags: [Next.js]\n'),
    );
    expect(await check()).toEqual([]);
  });

  it('refuses links to pages the site does not have', async () => {
    await writeFile(
      path.join(dir, 'linker.md'),
      post(
        'Linker',
        '[a](/tags/nope/) [b](/page/2/) [c](/tags/next-js/page/2/) [d](/og/nope.png)',
        'tags: [Next.js]\n',
      ),
    );
    expect(await check()).toEqual([
      'linker.md:7:1: error: link /tags/nope/: no published post has the tag "nope"',
      'linker.md:7:18: error: link /page/2/: the post list has 1 page',
      'linker.md:7:32: error: link /tags/next-js/page/2/: the tag "next-js" has 1 page',
      'linker.md:7:59: error: link /og/nope.png: no card is drawn for "nope" (posts with a cover or ogImage use that instead)',
    ]);
  });

  it('checks #fragments against the ids the page itself has', async () => {
    const body = [
      '## Foo[^1]',
      '## Duplicate',
      '## Duplicate',
      '## Emoji 🚀 here',
      '## 日本語の見出し',
      '## With `code` inside',
      '## A [link](/) inside',
      '',
      '[^1]: A note.',
    ].join('\n\n');
    const { html } = await renderMarkdown(body);
    const pageIds = [...html.matchAll(/<h[2-6] id="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(pageIds).toHaveLength(7);
    const links = pageIds.map((id, i) => `[ok${i}](#${encodeURIComponent(id)})`).join('\n\n');
    await writeFile(path.join(dir, 'ids.md'), post('Ids', `${body}\n\n${links}\n\n[bad](#foo)`));
    const lines = await check();
    // `#foo` is what github-slugger on the markdown would give; the page's id is `foo1`.
    expect(pageIds[0]).toBe('foo1');
    expect(lines).toEqual([
      expect.stringMatching(/^ids\.md:\d+:\d+: error: link #foo: no heading or id "foo" in this post$/),
    ]);
  });
});

describe('feeds under a base path', () => {
  it('point their home links at the home page under /blog/, not the bare host', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feeds-base-'));
    await writeFile(path.join(dir, 'one.md'), '---\ntitle: One\ndate: 2020-01-01\n---\n\nBody.\n');
    vi.stubEnv('BLOG_BASE_PATH', '/blog');
    vi.stubEnv('SITE_URL', 'https://example.com');
    vi.stubEnv('POSTS_DIR', dir);
    vi.resetModules();
    try {
      const json: unknown = await (await (await import('@/app/feed.json/route')).GET()).json();
      expect(json).toMatchObject({ home_page_url: 'https://example.com/blog/' });
      const rss = await (await (await import('@/app/feed.xml/route')).GET()).text();
      expect(rss).toMatch(/<channel>[\s\S]*?<link>https:\/\/example\.com\/blog\/<\/link>/);
      const atom = await (await (await import('@/app/atom.xml/route')).GET()).text();
      expect(atom).toContain('<link rel="alternate" type="text/html" href="https://example.com/blog/"/>');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
