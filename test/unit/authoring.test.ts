import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPosts } from '@/lib/check';
import { slugify } from '@/lib/slug';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'new-post-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function newPost(title: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'new-post.ts'), title],
      { cwd: projectRoot, env: { ...process.env, POSTS_DIR: dir } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'number') {
      const output = 'stderr' in error && typeof error.stderr === 'string' ? error.stderr : '';
      return { code: error.code, output };
    }
    throw error;
  }
}

describe('slugify', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['Ünïcödé Café', 'unicode-cafe'],
    ['Straße über Ærø', 'strasse-uber-aero'],
    ['Next.js 16 — what changed?', 'next-js-16-what-changed'],
    ['日本語の記事', '日本語の記事'],
    ['ガイド', 'ガイド'],
    ['हिन्दी लेख', 'हिन्दी-लेख'],
    ['  --Trim me--  ', 'trim-me'],
    ['C++ & Rust', 'c-rust'],
    ['!!!', ''],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('npm run new', () => {
  it('writes a valid draft named by the title, and refuses to overwrite it', async () => {
    const first = await newPost('Ünïcödé Café');
    expect(first.code, first.output).toBe(0);
    const source = await readFile(path.join(dir, 'unicode-cafe.md'), 'utf8');
    expect(source).toMatch(/^---\ntitle: "Ünïcödé Café"\ndate: \d{4}-\d{2}-\d{2}\ndraft: true\nexcerpt: ""\n---\n/);

    const { problems } = await checkPosts(dir, path.join(projectRoot, 'public'));
    expect(problems).toEqual([]);

    const again = await newPost('Ünïcödé Café');
    expect(again.code).toBe(1);
    expect(again.output).toContain('unicode-cafe.md already exists');
    expect(await readFile(path.join(dir, 'unicode-cafe.md'), 'utf8')).toBe(source);
  });

  it('keeps titles in other scripts readable, and refuses a title with no letters', async () => {
    expect((await newPost('日本語の記事')).code).toBe(0);
    expect(await readFile(path.join(dir, '日本語の記事.md'), 'utf8')).toContain('title: "日本語の記事"');
    const none = await newPost('!!!');
    expect(none.code).toBe(1);
    expect(none.output).toContain('has no letters or digits');
  });
});
