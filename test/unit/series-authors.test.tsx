/**
 * Series and authors as readers meet them: a post's place in its series, the series pages, an
 * author's page and feed, the sitemap entries, and the check errors for an author id that names
 * nobody. Run on a temporary posts folder through the real routes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let dir: string;

const post = (name: string, front: string) =>
  writeFile(path.join(dir, `${name}.md`), `---\n${front}\n---\n\nThe body of ${name}.\n`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'series-authors-'));
  await post('first', 'title: Setting up\ndate: 2024-01-01\nseries: Building a Blog\nauthor: team');
  await post('third', 'title: Shipping it\ndate: 2024-01-02\nseries: building a blog');
  await post(
    'second',
    'title: Writing posts\ndate: 2024-03-01\nseries: Building a Blog\nseriesOrder: 2\nauthor: [team, Ann Other]',
  );
  await post('alone', 'title: Not in a series\ndate: 2024-02-01\nauthor: Jane Doe');
  await post('draft', 'title: Draft part\ndate: 2024-02-02\nseries: Building a Blog\ndraft: true\nauthor: team');
  vi.stubEnv('POSTS_DIR', dir);
  vi.stubEnv('SITE_URL', 'https://blog.example.com');
  vi.resetModules();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.resetModules();
  await rm(dir, { recursive: true, force: true });
});

describe('series', () => {
  it('orders the parts: numbered first, then by date; one series whatever the spelling; drafts left out', async () => {
    const { getAllPosts } = await import('@/lib/api');
    const { allSeries, seriesOfPost } = await import('@/lib/series');
    const posts = await getAllPosts();
    const [series] = allSeries(posts);
    expect(allSeries(posts)).toHaveLength(1);
    expect(series?.slug).toBe('building-a-blog');
    expect(series?.posts.map((part) => part.slug)).toEqual(['second', 'first', 'third']);
    const third = posts.find((one) => one.slug === 'third');
    expect(third && seriesOfPost(posts, third)?.part).toBe(3);
    const alone = posts.find((one) => one.slug === 'alone');
    expect(alone && seriesOfPost(posts, alone)).toBeUndefined();
  });

  it('shows "Part 2 of 3" on a post with every part, the current one marked and not linked', async () => {
    const { SeriesNav } = await import('@/components/series-nav');
    const { getAllPosts } = await import('@/lib/api');
    const { seriesOfPost } = await import('@/lib/series');
    const posts = await getAllPosts();
    const first = posts.find((one) => one.slug === 'first');
    const found = first && seriesOfPost(posts, first);
    if (!found) throw new Error('no series');
    const html = renderToStaticMarkup(<SeriesNav series={found.series} part={found.part} current="first" />);
    expect(html).toContain('Part 2 of 3 of the series <a href="/series/building-a-blog/"');
    expect(html).toContain('<li aria-current="page" class="font-semibold">Setting up</li>');
    expect(html).toContain('<a href="/posts/second/"');
    expect(html).toContain('<a href="/posts/third/"');
  });

  it('has a page per series and an index, both in the sitemap', async () => {
    const page = await import('@/app/series/[series]/page');
    expect(await page.generateStaticParams()).toEqual([{ series: 'building-a-blog' }]);
    const html = renderToStaticMarkup(await page.default({ params: Promise.resolve({ series: 'building-a-blog' }) }));
    expect(html).toContain('<h1 class="mb-4 text-4xl font-bold tracking-tight md:text-5xl">Building a Blog</h1>');
    expect(html.indexOf('Writing posts')).toBeLessThan(html.indexOf('Setting up'));
    const sitemap = (await import('@/app/sitemap')).default;
    const urls = (await sitemap()).map((entry) => entry.url);
    expect(urls).toContain('https://blog.example.com/series/');
    expect(urls).toContain('https://blog.example.com/series/building-a-blog/');
  });
});

describe('authors', () => {
  it('reads an id as the author of lib/site.ts and keeps inline names, with co-authors in order', async () => {
    const { getAllPosts } = await import('@/lib/api');
    const posts = await getAllPosts();
    const second = posts.find((one) => one.slug === 'second');
    expect(second?.authors).toEqual([{ id: 'team', name: 'The Markdown Blog team' }, { name: 'Ann Other' }]);
    expect(second?.author).toEqual({ id: 'team', name: 'The Markdown Blog team' });
    expect(posts.find((one) => one.slug === 'alone')?.authors).toEqual([{ name: 'Jane Doe' }]);
  });

  it("has a page with the author's bio and published posts, and an RSS feed of them", async () => {
    const page = await import('@/app/authors/[author]/page');
    expect(await page.generateStaticParams()).toEqual([{ author: 'team' }]);
    const html = renderToStaticMarkup(await page.default({ params: Promise.resolve({ author: 'team' }) }));
    expect(html).toContain('>The Markdown Blog team</h1>');
    expect(html).toContain('We write the guides');
    expect(html).toContain('href="/authors/team/feed.xml"');
    expect(html).toContain('Writing posts');
    expect(html).not.toContain('Draft part');
    const feed = await import('@/app/authors/[author]/feed.xml/route');
    const xml = await (
      await feed.GET(new Request('https://x/'), { params: Promise.resolve({ author: 'team' }) })
    ).text();
    expect([...xml.matchAll(/<title><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((match) => match[1])).toEqual([
      'Writing posts',
      'Setting up',
    ]);
    expect(xml).toContain('<dc:creator>The Markdown Blog team, Ann Other</dc:creator>');
    const missing = await feed.GET(new Request('https://x/'), { params: Promise.resolve({ author: 'nobody' }) });
    expect(missing.status).toBe(404);
    const sitemap = (await import('@/app/sitemap')).default;
    expect((await sitemap()).map((entry) => entry.url)).toContain('https://blog.example.com/authors/team/');
  });

  it('makes an author id that names nobody a check error at its line and column', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'authors-check-'));
    try {
      await writeFile(
        path.join(bad, 'typo.md'),
        '---\ntitle: Typo\ndate: 2024-01-01\nauthor: [team, tema]\n---\n\nBody.\n',
      );
      const { checkPosts, formatCheckProblem } = await import('@/lib/check');
      const { problems } = await checkPosts(bad, path.join(import.meta.dirname, '..', 'fixtures', 'public'));
      expect(problems.map(formatCheckProblem)).toEqual([
        expect.stringMatching(
          /typo\.md:4:1: error: author\.1: expected .*, found "tema": it is not an author id of lib\/site\.ts \(team\)/,
        ),
      ]);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
