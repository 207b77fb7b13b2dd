/**
 * Reader features in the shared static export (`export` in shared-builds.ts): tags (non-ASCII ones
 * too), feeds, sitemap, robots, structured data, reading time, previous/next and related posts.
 * Among its posts: the project's own, the authoring fixtures (a draft, a far-future post, a post
 * with slug, aliases and tags "Next.js", "Café", "日本語"), hostile titles and generated posts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAT_PICTURE_POST } from '../../scripts/lib/generate-pictures';
import { EXPORT_SITE_URL as SITE, HOSTILE_SLUGS, LONG_TAG, sharedBuild, type SharedBuild } from './shared-builds';

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'url', 'link'].includes(name),
});

/** Parses XML after checking that it is well-formed; returns plain objects. */
function parseXml(text: string): unknown {
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text);
}

/** The values at `path` (keys; arrays are walked), as strings. */
function at(data: unknown, path: string[]): string[] {
  if (path.length === 0) {
    if (typeof data === 'string' || typeof data === 'number') return [String(data)];
    if (typeof data === 'object' && data !== null && '#text' in data) return [String(data['#text'])];
    return [];
  }
  if (Array.isArray(data)) return data.flatMap((item) => at(item, path));
  if (typeof data !== 'object' || data === null) return [];
  const [key, ...rest] = path;
  return key !== undefined && key in data ? at(Reflect.get(data, key), rest) : [];
}

