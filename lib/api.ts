/**
 * The one door to `_posts/`: lists post files, reads, validates and renders each one, and hands
 * pages finished `Post` values. Nothing else in the app touches the posts folder.
 *
 * Each file is read, validated and rendered once per process and kept while its modification time
 * and size stay the same, so a build reads every post once and a server (ISR) sees an edited file
 * on its next regeneration.
 *
 * Publishing: a post is published when it is not a draft and its date has come. Builds and
 * `next start` show published posts only (a scheduled post appears on the first regeneration after
 * its time); `next dev` shows everything, marked.
 */
import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PostDate } from './dates';
import type { Heading, RenderedMarkdown } from './markdown';
import { firstTextLine, screenBody } from './body-screen';
import { FrontMatterSyntaxError, parseFrontMatter } from './front-matter';
import { firstParagraphText, truncateAtWord } from './excerpt';
import { LIMITS } from './limits';
import { validateFrontMatter } from './post-schema';
import { renderBody } from './render-pool';
import { site, type SiteAuthor } from './site';
import { slugify } from './slug';
import { postPath, routePath, segmentProblem } from './urls';

export type Author = SiteAuthor;

/** Where a post stands: `published` is the only state readers of a build ever see. */
export type PostStatus = 'published' | 'draft' | 'scheduled';

/** What lists show of a post: everything but its body. */
export type PostSummary = {
  /** URL segment: the `slug` field, else the file name without `.md`. */
  slug: string;
  /** The file, as shown in messages. */
  file: string;
  title: string;
  date: PostDate;
  /** From front matter, or the first paragraph's text cut near 160 characters. */
  excerpt: string;
  coverImage?: string;
  author: Author;
  ogImage?: { url: string };
  /** `draft: true` in the front matter. */
  draft: boolean;
  /** Old paths that redirect to this post. */
  aliases: string[];
  /** Tags as written, each with its URL segment; no two with the same segment. */
  tags: Tag[];
  /** Minutes a reader takes, at {@link WORDS_PER_MINUTE}; at least 1. */
  readingMinutes: number;
  /** Where the post stands at the time it was asked for. */
  status: PostStatus;
};

export type Tag = { name: string; slug: string };

/** A whole post, as its page shows it. */
export type Post = PostSummary & {
  /** The rendered, sanitized body. */
  html: string;
  /** Its h2 and h3 headings, for a table of contents. */
  headings: Heading[];
};

/** One problem in one post file, located by line. */
export type PostProblem = {
  /** The file, relative to the working directory when inside it. */
  file: string;
  line: number;
  /** 1-based, when known. */
  column?: number;
  /** The front-matter field at fault, when there is one. */
  field?: string;
  message: string;
};

function formatProblem(problem: PostProblem): string {
  const where = `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown when posts are invalid; its message lists every problem in every file, one per line. */
export class InvalidPostsError extends Error {
  declare readonly problems: PostProblem[];

  constructor(problems: PostProblem[]) {
    const files = new Set(problems.map((problem) => problem.file)).size;
    super(
      `${files} invalid post${files === 1 ? '' : 's'} in the posts folder:\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'InvalidPostsError';
    // Not enumerable, so that Next's error log shows the message once rather than dumping the list again.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
  }
}

/** The posts folder: `POSTS_DIR` when set (tests, previews), else `_posts/` in the working directory. */
export function postsDirectory(): string {
  // Read at run time, not bundled: the comment keeps Turbopack from tracing the whole project into the server output.
  return path.resolve(process.env.POSTS_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), '_posts'));
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * A read and validated file. Its body is rendered to HTML only when a page asks for it (lists
 * need the summary alone), and the rendering is kept while the page is being built.
 */
type Loaded = LoadedPost | { ok: false; problems: PostProblem[] };

/** A valid post file, with what checks need to point at its lines. */
export type LoadedPost = {
  ok: true;
  summary: PostSummary;
  /** The markdown body. */
  content: string;
  /** File line on which the body starts. */
  bodyLine: number;
  /** Where a front-matter field is (the opening `---` when it is absent). */
  positionOf: (field: string) => { line: number; column: number };
};

/**
 * Rendered bodies of the posts asked for most recently, keyed by the loaded file. A page asks
 * twice (metadata and body) and then not again, so a few dozen are plenty: keeping every body of
 * a 10,000-post blog would cost memory for nothing. A body that failed to render stays failed
 * while it is kept, so that a hostile file costs one worker's budget, not one per request.
 */
const renderedBodies = new Map<Loaded, Promise<RenderedMarkdown>>();
const RENDERED_BODIES_KEPT = 64;

