/**
 * The real builds the build and browser suites share: each variant is built once per test run,
 * in the background, by `test/build/global-setup.ts`, one after another (two builds at once on two
 * cores are slower than one after the other); a suite waits for the one it needs with
 * {@link sharedBuild}. A suite that changes files or caches works on its own {@link cloneBuild}.
 *
 * | variant | command | posts |
 * |---|---|---|
 * | `server` | `npm run build:server` | the shipped posts, two fixtures, three to break or fix at run time, the picture posts |
 * | `export` | `npm run build`, `SITE_URL`, a zone west of UTC | the shipped posts, every valid, authoring, hostile and writer fixture, the picture posts, 8 generated (three pages of posts) |
 * | `base` | `npm run build`, `BASE_PATH=/blog` | the shipped posts, the picture posts |
 *
 * The picture posts (scripts/lib/generate-pictures.ts) keep their pictures beside them, in both
 * layouts; the three builds share the image cache (node_modules/.cache/), so only the first of a
 * run encodes them.
 * | `empty` | `npm run build`, no `SITE_URL` | none |
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { LIMITS } from '../../lib/limits';
import { writePicturePosts } from '../../scripts/lib/generate-pictures';
import { generatePosts } from '../../scripts/lib/generate-posts';
import { makeProjectCopy, projectRoot, runNpm } from '../../scripts/lib/next-project';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's shared builds are made (`.test-builds/run-…/`). */
    buildsRoot: string;
  }
}

export type VariantName = 'server' | 'export' | 'base' | 'empty';

/** In the order the global setup builds them: the suites that take longest after their build first. */
export const VARIANT_ORDER: VariantName[] = ['server', 'export', 'base', 'empty'];

export type SharedBuild = {
  /** The built copy of the project. Read only: a suite that writes works on a {@link cloneBuild}. */
  dir: string;
  code: number;
  output: string;
};

export const EXPORT_SITE_URL = 'https://blog.example.com';
export const BASE_SITE_URL = 'https://example.github.io';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'posts');
const shippedPosts = path.join(projectRoot, '_posts');

