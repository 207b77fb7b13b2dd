/**
 * lib/search-records.ts: the Pagefind index made from the posts. The index is built for real (the
 * Pagefind binary) from a temporary posts folder, then searched with the `pagefind.js` it wrote,
 * fetching its files from a local server as a browser would.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getPostBySlug } from '@/lib/api';
import { stopRenderWorkers } from '@/lib/render-pool';
import { searchDocument, writeSearchIndex } from '@/lib/search-records';

type Hit = {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
};
type Pagefind = {
  options: (options: { basePath: string; baseUrl: string }) => Promise<void>;
  search: (term: string) => Promise<{ results: { data: () => Promise<Hit> }[] }>;
};

const TITLE = 'Zebra <crossings> & "quotes"';
const FIRST_WORDS = 'Quokkas hop around the island at dawn';

const posts: Record<string, string> = {
  'zebra.md': `---
title: '${TITLE}'
date: 2020-03-16
author: Ann Example
tags: [Café, Next.js]
---

${FIRST_WORDS}, long before anyone is awake.

## Where to find them

Near the lighthouse, mostly.

<div data-pagefind-meta="title:Injected">Raw HTML that would rename the result.</div>
`,
  'draft.md': `---\ntitle: Draft\ndate: 2020-01-01\ndraft: true\n---\n\nWombats in a draft.\n`,
  'scheduled.md': `---\ntitle: Scheduled\ndate: 2999-01-01\n---\n\nWombats in a post that is not out yet.\n`,
};

let dir: string;
let server: Server;
let pagefind: Pagefind;

async function search(term: string): Promise<Hit[]> {
  const found = await pagefind.search(term);
  return Promise.all(found.results.map((result) => result.data()));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'search-records-'));
  await mkdir(path.join(dir, 'posts'));
  for (const [name, source] of Object.entries(posts)) await writeFile(path.join(dir, 'posts', name), source);
  vi.stubEnv('POSTS_DIR', path.join(dir, 'posts'));
  const output = path.join(dir, 'pagefind');
  expect(await writeSearchIndex(output)).toEqual({ posts: 1 });

  server = createServer((request, response) => {
    const file = path.join(output, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    readFile(file).then(
      (body) => response.end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  pagefind = (await import(/* @vite-ignore */ pathToFileURL(path.join(output, 'pagefind.js')).href)) as Pagefind;
  // As the search page does: results are links below the site's base path.
  await pagefind.options({ basePath: `http://127.0.0.1:${port}/`, baseUrl: '/' });
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await stopRenderWorkers();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the search index', () => {
  it('excerpts the body, not the title, author or date', async () => {
    const [hit, ...others] = await search('quokkas');
    expect(others).toEqual([]);
    expect(hit?.url).toBe('/posts/zebra/');
    expect(hit?.excerpt.replaceAll(/<\/?mark>/g, '')).toMatch(new RegExp(`^${FIRST_WORDS}`));
    for (const header of ['Zebra', 'Ann Example', 'March 16, 2020', 'min read']) {
      expect(hit?.excerpt).not.toContain(header);
    }
  });

  it('shows the title and date with a result, and finds a post by its title, author or tag', async () => {
    const [hit] = await search('quokkas');
    expect(hit?.meta).toMatchObject({ title: TITLE, date: 'March 16, 2020', author: 'Ann Example' });
    expect(hit?.filters).toEqual({ tag: ['Café', 'Next.js'] });
    for (const term of ['zebra', 'crossings', 'ann', 'café']) {
      expect(
        (await search(term)).map((found) => found.url),
        term,
      ).toEqual(['/posts/zebra/']);
    }
  });

  it('indexes the body under its headings, and nothing a post writes can set metadata', async () => {
    expect((await search('lighthouse')).map((found) => found.url)).toEqual(['/posts/zebra/']);
    expect((await search('injected')).map((found) => found.meta.title)).toEqual([]);
  });

  it('leaves out drafts and scheduled posts', async () => {
    expect(await search('wombats')).toEqual([]);
  });
});

describe('searchDocument', () => {
  it('links to the post below the base path, which the search page hands Pagefind as baseUrl', async () => {
    const post = await getPostBySlug('zebra');
    if (!post) throw new Error('no post');
    expect(searchDocument(post).url).toBe('/posts/zebra/');
    vi.stubEnv('BLOG_BASE_PATH', '/blog');
    vi.resetModules();
    const { searchDocument: underBlog } = await import('@/lib/search-records');
    const { postPath } = await import('@/lib/urls');
    expect(postPath('zebra')).toBe('/blog/posts/zebra/');
    expect(underBlog(post).url).toBe('/posts/zebra/');
    vi.unstubAllEnvs();
    vi.stubEnv('POSTS_DIR', path.join(dir, 'posts'));
  });

  it('escapes the title and keeps the body apart from the metadata', async () => {
    const post = await getPostBySlug('zebra');
    if (!post) throw new Error('no post');
    const { content } = searchDocument(post);
    expect(content).toContain('<h1 data-pagefind-meta="title">Zebra &lt;crossings&gt; &amp; &quot;quotes&quot;</h1>');
    expect(content).toContain(`<main data-pagefind-body>${post.html}</main>`);
    expect(content).not.toContain('Injected');
  });
});

describe('an empty blog', () => {
  it('still gets an index, so the search page loads', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(path.join(empty, 'posts'), { recursive: true });
    vi.stubEnv('POSTS_DIR', path.join(empty, 'posts'));
    try {
      expect(await writeSearchIndex(path.join(empty, 'pagefind'))).toEqual({ posts: 0 });
      expect(existsSync(path.join(empty, 'pagefind', 'pagefind.js'))).toBe(true);
    } finally {
      vi.stubEnv('POSTS_DIR', path.join(dir, 'posts'));
    }
  }, 30_000);
});
