/**
 * The content layer under lib/api.ts (lib/posts/): the runtime mode, the reshape step from front
 * matter to summary, and the catalog's addresses and visibility. Rendering is replaced by a fake
 * here; api.test.ts and hostile-posts.test.ts go through the real one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenderedMarkdown } from '@/lib/markdown';
import { frontMatterSchema, validateFrontMatter } from '@/lib/post-schema';
import { asShown, catalogOf, type Renderer } from '@/lib/posts/catalog';
import { invalidPostsAreFatal, modeOf, runtimeMode, setRuntimeMode, showsUnpublished } from '@/lib/posts/mode';
import { toPostSummary, type ComputedFacts } from '@/lib/posts/post';
import { postFilesIn } from '@/lib/posts/source';
import { site } from '@/lib/site';

describe('runtime mode', () => {
  afterEach(() => {
    setRuntimeMode(undefined);
    vi.unstubAllEnvs();
  });

  it('tells a build, a server, next dev and a script apart', () => {
    expect(modeOf({ NEXT_PHASE: 'phase-production-build', NODE_ENV: 'production' })).toBe('build');
    expect(modeOf({ NEXT_PHASE: 'phase-production-server', NODE_ENV: 'production' })).toBe('server');
    expect(modeOf({ NODE_ENV: 'production' })).toBe('server'); // the standalone server.js
    expect(modeOf({ NEXT_PHASE: 'phase-development-server', NODE_ENV: 'development' })).toBe('dev');
    expect(modeOf({ NODE_ENV: 'test' })).toBe('script');
    expect(modeOf({})).toBe('script');
  });

  it('decides what readers see and what a bad post does', () => {
    expect(showsUnpublished('dev')).toBe(true);
    expect(showsUnpublished('build')).toBe(false);
    expect(showsUnpublished('server')).toBe(false);
    expect(invalidPostsAreFatal('server')).toBe(false);
    for (const mode of ['build', 'dev', 'script'] as const) expect(invalidPostsAreFatal(mode)).toBe(true);
  });

  it('reads the environment once', () => {
    setRuntimeMode(undefined);
    expect(runtimeMode()).toBe('script'); // vitest sets NODE_ENV=test
    vi.stubEnv('NODE_ENV', 'development');
    expect(runtimeMode()).toBe('script');
    setRuntimeMode('server');
    expect(runtimeMode()).toBe('server');
  });
});

function fields(data: Record<string, unknown>) {
  const result = validateFrontMatter({ title: 'A title', date: '2020-03-16', ...data });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.fields;
}

const facts = (more: Partial<ComputedFacts> = {}): ComputedFacts => ({
  fileSlug: 'from-the-file',
  file: '_posts/from-the-file.md',
  firstParagraph: 'The opening paragraph.',
  words: 1000,
  now: Date.UTC(2021, 0, 1),
  pictures: { share: { url: '/og/from-the-file.png', width: 1200, height: 630 } },
  ...more,
});

describe('the reshape step', () => {
  it('fills defaults from the schema and computed fields from the file and its body', () => {
    const summary = toPostSummary(fields({ layout: 'wide' }), facts());
    expect(summary).toEqual({
      title: 'A title',
      date: expect.objectContaining({ iso: '2020-03-16' }),
      author: site.defaultAuthor,
      authors: [site.defaultAuthor],
      draft: false,
      aliases: [],
      tags: [],
      slug: 'from-the-file',
      file: '_posts/from-the-file.md',
      excerpt: 'The opening paragraph.',
      readingMinutes: Math.round(1000 / site.wordsPerMinute),
      status: 'published',
      pictures: { share: { url: '/og/from-the-file.png', width: 1200, height: 630 } },
    });
    // Fields the schema does not know are dropped, not passed on to pages.
    expect(summary).not.toHaveProperty('layout');
  });

  it('carries every schema field to the summary, so that a new field needs the schema alone', () => {
    const all = fields({
      updated: '2020-02-02',
      series: 'A series',
      seriesOrder: 2,
      excerpt: 'Mine.',
      coverImage: '/a.jpg',
      author: 'Ann',
      ogImage: '/b.jpg',
      draft: true,
      slug: 'my-slug',
      tags: ['Next.js'],
      aliases: ['/old/'],
    });
    const summary = toPostSummary(all, facts());
    for (const field of Object.keys(frontMatterSchema.shape)) expect(summary, field).toHaveProperty(field);
    expect(summary).toMatchObject({
      slug: 'my-slug',
      excerpt: 'Mine.',
      coverImage: { url: '/a.jpg' },
      author: { name: 'Ann' },
      ogImage: { url: '/b.jpg' },
      status: 'draft',
      tags: [{ name: 'Next.js', slug: 'next-js' }],
      aliases: ['/old/'],
    });
  });

  it('cuts a long first paragraph at a word, keeps tags once by slug, and reads for at least a minute', () => {
    const long = `${'Word '.repeat(60).trim()}.`;
    const summary = toPostSummary(
      fields({ tags: ['Next.js', 'next.js', 'Café'], excerpt: '' }),
      facts({ firstParagraph: long, words: 3 }),
    );
    expect(summary.excerpt.endsWith('Word…')).toBe(true);
    expect(summary.excerpt.length).toBeLessThanOrEqual(site.excerptCharacters + 1);
    expect(summary.excerpt.length).toBeGreaterThan(site.excerptCharacters * 0.6);
    expect(summary.tags).toEqual([
      { name: 'Next.js', slug: 'next-js' },
      { name: 'Café', slug: 'cafe' },
    ]);
    expect(summary.readingMinutes).toBe(1);
  });

  it('marks a future post scheduled', () => {
    expect(toPostSummary(fields({ date: '2999-01-01' }), facts()).status).toBe('scheduled');
  });
});

describe('the catalog', () => {
  let dir: string;
  const renders: string[] = [];
  const fakeRender: Renderer = async (markdown) => {
    renders.push(markdown);
    if (markdown.includes('BREAKS')) throw new Error('the body could not be rendered: boom');
    const rendered: RenderedMarkdown = {
      html: `<p>${markdown.trim()}</p>`,
      headings: [],
      facts: { ids: [], links: [], images: [], invalid: [] },
      firstParagraph: markdown.trim(),
      words: 440,
      scripts: [],
    };
    return rendered;
  };
  const write = (name: string, front: string, body = 'Body.') =>
    writeFile(path.join(dir, name), `---\n${front}\n---\n\n${body}\n`);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    renders.length = 0;
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('builds summaries from the rendered body, rendering each file once', async () => {
    await write('one.md', 'title: One\ndate: 2020-01-01', 'The first words.');
    const files = await postFilesIn(dir);
    const first = await catalogOf(files, fakeRender);
    await catalogOf(files, fakeRender);
    expect(renders).toHaveLength(1);
    expect(first.posts).toEqual([
      expect.objectContaining({ slug: 'one', excerpt: 'The first words.', readingMinutes: 2 }),
    ]);
    expect(first.problems).toEqual([]);
  });

  it('asks for at most 32 bodies at once, and keeps every post of a large folder', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, index) => write(`post-${index}.md`, `title: Post ${index}\ndate: 2020-01-01`)),
    );
    let inFlight = 0;
    let most = 0;
    const slowRender: Renderer = async (markdown, bodyLine) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return fakeRender(markdown, bodyLine);
    };
    const { posts, problems } = await catalogOf(await postFilesIn(dir), slowRender);
    expect(posts).toHaveLength(200);
    expect(problems).toEqual([]);
    expect(most).toBe(32);
  });

  it('gives each URL and alias to one post, and reports the others at their field', async () => {
    await write('Same.md', 'title: Upper\ndate: 2020-01-01');
    await write('same.md', 'title: Lower\ndate: 2020-01-02');
    await write('a.md', 'title: A\ndate: 2020-01-03\naliases: [/old/]');
    await write('b.md', 'title: B\ndate: 2020-01-04\nslug: a');
    // `/old` and `/old/` are one address.
    await write('c.md', 'title: C\ndate: 2020-01-05\naliases: [/old, /older/]');
    const { posts, problems } = await catalogOf(await postFilesIn(dir), fakeRender);
    const messages = problems.map(
      (problem) => `${path.basename(problem.file)}:${problem.line}: ${problem.field}: ${problem.message}`,
    );
    expect(posts).toHaveLength(3);
    expect(messages).toHaveLength(3);
    expect(messages).toContainEqual(
      expect.stringMatching(/^(Same|same)\.md:1: slug: \/posts\/(Same|same)\/ is also the URL of /),
    );
    expect(messages).toContainEqual(expect.stringMatching(/^(a|b)\.md:\d: slug: \/posts\/a\/ is also the URL of /));
    expect(messages).toContainEqual(
      expect.stringMatching(/^c\.md:4: aliases: \/old is already the address of .*a\.md$/),
    );
  });

  it('makes a body that cannot be rendered a problem of its file, at its first line of text', async () => {
    await write('fine.md', 'title: Fine\ndate: 2020-01-01');
    await write('broken.md', 'title: Broken\ndate: 2020-01-02', 'It BREAKS here.');
    const { posts, problems } = await catalogOf(await postFilesIn(dir), fakeRender);
    expect(posts.map((post) => post.slug)).toEqual(['fine']);
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/broken\.md$/),
        line: 6,
        column: 1,
        message: 'the body could not be rendered: boom',
      },
    ]);
  });

  it('shows published posts only, except in next dev, with the status of the moment asked', async () => {
    await write('out.md', 'title: Out\ndate: 2020-01-01');
    await write('draft.md', 'title: Draft\ndate: 2020-01-02\ndraft: true');
    await write('soon.md', 'title: Soon\ndate: 2030-06-01');
    const { posts } = await catalogOf(await postFilesIn(dir), fakeRender);
    const before = Date.UTC(2025, 0, 1);
    const after = Date.UTC(2031, 0, 1);
    const shown = (now: number, dev: boolean) =>
      posts.flatMap((post) => asShown(post, now, dev) ?? []).map((post) => `${post.slug}:${post.status}`);
    expect(shown(before, false)).toEqual(['out:published']);
    expect(shown(after, false)).toEqual(['soon:published', 'out:published']);
    expect(shown(before, true)).toEqual(['soon:scheduled', 'draft:draft', 'out:published']);
  });
});
