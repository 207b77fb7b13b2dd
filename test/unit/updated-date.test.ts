/**
 * `updated:` in front matter: read in every form `date` takes, and carried to what readers and
 * machines see of a change: the feeds' modified dates, the sitemap's lastmod, and a check warning
 * when it comes before the publication date.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateFrontMatter } from '@/lib/post-schema';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'updated-'));
  await writeFile(
    path.join(dir, 'revised.md'),
    '---\ntitle: Revised\ndate: 2024-01-02\nupdated: "March 5, 2024"\n---\n\nOne.\n',
  );
  await writeFile(path.join(dir, 'plain.md'), '---\ntitle: Plain\ndate: 2024-02-03\n---\n\nTwo.\n');
  await writeFile(
    path.join(dir, 'backwards.md'),
    '---\ntitle: Backwards\ndate: 2023-06-01\nupdated: 2023-05-01\n---\n\nThree.\n',
  );
  vi.stubEnv('POSTS_DIR', dir);
  vi.stubEnv('SITE_URL', 'https://blog.example.com');
  vi.resetModules();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  vi.resetModules();
  await rm(dir, { recursive: true, force: true });
});

describe('the updated field', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['2024-03-05T09:30:00Z', '2024-03-05T09:30:00.000Z'],
  ])('reads %j like a date', (updated, iso) => {
    const result = validateFrontMatter({ title: 'T', date: '2024-01-01', updated });
    expect(result.ok && result.fields.updated?.iso).toBe(iso);
  });

  it('is optional, and an unreadable one is an error that says what a date looks like', () => {
    const absent = validateFrontMatter({ title: 'T', date: '2024-01-01' });
    expect(absent.ok && absent.fields.updated).toBeUndefined();
    const bad = validateFrontMatter({ title: 'T', date: '2024-01-01', updated: 'last week' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ field: 'updated', found: '"last week"' });
  });

  it('reaches Atom <updated> and JSON Feed date_modified; the feed is as new as its latest update', async () => {
    const { GET: atom } = await import('@/app/atom.xml/route');
    const { GET: json } = await import('@/app/feed.json/route');
    const xml = await (await atom()).text();
    const revised = xml.slice(xml.indexOf('<title type="text">Revised</title>'));
    expect(revised).toMatch(/<updated>2024-03-05T00:00:00.000Z<\/updated>\s*<published>2024-01-02T00:00:00.000Z/);
    // The feed's own <updated> (first in the document) is the latest change of any post.
    expect(xml.match(/<updated>([^<]+)<\/updated>/)?.[1]).toBe('2024-03-05T00:00:00.000Z');
    const feed: { items: { title: string; date_published: string; date_modified: string }[] } = await (
      await json()
    ).json();
    expect(feed.items.find((item) => item.title === 'Revised')).toMatchObject({
      date_published: '2024-01-02T00:00:00.000Z',
      date_modified: '2024-03-05T00:00:00.000Z',
    });
    // Without `updated`, or with one before the date, modified is the publication date.
    expect(feed.items.find((item) => item.title === 'Plain')?.date_modified).toBe('2024-02-03T00:00:00.000Z');
    expect(feed.items.find((item) => item.title === 'Backwards')?.date_modified).toBe('2023-06-01T00:00:00.000Z');
  });

  it('is the sitemap lastmod of the post and of the list pages that show it', async () => {
    const sitemap = (await import('@/app/sitemap')).default;
    const entries = await sitemap();
    const lastmod = (url: string) => entries.find((entry) => entry.url === url)?.lastModified;
    expect(lastmod('https://blog.example.com/posts/revised/')).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(lastmod('https://blog.example.com/posts/plain/')).toEqual(new Date('2024-02-03T00:00:00Z'));
    expect(lastmod('https://blog.example.com/')).toEqual(new Date('2024-03-05T00:00:00Z'));
  });

  it('is a check warning, at its line, when it comes before the date', async () => {
    const { checkPosts, formatCheckProblem } = await import('@/lib/check');
    const { problems } = await checkPosts(dir, path.join(import.meta.dirname, '..', 'fixtures', 'public'));
    expect(problems.map(formatCheckProblem)).toEqual([
      `${path.join(dir, 'backwards.md')}:4:1: warning: updated: May 1, 2023 is before the post's date, June 1, 2023: readers and feeds get the date instead (a typo?)`,
    ]);
  });
});