const post = (title: string, extra = '', body = `${title}, the body.`, date = '2020-01-01') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\n${extra}---\n\n${body}\n`;

export const LONG_SLUG = 'a'.repeat(LIMITS.urlSegmentBytes);
export const LONG_TAG = '記'.repeat(Math.floor(LIMITS.urlSegmentBytes / 3));

/**
 * Posts an attacker or an unlucky author writes that `npm run check` accepts: titles in any script
 * or with emoji, `]]>` in text, names like the empty blog's placeholders, addresses at the limit.
 */
export const HOSTILE_POSTS: Record<string, string> = {
  // Named like the empty blog's placeholders, which an export deletes after the build.
  'no-posts-yet.md': post('Named like a placeholder', 'tags: [no-tags-yet]\naliases: [/no-aliases-yet/]\n'),
  'emoji.md': post('Ship it 🚀 ✨ today'),
  '日本語の記事.md': post('日本語の記事のタイトル', `tags: [${LONG_TAG}]\n`),
  'arabic.md': post('مرحبا بالعالم'),
  // Dated so that it is among the newest 20, which the site feeds hold.
  'cdata.md': post('A ]]> B ]]> <x/> & done', '', 'Text with ]]> twice ]]> and <b>bold</b>.', '2021-06-15'),
  'long.md': post('At the length limit', `slug: ${LONG_SLUG}\n`),
  'v1.2_Notes.md': post('Dots and underscores'),
};

/** Where each of {@link HOSTILE_POSTS} is published: its file name, or its `slug` field. */
export const HOSTILE_SLUGS = Object.keys(HOSTILE_POSTS).map((name) =>
  name === 'long.md' ? LONG_SLUG : name.replace(/\.md$/, ''),
);

/**
 * A post with what writers reach for that the shipped guide cannot show offline (a YouTube facade,
 * whose thumbnail is remote), co-authors and a place in the shipped series. Dated before every
 * other post, so it is the last one of the last page.
 */
export const WRITER_POSTS: Record<string, string> = {
  'watch-the-talk.md': post(
    'Watch the talk',
    'series: Getting started\nauthor: [team, Ann Other]\ncoverImage: /assets/blog/welcome/cover.jpg\n',
    [
      '[The talk, with captions](https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
      '```sh title="Try it"\nnpm run dev\n```',
      'The area of a circle is $\\pi r^2$.',
    ].join('\n\n'),
    '2015-03-01',
  ),
};

/** Where each of {@link WRITER_POSTS} is published. */
export const WRITER_SLUGS = Object.keys(WRITER_POSTS).map((name) => name.replace(/\.md$/, ''));

/** Generated posts in the `export` variant: with the others, 26 published posts, three pages. */
export const EXPORT_GENERATED_POSTS = 8;

async function copyFolder(from: string, to: string, only?: string[]): Promise<void> {
  for (const name of only ?? readdirSync(from))
    await cp(path.join(from, name), path.join(to, name), { recursive: true });
}

async function writePosts(to: string, posts: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(posts)) await writeFile(path.join(to, name), text);
}

type Variant = {
  posts: (postsDir: string) => Promise<void>;
  build: (dir: string, onSpawn: (child: ChildProcess) => void) => Promise<{ code: number; output: string }>;
};

const VARIANTS: Record<VariantName, Variant> = {
  server: {
    posts: async (to) => {
      await copyFolder(shippedPosts, to);
      await copyFolder(path.join(fixtures, 'valid'), to, ['unquoted-date.md', 'hostile-html.md']);
      await writePosts(to, {
        'saved-empty.md': post('Saved once (saved-empty)'),
        'saved-bad-yaml.md': post('Saved once (saved-bad-yaml)'),
        'tagged.md': post('Tagged in Japanese', 'tags: [日本語]\n'),
      });
      await writePicturePosts(to);
    },
    build: (dir, onSpawn) => runNpm(dir, ['run', 'build:server'], {}, onSpawn),
  },
  export: {
    posts: async (to) => {
      await copyFolder(shippedPosts, to);
      await copyFolder(path.join(fixtures, 'valid'), to);
      await copyFolder(path.join(fixtures, 'authoring'), to);
      await writePosts(to, HOSTILE_POSTS);
      await writePicturePosts(to);
      await writePosts(to, WRITER_POSTS);
      await generatePosts(to, EXPORT_GENERATED_POSTS);
    },
    // A zone far west of UTC: a calendar date must not slip to the day before.
    build: (dir, onSpawn) =>
      runNpm(dir, ['run', 'build'], { SITE_URL: EXPORT_SITE_URL, TZ: 'America/Los_Angeles' }, onSpawn),
  },
  base: {
    posts: async (to) => {
      await copyFolder(shippedPosts, to);
      await writePicturePosts(to);
    },
    build: (dir, onSpawn) => runNpm(dir, ['run', 'build'], { BASE_PATH: '/blog', SITE_URL: BASE_SITE_URL }, onSpawn),
  },
  empty: {
    posts: async () => {},
    // As a new author runs it, without SITE_URL: check, build, then the clean-up and the search index.
    build: (dir, onSpawn) => runNpm(dir, ['run', 'build'], { SITE_URL: '' }, onSpawn),
  },
};

function statusFile(root: string, name: VariantName): string {
  return path.join(root, `${name}.json`);
}

/** Makes one variant under `root` and records how its build went; never throws. */
export async function buildVariant(
  root: string,
  name: VariantName,
  onSpawn: (child: ChildProcess) => void,
): Promise<void> {
  let result: SharedBuild = { dir: '', code: 1, output: '' };
  try {
    const dir = await makeProjectCopy(root, name);
    const variant = VARIANTS[name];
    await variant.posts(path.join(dir, '_posts'));
    const started = Date.now();
    const { code, output } = await variant.build(dir, onSpawn);
    result = {
      dir,
      code,
      output: `${output}\n[shared build "${name}": ${((Date.now() - started) / 1000).toFixed(1)} s]`,
    };
  } catch (error) {
    result.output = `shared build "${name}" could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  await writeFile(statusFile(root, name), JSON.stringify(result));
}

function isSharedBuild(value: unknown): value is SharedBuild {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dir' in value &&
    typeof value.dir === 'string' &&
    'code' in value &&
    typeof value.code === 'number' &&
    'output' in value &&
    typeof value.output === 'string'
  );
}

/** Waits for the shared build `name` of this test run and returns it (whether it succeeded or not). */
export async function sharedBuild(name: VariantName, timeoutMs = 900_000): Promise<SharedBuild> {
  const file = statusFile(inject('buildsRoot'), name);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const status: unknown = JSON.parse(text);
      if (!isSharedBuild(status)) throw new Error(`${file} is not a build status`);
      return status;
    }
    if (Date.now() > deadline) throw new Error(`shared build "${name}" not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A successful shared build, or an error that carries the build's output. */
export async function builtVariant(name: VariantName): Promise<SharedBuild> {
  const build = await sharedBuild(name);
  if (build.code !== 0) throw new Error(`shared build "${name}" failed:\n${build.output}`);
  return build;
}

/**
 * A private copy of a shared build, for a suite that adds posts or fills caches. It sits next to
 * the original, so that the relative `node_modules` link still resolves.
 */
export async function cloneBuild(build: SharedBuild, label: string): Promise<string> {
  const dir = `${build.dir}-${label}`;
  await cp(build.dir, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}
