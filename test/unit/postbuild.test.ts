/**
 * `postbuild` (scripts/postbuild.mjs): moves what check staged in `.build/` into `out/`, and
 * touches nothing outside `out/` whatever the staged plan says.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts', 'postbuild.mjs');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'postbuild-'));
  await mkdir(path.join(dir, 'out', 'no-aliases-yet'), { recursive: true });
  await writeFile(path.join(dir, 'out', 'no-aliases-yet', 'index.html'), 'placeholder');
  await mkdir(path.join(dir, 'out', 'posts', 'welcome'), { recursive: true });
  await writeFile(path.join(dir, 'out', 'posts', 'welcome', 'index.html'), 'a post');
  await mkdir(path.join(dir, '.build', 'pagefind'), { recursive: true });
  await writeFile(path.join(dir, '.build', 'pagefind', 'pagefind.js'), 'index');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function postbuild(plan: unknown, env: Record<string, string> = {}) {
  if (plan !== undefined) await writeFile(path.join(dir, '.build', 'postbuild.json'), JSON.stringify(plan));
  return promisify(execFile)(process.execPath, [script], { cwd: dir, env: { ...process.env, BLOG_OUTPUT: '', ...env } }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}

describe('postbuild', () => {
  it('moves the staged search index into out/ and removes the placeholder pages it lists', async () => {
    const result = await postbuild({ remove: ['no-aliases-yet'], searchIndex: 'pagefind', indexedPosts: 4 });
    expect(result).toMatchObject({ code: 0 });
    expect(result.output).toContain('Search index: 4 posts, in out/pagefind/');
    expect(await readFile(path.join(dir, 'out', 'pagefind', 'pagefind.js'), 'utf8')).toBe('index');
    expect(existsSync(path.join(dir, 'out', 'no-aliases-yet'))).toBe(false);
    expect(existsSync(path.join(dir, 'out', 'posts', 'welcome', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dir, '.build'))).toBe(false);
  });

  it('refuses a plan that names anything outside out/', async () => {
    for (const remove of [['../.build'], ['/etc'], ['posts/../../x']]) {
      const result = await postbuild({ remove, searchIndex: 'pagefind', indexedPosts: 1 });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('not a folder inside');
    }
    expect(existsSync(path.join(dir, '.build', 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('fails, saying why, when nothing was staged or the build is a server build', async () => {
    const missing = await postbuild(undefined);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('nothing staged in .build/');
    const server = await postbuild({ remove: [], searchIndex: 'pagefind', indexedPosts: 0 }, { BLOG_OUTPUT: 'server' });
    expect(server.code).toBe(1);
    expect(server.output).toContain('npm run build:server');
  });
});