function renderedBody(loaded: LoadedPost): Promise<RenderedMarkdown> {
  let rendered = renderedBodies.get(loaded);
  if (rendered) {
    renderedBodies.delete(loaded); // move to the newest end
  } else {
    // In a worker with a time and memory budget: a post is untrusted input (lib/render-pool.ts).
    rendered = renderBody(loaded.content, loaded.bodyLine);
    const oldest = renderedBodies.keys().next();
    if (renderedBodies.size >= RENDERED_BODIES_KEPT && !oldest.done) renderedBodies.delete(oldest.value);
  }
  renderedBodies.set(loaded, rendered);
  return rendered;
}
type MemoEntry = { mtimeMs: number; size: number; loaded: Promise<Loaded> };

const memo = new Map<string, MemoEntry>();

/**
 * Reads and validates one file of `size` bytes. Whatever goes wrong (too big, unreadable, front
 * matter that is not YAML data, a body past the limits) is a problem of this post, never an
 * exception that would take the catalog down.
 */
async function loadFile(file: string, fileSlug: string, size: number): Promise<Loaded> {
  const shown = displayPath(file);
  const problem = (line: number, column: number, message: string): Loaded => ({
    ok: false,
    problems: [{ file: shown, line, column, message }],
  });
  if (size > LIMITS.fileBytes) {
    return problem(
      1,
      1,
      `the file is ${size.toLocaleString('en-US')} bytes, over the limit of ${LIMITS.fileBytes.toLocaleString('en-US')}: split it into several posts`,
    );
  }
  try {
    return readPost(await readFile(file, 'utf8'), shown, fileSlug);
  } catch (error) {
    if (error instanceof FrontMatterSyntaxError) return problem(error.line, error.column, error.reason);
    return problem(1, 1, `the file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readPost(source: string, shown: string, fileSlug: string): Loaded {
  const frontMatter = parseFrontMatter(source);
  const validation = validateFrontMatter(frontMatter.data);
  if (!validation.ok) {
    return {
      ok: false,
      problems: validation.problems.map((problem) => ({
        file: shown,
        ...frontMatter.positionOf(problem.topField),
        field: problem.field,
        message: `expected ${problem.expected}, found ${problem.found}${problem.reason ? `: ${problem.reason}` : ''}`,
      })),
    };
  }
  const { fields } = validation;
  const screened = screenBody(frontMatter.content, frontMatter.bodyLine);
  if (screened) return { ok: false, problems: [{ file: shown, ...screened }] };
  // A file name is a URL segment unless `slug:` gives another: it must make a working address.
  const badName = fields.slug === undefined ? segmentProblem(fileSlug) : undefined;
  if (badName) {
    return {
      ok: false,
      problems: [
        {
          file: shown,
          line: 1,
          column: 1,
          message: `the file name gives the address ${JSON.stringify(routePath({ kind: 'post', slug: fileSlug }))}, which ${badName}: rename the file (for example to ${slugify(fileSlug) || 'my-post'}.md) or set slug:`,
        },
      ],
    };
  }
  return {
    ok: true,
    content: frontMatter.content,
    bodyLine: frontMatter.bodyLine,
    positionOf: frontMatter.positionOf,
    summary: {
      slug: fields.slug ?? fileSlug,
      file: shown,
      title: fields.title,
      date: fields.date,
      excerpt: fields.excerpt || truncateAtWord(firstParagraphText(frontMatter.content)),
      ...(fields.coverImage === undefined ? {} : { coverImage: fields.coverImage }),
      author: fields.author ?? site.defaultAuthor,
      ...(fields.ogImage === undefined ? {} : { ogImage: fields.ogImage }),
      draft: fields.draft ?? false,
      aliases: fields.aliases ?? [],
      tags: uniqueTags(fields.tags ?? []),
      readingMinutes: readingMinutes(frontMatter.content),
      status: postStatus({ draft: fields.draft ?? false, date: fields.date }),
    },
  };
}

/** A common reading speed for screen text. */
export const WORDS_PER_MINUTE = 220;

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Reading time of a markdown body: its words (runs of letters or digits), with Chinese and
 * Japanese characters, which have no spaces between words, counted at two to a word.
 */
function readingMinutes(markdown: string): number {
  const ideographs = markdown.match(IDEOGRAPH)?.length ?? 0;
  const words = markdown.replace(IDEOGRAPH, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return Math.max(1, Math.round((words + ideographs / 2) / WORDS_PER_MINUTE));
}

/** Tags with their slugs, the first spelling kept when two name the same tag (`Next.js`, `next.js`). */
function uniqueTags(names: string[]): Tag[] {
  const tags = new Map<string, Tag>();
  for (const name of names) {
    const slug = slugify(name);
    if (!tags.has(slug)) tags.set(slug, { name, slug });
  }
  return [...tags.values()];
}

/**
 * During `next build` the posts folder does not change, so each build process lists it once and
 * reads each file once. Under `next start` and `next dev` every call checks the folder and the
 * files' modification times, so that added, edited and deleted posts are seen on regeneration.
 */
function folderIsFrozen(): boolean {
  return frozenByCaller || process.env.NEXT_PHASE === 'phase-production-build';
}

let frozenByCaller = false;

/**
 * Tells the door that the posts folder will not change while this process runs (a step after a
 * build, such as the search index), so that it lists and reads it once, as during `next build`.
 */
export function freezePostsFolder(): void {
  frozenByCaller = true;
}

/** Loads one post file, from memory when it has not changed since it was last read. */
async function load(file: string, slug: string): Promise<Loaded> {
  if (folderIsFrozen()) {
    const kept = memo.get(file);
    if (kept) return kept.loaded;
  }
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    // Deleted between the listing and now: no post, and no problem either.
    if (isMissing(error)) return { ok: false, problems: [] };
    throw error;
  }
  const cached = memo.get(file);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.loaded;
  const loaded = loadFile(file, slug, info.size);
  memo.set(file, { mtimeMs: info.mtimeMs, size: info.size, loaded });
  loaded.catch(() => memo.delete(file));
  return loaded;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

let frozenListing: { directory: string; files: Promise<Map<string, string>> } | undefined;

/**
 * Post files: regular `*.md` files directly in the posts folder, keyed by slug. Hidden files
 * (`.DS_Store`, `._x.md`), other extensions and sub-folders are not posts.
 */
function listPostFiles(): Promise<Map<string, string>> {
  if (!folderIsFrozen()) return postFilesIn(postsDirectory());
  const directory = postsDirectory();
  if (frozenListing?.directory !== directory) frozenListing = { directory, files: postFilesIn(directory) };
  return frozenListing.files;
}

/** The post files in `directory` (see {@link listPostFiles}), keyed by the slug their name gives. */
export async function postFilesIn(directory: string): Promise<Map<string, string>> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    // Git keeps no empty folders: a blog whose last post was deleted has no `_posts/` in a clone.
    // A POSTS_DIR that does not exist, though, is a typo worth stopping for.
    if (!isMissing(error)) throw error;
    if (process.env.POSTS_DIR === undefined) return new Map();
    throw new Error(`POSTS_DIR names a folder that does not exist: ${directory}`);
  }
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !entry.name.endsWith('.md')) continue;
    files.set(entry.name.slice(0, -'.md'.length), path.join(directory, entry.name));
  }
  return files;
}

function newestFirst(a: PostSummary, b: PostSummary): number {
  return b.date.time - a.date.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Whether a post is out, as of `now`: not a draft, and its date has come. */
export function postStatus(post: Pick<PostSummary, 'draft' | 'date'>, now = Date.now()): PostStatus {
  if (post.draft) return 'draft';
  return post.date.time > now ? 'scheduled' : 'published';
}

/** `next dev` shows drafts and scheduled posts (marked) so that authors can read them. */
function showsUnpublished(): boolean {
  return process.env.NODE_ENV === 'development';
}

/**
 * Whether an invalid post stops everything. It does in a build (a broken site must not ship) and
 * in `next dev` (the author sees the error at once). A running server (`next start`) leaves the
 * broken post out and logs it, so that one bad file does not take the other pages down.
 */
function invalidPostsAreFatal(): boolean {
  return folderIsFrozen() || process.env.NODE_ENV !== 'production';
}

let lastLogged = '';

/**
 * Stops on `relevant` problems where invalid posts are fatal; on a running server, logs every
 * problem (once, until it changes) and carries on without the broken posts.
 */
function reportProblems(problems: PostProblem[], relevant = problems): void {
  if (problems.length === 0) return;
  if (invalidPostsAreFatal()) {
    if (relevant.length > 0) throw new InvalidPostsError(relevant);
    return;
  }
  const message = new InvalidPostsError(problems).message;
  if (message !== lastLogged) console.error(`${message}\n  (these posts are left out until they are fixed)`);
  lastLogged = message;
}

export type Catalog = { posts: PostSummary[]; loaded: Map<string, LoadedPost>; problems: PostProblem[] };

/**
 * Every valid post file, with the problems of the others (invalid front matter, two posts at one
 * URL, an alias that is already taken) reported once for the whole folder.
 */
let frozenCatalog: { directory: string; catalog: Promise<Catalog> } | undefined;

async function catalog(): Promise<Catalog> {
  // A build asks for the whole list on every page (neighbours, related posts): work it out once.
  if (folderIsFrozen()) {
    const directory = postsDirectory();
    if (frozenCatalog?.directory !== directory) frozenCatalog = { directory, catalog: listPostFiles().then(catalogOf) };
    return frozenCatalog.catalog;
  }
  return catalogOf(await listPostFiles());
}

/** {@link catalog} of the given post files (slug from the file name → path), for `npm run check`. */
export async function catalogOf(files: Map<string, string>): Promise<Catalog> {
  const results = await Promise.all([...files].map(([slug, file]) => load(file, slug)));
  const problems: PostProblem[] = [];
  const bySlug = new Map<string, LoadedPost>();
  const taken = new Map<string, string>();
  for (const result of results) {
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { summary } = result;
    // URLs that differ only by case are one file on case-insensitive disks and hosts.
    const url = postPath(summary.slug).toLowerCase();
    const owner = taken.get(url);
    if (owner !== undefined) {
      problems.push({
        file: summary.file,
        ...result.positionOf('slug'),
        field: 'slug',
        message: `${postPath(summary.slug)} is also the URL of ${owner}: rename one of the files or set another slug`,
      });
      continue;
    }
    taken.set(url, summary.file);
    bySlug.set(summary.slug, result);
  }
  for (const result of bySlug.values()) {
    for (const alias of result.summary.aliases) {
      const owner = taken.get(alias.toLowerCase()) ?? taken.get(`${alias.replace(/\/?$/, '/')}`.toLowerCase());
      if (owner !== undefined && owner !== result.summary.file) {
        problems.push({
          file: result.summary.file,
          ...result.positionOf('aliases'),
          field: 'aliases',
          message: `${alias} is already the address of ${owner}`,
        });
      } else taken.set(alias.toLowerCase(), result.summary.file);
    }
  }
  return { posts: [...bySlug.values()].map((result) => result.summary).sort(newestFirst), loaded: bySlug, problems };
}

/** The post as of `now`, or `undefined` when readers may not see it (yet). */
function asShown(post: PostSummary, now: number): PostSummary | undefined {
  const status = postStatus(post, now);
  if (status !== 'published' && !showsUnpublished()) return undefined;
  return status === post.status ? post : { ...post, status };
}

/**
 * Every post's summary (no body), newest first (ties by slug): the published ones, or all of them
 * in `next dev`. Throws {@link InvalidPostsError} listing every invalid file (see
 * {@link invalidPostsAreFatal} for when).
 */
export async function getAllPosts(): Promise<PostSummary[]> {
  const now = Date.now();
  const found = await catalog();
  reportProblems(found.problems);
  // A build works from one list: the same array each time, so that indexes built on it
  // (lib/related.ts, lib/tags.ts) are built once, not once per page.
  if (folderIsFrozen()) {
    let shown = shownInBuild.get(found);
    if (!shown) {
      shown = found.posts.flatMap((post) => asShown(post, now) ?? []);
      shownInBuild.set(found, shown);
    }
    return shown;
  }
  return found.posts.flatMap((post) => asShown(post, now) ?? []);
}

const shownInBuild = new WeakMap<Catalog, PostSummary[]>();

/** Slugs of every post that has a page, newest first. Validates every post, like {@link getAllPosts}. */
export async function getPostSlugs(): Promise<string[]> {
  return (await getAllPosts()).map((post) => post.slug);
}

/**
 * The post a URL segment names, or `null` when no shown post has that slug. The slug is only ever
 * compared with the posts' slugs, never joined into a path, so `..`, `/etc/passwd` or `%2F`
 * cannot reach a file outside the folder.
 */
export async function getPostBySlug(slug: string): Promise<Post | null> {
  const { loaded, problems } = await catalog();
  // A page stops only for its own file's problems; the others are the lists' business.
  reportProblems(
    problems,
    problems.filter((problem) => path.basename(problem.file, '.md') === slug),
  );
  let result = loaded.get(slug);
  if (result === undefined && slug.includes('%')) {
    try {
      result = loaded.get(decodeURIComponent(slug));
    } catch {
      return null;
    }
  }
  const shown = result && asShown(result.summary, Date.now());
  if (!result || !shown) return null;
  let rendered: RenderedMarkdown;
  try {
    rendered = await renderedBody(result);
  } catch (error) {
    // The body breaks a budget or the pipeline: this post's problem, like invalid front matter.
    const problem = {
      file: result.summary.file,
      line: firstTextLine(result.content, result.bodyLine),
      column: 1,
      message: error instanceof Error ? error.message : String(error),
    };
    reportProblems([problem]);
    return null;
  }
  return { ...shown, html: rendered.html, headings: rendered.headings };
}

/** Old paths of shown posts, each with the post it now lives at. */
export async function getAliases(): Promise<{ alias: string; slug: string }[]> {
  return (await getAllPosts()).flatMap((post) => post.aliases.map((alias) => ({ alias, slug: post.slug })));
}
