import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAliases, getAllPosts, getPostBySlug, getPostSlugs, InvalidPostsError } from '@/lib/api';
import { setRuntimeMode } from '@/lib/posts/mode';
import * as renderPool from '@/lib/render-pool';
import { site } from '@/lib/site';

// Count file reads without changing them.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});
const readFile = vi.mocked(fsPromises.readFile);

// Count markdown renders (in the rendering workers) the same way.
vi.mock('@/lib/render-pool', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/render-pool')>();
  return { ...actual, renderBody: vi.fn(actual.renderBody) };
});
const renderMarkdown = vi.mocked(renderPool.renderBody);

let dir: string;

const post = (title: string, date: string, body = 'Body text.', extra = '') =>
  `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;

async function write(name: string, content: string) {
  await writeFile(path.join(dir, name), content);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'posts-'));
  process.env.POSTS_DIR = dir;
  readFile.mockClear();
  renderMarkdown.mockClear();
});

afterEach(async () => {
  delete process.env.POSTS_DIR;
  await rm(dir, { recursive: true, force: true });
});

describe('lib/api', () => {
  it('treats only *.md files directly in the folder as posts', async () => {
    await write('real.md', post('Real', '2020-01-01'));
    await write('.DS_Store', 'binary junk \u0000\u0001');
    await write('._real.md', 'AppleDouble junk');
    await write('notes.txt', post('Not a post', '2020-01-01'));
    await write('picture.png', '\u0089PNG');
    await write('README.MD', post('Upper-case extension', '2020-01-01'));
    await mkdir(path.join(dir, 'drafts'));
    await writeFile(path.join(dir, 'drafts', 'nested.md'), post('Nested', '2020-01-01'));
    await mkdir(path.join(dir, 'folder.md'));

    expect(await getPostSlugs()).toEqual(['real']);
    expect((await getAllPosts()).map((p) => p.title)).toEqual(['Real']);
    expect(await getPostBySlug('notes')).toBeNull();
    expect(await getPostBySlug('drafts/nested')).toBeNull();
    expect(await getPostBySlug('folder')).toBeNull();
  });

  it('has no posts when _posts/ is missing, but names a POSTS_DIR that does not exist', async () => {
    const missing = path.join(dir, 'no-such-folder');
    process.env.POSTS_DIR = missing;
    await expect(getAllPosts()).rejects.toThrow(`POSTS_DIR names a folder that does not exist: ${missing}`);

    delete process.env.POSTS_DIR;
    const cwd = process.cwd();
    process.chdir(dir); // a project whose _posts/ folder is gone (git keeps no empty folders)
    try {
      expect(await getAllPosts()).toEqual([]);
      expect(await getPostSlugs()).toEqual([]);
      expect(await getPostBySlug('anything')).toBeNull();
    } finally {
      process.chdir(cwd);
    }
  });

  it('never reads outside the posts folder, whatever the slug', async () => {
    await write('hello.md', post('Hello', '2020-01-01'));
    await writeFile(path.join(path.dirname(dir), 'secret.md'), post('Secret', '2020-01-01'));
    const hostile = [
      '..',
      '.',
      '',
      '../secret',
      '..%2Fsecret',
      '..%2fsecret',
      '%2e%2e%2fsecret',
      `${dir}/hello`,
      '/etc/passwd',
      'hello\u0000',
      'hello%00',
      'hello.md',
      'sub/../hello',
      '%E0%A4%A',
    ];
    for (const slug of hostile) expect(await getPostBySlug(slug), slug).toBeNull();
    for (const [file] of readFile.mock.calls) expect(String(file).startsWith(dir + path.sep)).toBe(true);
    await rm(path.join(path.dirname(dir), 'secret.md'));
  });

  it('finds a post whose slug arrives percent-encoded', async () => {
    await write('日本語の記事.md', post('Japanese', '2020-01-01'));
    expect((await getPostBySlug('日本語の記事'))?.title).toBe('Japanese');
    expect((await getPostBySlug(encodeURIComponent('日本語の記事')))?.title).toBe('Japanese');
  });

  it('sorts newest first by the parsed date, ties by slug', async () => {
    await write('b-same-day.md', post('B', '2021-06-01'));
    await write('a-same-day.md', post('A', '2021-06-01'));
    await write('human.md', post('Human', '"March 16, 2020"'));
    await write('unquoted-datetime.md', post('Evening', '2021-06-01T20:00:00Z'));
    await write('newest.md', post('Newest', '"2022-01-15"'));
    await write('oldest.md', post('Oldest', '"16 Mar 2019"'));
    expect(await getPostSlugs()).toEqual([
      'newest',
      'unquoted-datetime',
      'a-same-day',
      'b-same-day',
      'human',
      'oldest',
    ]);
  });

  it('reads, validates and renders each file once, however many times pages ask', async () => {
    await write('one.md', post('One', '2020-01-01'));
    await write('two.md', post('Two', '2020-01-02'));
    await getAllPosts();
    await getPostSlugs();
    // Lists take the excerpt and the reading time from the rendered body; pages then reuse it.
    expect(renderMarkdown).toHaveBeenCalledTimes(2);
    await getPostBySlug('one');
    await getPostBySlug('two');
    await Promise.all([getAllPosts(), getPostBySlug('one'), getPostBySlug('one')]);
    expect(readFile).toHaveBeenCalledTimes(2);
    expect(renderMarkdown).toHaveBeenCalledTimes(2);
  });

  it('sees an edited file and a deleted file on the next call (server mode)', async () => {
    await write('live.md', post('Before', '2020-01-01'));
    expect((await getPostBySlug('live'))?.title).toBe('Before');
    await write('live.md', post('After the edit', '2020-01-01'));
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(dir, 'live.md'), later, later);
    expect((await getPostBySlug('live'))?.title).toBe('After the edit');
    expect((await getAllPosts())[0]?.title).toBe('After the edit');
    await rm(path.join(dir, 'live.md'));
    expect(await getPostBySlug('live')).toBeNull();
    expect(await getAllPosts()).toEqual([]);
  });

  it('reports every invalid file in one error, with file, line, field, expected and found', async () => {
    await write('good.md', post('Good', '2020-01-01'));
    await write('no-title.md', '---\ndate: 2020-01-01\n---\nBody\n');
    await write('bad-date.md', '---\ntitle: Bad date\nexcerpt: fine\ndate: "2020-02-30"\n---\nBody\n');
    await write('bad-yaml.md', '---\ntitle: Broken\ndate: [2020\nexcerpt: x\n---\nBody\n');
    await write('no-front-matter.md', 'Just text.\n');

    const error = await getAllPosts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPostsError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('4 invalid posts');
    // Files outside the working directory are named by their absolute path.
    const file = (name: string) => path.join(dir, name);
    expect(message).toContain(
      `${file('no-title.md')}:1:1: title: expected a non-empty string of at most 300 characters, found nothing`,
    );
    expect(message).toContain(`${file('bad-date.md')}:4:1: date: expected a date such as`);
    expect(message).toContain('found "2020-02-30"');
    expect(message).toMatch(
      new RegExp(`${file('bad-yaml.md').replace(/[.\\/]/g, '\\$&')}:[34]:\\d+: invalid YAML front matter: `),
    );
    expect(message).toContain(`${file('no-front-matter.md')}:1:1: title:`);
    expect(message).not.toContain('good.md');
    await expect(getPostSlugs()).rejects.toThrow(InvalidPostsError);
    await expect(getPostBySlug('bad-date')).rejects.toThrow(/bad-date\.md:4:1: date:/);
    expect((await getPostBySlug('good'))?.title).toBe('Good');
  });

  it('fills the excerpt from the first paragraph and the author from the site config', async () => {
    const long = 'Word '.repeat(60).trim();
    await write('long.md', post('Long', '2020-01-01', `![A picture](/a.png)\n\n${long}\n\nSecond paragraph.`));
    await write('given.md', post('Given', '2020-01-02', 'Body.', 'excerpt: "My own summary."\nauthor:\n  name: Ann\n'));
    const long1 = await getPostBySlug('long');
    expect(long1?.excerpt.endsWith('Word…')).toBe(true);
    expect(long1?.excerpt.length).toBeLessThanOrEqual(161);
    expect(long1?.excerpt.length).toBeGreaterThan(140);
    expect(long1?.author).toEqual(site.defaultAuthor);
    const given = await getPostBySlug('given');
    expect(given?.excerpt).toBe('My own summary.');
    expect(given?.author).toEqual({ name: 'Ann' });
  });

  it('reads odd but valid files: CRLF line ends, a byte-order mark, extra fields, an empty front matter value', async () => {
    await write(
      'crlf.md',
      '---\r\ntitle: "Windows"\r\ndate: 2020-03-16\r\nexcerpt: ""\r\n---\r\n\r\nHello from Windows.\r\n',
    );
    await write('bom.md', '\uFEFF---\ntitle: BOM\ndate: 2020-03-17\n---\nHello.\n');
    await write(
      'extra.md',
      '---\ntitle: "Colons: fine"\ndate: 2020-03-18\nexcerpt:\ntags: [a, b]\nlayout: wide\n---\nHello.\n',
    );
    const posts = await getAllPosts();
    expect(posts.map((p) => [p.slug, p.title, p.date.iso])).toEqual([
      ['extra', 'Colons: fine', '2020-03-18'],
      ['bom', 'BOM', '2020-03-17'],
      ['crlf', 'Windows', '2020-03-16'],
    ]);
    expect((await getPostBySlug('crlf'))?.html).toContain('Hello from Windows.');
    expect(posts[0]?.excerpt).toBe('Hello.');
  });

  it('hides drafts and future posts from builds and servers, and shows them marked in next dev', async () => {
    await write('out.md', post('Out', '2020-01-01'));
    await write('draft.md', post('Draft', '2020-01-02', 'Body.', 'draft: true\n'));
    await write('future.md', post('Future', '2999-01-01'));
    await write('renamed.md', post('Renamed', '2020-01-03', 'Body.', 'slug: new-name\naliases: [/old/]\n'));

    setRuntimeMode('server');
    try {
      expect(await getPostSlugs()).toEqual(['new-name', 'out']);
      expect(await getPostBySlug('draft')).toBeNull();
      expect(await getPostBySlug('future')).toBeNull();
      expect(await getPostBySlug('renamed')).toBeNull();
      expect((await getPostBySlug('new-name'))?.title).toBe('Renamed');
      expect(await getAliases()).toEqual([{ alias: '/old/', slug: 'new-name' }]);

      setRuntimeMode('dev');
      const all = await getAllPosts();
      expect(all.map((p) => [p.slug, p.status])).toEqual([
        ['future', 'scheduled'],
        ['new-name', 'published'],
        ['draft', 'draft'],
        ['out', 'published'],
      ]);
      expect((await getPostBySlug('draft'))?.status).toBe('draft');
    } finally {
      setRuntimeMode(undefined);
    }
  });

  it('on a running server, leaves a broken post out and logs it instead of failing every page', async () => {
    await write('fine.md', post('Fine', '2020-01-01'));
    await write('broken.md', post('Broken', 'someday'));
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setRuntimeMode('server');
    try {
      expect((await getAllPosts()).map((p) => p.slug)).toEqual(['fine']);
      expect(await getPostBySlug('broken')).toBeNull();
      expect((await getPostBySlug('fine'))?.title).toBe('Fine');
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/broken\.md:3:1: date: expected a date/));
    } finally {
      setRuntimeMode(undefined);
      log.mockRestore();
    }
  });
});
