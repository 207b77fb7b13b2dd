/**
 * The route handlers that are not pages of posts (sitemap, robots, the alias pages), called as
 * Next calls them, on a temporary posts folder, with and without a base path: every address they
 * write is the site's own, under `/blog/` when the site lives there.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'route-handlers-'));
  await writeFile(
    path.join(dir, 'first.md'),
    '---\ntitle: First\ndate: 2024-01-02\ntags: [Next.js]\naliases: [/2024/01/first-post/, /old.html]\n---\n\nOne.\n',
  );
  await writeFile(path.join(dir, 'second.md'), '---\ntitle: Second\ndate: 2024-02-03\n---\n\nTwo.\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The app's modules loaded afresh with the given base path (read once, when lib/urls.ts loads). */
async function load(basePath: string) {
  vi.stubEnv('POSTS_DIR', dir);
  vi.stubEnv('SITE_URL', 'https://blog.example.com');
  vi.stubEnv('BLOG_BASE_PATH', basePath);
  vi.stubEnv('BLOG_REDIRECTS', 'html');
  vi.resetModules();
  const [sitemap, robots, alias] = await Promise.all([
    import('@/app/sitemap'),
    import('@/app/robots'),
    import('@/app/[...alias]/page'),
  ]);
  return { sitemap: sitemap.default, robots: robots.default, alias };
}

/** What Next's redirect helpers throw: the target is in the error's digest. */
function redirectTarget(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error) || typeof error.digest !== 'string') {
    return undefined;
  }
  return error.digest.split(';')[2];
}

describe.each([
  ['', 'https://blog.example.com'],
  ['/blog', 'https://blog.example.com/blog'],
])('with BASE_PATH=%j', (basePath, root) => {
  let site: Awaited<ReturnType<typeof load>>;

  beforeAll(async () => {
    site = await load(basePath);
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('lists home, posts, the tag index and each tag in the sitemap, at absolute addresses', async () => {
    const { sitemap } = site;
    const entries = await sitemap();
    expect(entries.map((entry) => entry.url)).toEqual([
      `${root}/`,
      `${root}/posts/second/`,
      `${root}/posts/first/`,
      `${root}/tags/`,
      `${root}/tags/next-js/`,
    ]);
    expect(entries[1]?.lastModified).toEqual(new Date('2024-02-03T00:00:00Z'));
  });

  it('points robots.txt at the sitemap', async () => {
    const { robots } = site;
    expect(robots()).toEqual({ rules: { userAgent: '*', allow: '/' }, sitemap: `${root}/sitemap.xml` });
  });

  it('makes one alias page per old address, and nothing else', async () => {
    const { alias } = site;
    expect(await alias.generateStaticParams()).toEqual([
      { alias: ['2024', '01', 'first-post'] },
      { alias: ['old.html'] },
    ]);
    const metadata = await alias.generateMetadata({ params: Promise.resolve({ alias: ['old.html'] }) });
    expect(metadata.alternates?.canonical).toBe(`${basePath}/posts/first/`);
    expect(await alias.generateMetadata({ params: Promise.resolve({ alias: ['nothing'] }) })).toEqual({});
  });

  it('answers an old address with a permanent redirect to the post on a server (Next adds the base path)', async () => {
    const { alias } = site;
    // Read per request: a server build answers with an HTTP redirect, an export writes a page.
    vi.stubEnv('BLOG_REDIRECTS', 'http');
    const error = await Promise.resolve()
      .then(() => alias.default({ params: Promise.resolve({ alias: ['2024', '01', 'first-post'] }) }))
      .catch((caught: unknown) => caught);
    expect(redirectTarget(error)).toBe('/posts/first/');
  });
});