describe('reader features in the static export', () => {
  let dir: string;
  let build: SharedBuild;
  const file = (route: string) => readFileSync(path.join(dir, 'out', route), 'utf8');
  // React separates adjacent text with `<!-- -->`; readers never see it.
  const page = (route: string) => file(path.join(route, 'index.html')).replaceAll('<!-- -->', '');

  beforeAll(async () => {
    build = await sharedBuild('export');
    dir = build.dir;
  });

  it('builds', () => {
    expect(build.code, build.output).toBe(0);
  });

  it('lists every tag with its count, and writes a real page for each, whatever its script', () => {
    const index = page('tags');
    expect(index).toContain('href="/tags/next-js/"');
    expect(index).toMatch(/Markdown <span[^>]*>\(3\)<\/span>/);
    const folders = readdirSync(path.join(dir, 'out', 'tags'), { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    );
    expect(folders.map((entry) => entry.name).sort()).toEqual(
      [
        // The shipped posts and the authoring fixtures
        'blog',
        'cafe',
        'guide',
        'markdown',
        'next-js',
        'writing',
        '日本語',
        // The other fixtures
        'yaml',
        'dates',
        'no-tags-yet',
        LONG_TAG,
        // The picture post
        'photos',
        // The generated posts
        'routing',
        'typescript',
        'caching',
        'accessibility',
        'performance',
        'css',
        'testing',
        'deployment',
        'fonts',
      ].sort(),
    );
    const japanese = page('tags/日本語');
    expect(japanese).toContain('Posts tagged “日本語”');
    expect(japanese).toContain('href="/posts/better-name/"');
    expect(page('tags/next-js')).toContain('href="/posts/welcome/"');
    // A post links its tags, percent-encoded.
    expect(page('posts/better-name')).toContain('href="/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"');
  });

  it('writes RSS, Atom and JSON feeds of published posts, with absolute links and proper dates', () => {
    const rss = parseXml(file('feed.xml'));
    const items = ['rss', 'channel', 'item'];
    const titles = at(rss, [...items, 'title']);
    expect(titles).toContain('Dynamic Routing and Static Generation');
    expect(titles).not.toContain('Unfinished thoughts');
    expect(titles).not.toContain('From the future');
    for (const date of at(rss, [...items, 'pubDate'])) expect(date).toMatch(RFC_822);
    expect(at(rss, [...items, 'link']).every((link) => link.startsWith(`${SITE}/posts/`))).toBe(true);
    const content = at(rss, [...items, 'content:encoded']).join('\n');
    expect(content).toContain('<h2 id="what-is-dynamic-routing">');
    expect(content).not.toMatch(/(href|src)="\/(?!\/)/);
    expect(content).not.toMatch(/href="#/);

    const atom = parseXml(file('atom.xml'));
    expect(at(atom, ['feed', 'entry', 'title'])).toEqual(titles);
    const atomDates = at(atom, ['feed', 'entry', 'updated']);
    expect(atomDates).toHaveLength(titles.length);
    for (const date of atomDates) expect(date).toMatch(RFC_3339);

    const json: unknown = JSON.parse(file('feed.json'));
    expect(json).toMatchObject({ version: 'https://jsonfeed.org/version/1', home_page_url: `${SITE}/` });
    expect(at(json, ['items', 'title'])).toEqual(titles);
    for (const date of at(json, ['items', 'date_published'])) expect(date).toMatch(RFC_3339);

    const tagFeed = parseXml(file('tags/日本語/feed.xml'));
    expect(at(tagFeed, [...items, 'title'])).toEqual(['A post with its own slug and old addresses']);
  });

  it('announces the feeds on every page', () => {
    expect(page('')).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Markdown Blog (RSS)" href="/feed.xml"/>',
    );
    expect(page('posts/welcome')).toContain('href="/atom.xml"');
  });

  it('lists published posts, tags and archive pages in the sitemap, and nothing else', () => {
    const sitemap = parseXml(file('sitemap.xml'));
    const urls = at(sitemap, ['urlset', 'url', 'loc']);
    expect(urls).toEqual(
      expect.arrayContaining([
        `${SITE}/`,
        `${SITE}/posts/dynamic-routing/`,
        `${SITE}/posts/better-name/`,
        `${SITE}/tags/`,
      ]),
    );
    expect(urls).toContain(`${SITE}/tags/${encodeURIComponent('日本語')}/`);
    expect(urls.some((url) => /unfinished|future|renamed|old\/|page\/1\/|404/.test(url))).toBe(false);
    const dates = at(sitemap, ['urlset', 'url', 'lastmod']);
    expect(dates).toHaveLength(urls.length);
    for (const date of dates) expect(date).toMatch(RFC_3339);
    expect(file('robots.txt')).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  });

  it('gives each post structured data, reading time, neighbours and related posts', () => {
    const html = page('posts/writing-a-post');
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(jsonLd)).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'How to write a post',
      datePublished: '2026-11-21T09:30:00.000Z',
      url: `${SITE}/posts/writing-a-post/`,
      image: expect.stringMatching(new RegExp(`^${SITE}/_img/[0-9a-f]{20}-og\\.jpg$`)),
    });
    expect(html).toMatch(/\d+ min read/);
    expect(html).toMatch(/<a href="\/posts\/welcome\/" rel="prev"/);
    expect(html).toMatch(/<a href="\/posts\/markdown-guide\/" rel="next"/);
    // Related by the shared "Markdown" tag.
    expect(html).toMatch(/Related posts[\s\S]*href="\/posts\/markdown-guide\/"/);
    expect(existsSync(path.join(dir, 'out', 'posts', 'unfinished'))).toBe(false);
  });

  it('generates an Open Graph card for the site and for each post with neither ogImage nor cover', () => {
    const size = (name: string) => {
      const png = readFileSync(path.join(dir, 'out', 'og', name));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('_site.png')).toEqual([1200, 630]);
    expect(size('markdown-guide.png')).toEqual([1200, 630]);
    // Every post without a cover or ogImage: the generated ones, the seed and the photo essay have covers.
    expect(readdirSync(path.join(dir, 'out', 'og')).sort()).toEqual(
      ['_site', 'better-name', 'markdown-guide', 'unquoted-date', 'windows-crlf', FLAT_PICTURE_POST, ...HOSTILE_SLUGS]
        .map((slug) => `${slug}.png`)
        .sort(),
    );
    expect(page('posts/markdown-guide')).toContain(
      `<meta property="og:image" content="${SITE}/og/markdown-guide.png"/>`,
    );
    // A local cover is shared as its 1200×630 JPEG, with its size.
    expect(page('posts/welcome')).toMatch(
      new RegExp(
        `<meta property="og:image" content="${SITE}/_img/[0-9a-f]{20}-og\\.jpg"/><meta property="og:image:width" content="1200"/><meta property="og:image:height" content="630"/>`,
      ),
    );
    expect(page('')).toContain(`<meta property="og:image" content="${SITE}/og/_site.png"/>`);
    expect(page('')).toContain('<meta name="twitter:card" content="summary_large_image"/>');
  });
});
