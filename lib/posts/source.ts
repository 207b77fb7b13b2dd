/**
 * The posts folder: which files are posts, and each one read and validated (front matter against
 * the schema, the body screened, the file name as an address). The only module that touches
 * `_posts/`. Whatever goes wrong with a file is that file's problem, never an exception that would
 * take the others down.
 *
 * Freshness: a file is read again only when its modification time or size changes, so that a
 * server (`next start`) sees an edited file on its next regeneration. During `next build`, or
 * after {@link freezePostsFolder}, the folder is listed once and each file read once.
 */
import type { Dirent } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { screenBody } from '../body-screen';
import { isMissing } from '../file-errors';
import { FrontMatterSyntaxError, parseFrontMatter, type FrontMatter } from '../front-matter';
import { LIMITS } from '../limits';
import { validateFrontMatter, type FrontMatterFields } from '../post-schema';
import { slugify } from '../slug';
import { routePath, segmentProblem } from '../urls';
import { POST_FOLDER_INDEX } from './folder';
import { postsAreFixed } from './mode';
import type { PostProblem } from './problems';

/** A post file that was read and validated; its body is not rendered yet. */
export type SourcePost = {
  ok: true;
  /** The file name without `.md` (or the folder's name, for `<name>/index.md`): the post's URL segment unless `slug:` gives another. */
  fileSlug: string;
  /** The file, relative to the working directory when inside it, as messages show it. */
  file: string;
  /** The file's absolute path: relative pictures are resolved from its folder (lib/images/reference.ts). */
  path: string;
  fields: FrontMatterFields;
  /** The markdown body. */
  content: string;
  /** File line on which the body starts. */
  bodyLine: number;
  /** Where a front-matter field is (the opening `---` when it is absent). */
  positionOf: FrontMatter['positionOf'];
};

/** A post file: valid, or the problems that keep it out (none when it vanished meanwhile). */
export type SourceFile = SourcePost | { ok: false; problems: PostProblem[] };

/** The posts folder: `POSTS_DIR` when set (tests, previews), else `_posts/` in the working directory. */
export function postsDirectory(): string {
  // Read at run time, not bundled: the comment keeps Turbopack from tracing the whole project into the server output.
  return path.resolve(process.env.POSTS_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), '_posts'));
}

let frozenByCaller = false;

/**
 * Tells the source that the posts folder will not change while this process runs (a step after a
 * build, such as the search index), so that it lists and reads it once, as during `next build`.
 */
export function freezePostsFolder(): void {
  frozenByCaller = true;
}

/** Whether the folder is listed once and each file read once (`next build`, or frozen by a script). */
export function folderIsFrozen(): boolean {
  return frozenByCaller || postsAreFixed();
}

let frozenListing: { directory: string; files: Promise<Map<string, string>> } | undefined;

/** The post files of the posts folder, each with the slug its name gives (see {@link postFilesIn}). */
export function listPostFiles(): Promise<Map<string, string>> {
  const directory = postsDirectory();
  if (!folderIsFrozen()) return postFilesIn(directory);
  if (frozenListing?.directory !== directory) frozenListing = { directory, files: postFilesIn(directory) };
  return frozenListing.files;
}

/**
 * The post files in `directory`, each (by absolute path) with the slug its name gives. A post is
 * either a regular `<name>.md` file directly in it, or a folder `<name>/` holding a regular
 * `index.md` (with the post's pictures beside it). Hidden files and folders (`.DS_Store`,
 * `._x.md`), other extensions, symbolic links and folders without `index.md` are not posts.
 * `<name>.md` beside `<name>/index.md` are two posts at one address: the catalog reports it.
 */
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
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) folders.push(entry.name);
    else if (entry.isFile() && entry.name.endsWith('.md'))
      files.set(path.join(directory, entry.name), entry.name.slice(0, -'.md'.length));
  }
  await Promise.all(
    folders.map(async (name) => {
      const index = path.join(directory, name, POST_FOLDER_INDEX);
      // lstat: a symbolic link named index.md is not a post (it could point anywhere).
      const info = await lstat(index).catch(() => undefined);
      if (info?.isFile()) files.set(index, name);
    }),
  );
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type MemoEntry = { mtimeMs: number; size: number; read: Promise<SourceFile> };

/** Files read so far, by path, with the modification time and size they were read at. */
const memo = new Map<string, MemoEntry>();

/**
 * One post file, read and validated, from memory when it has not changed since it was last read:
 * the same object then, so that what is worked out from it (its rendering) can be kept with it.
 */
export async function readPostFile(file: string, fileSlug: string): Promise<SourceFile> {
  if (folderIsFrozen()) {
    const kept = memo.get(file);
    if (kept) return kept.read;
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
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.read;
  const read = readWithin(file, fileSlug, info.size);
  memo.set(file, { mtimeMs: info.mtimeMs, size: info.size, read });
  read.catch(() => memo.delete(file));
  return read;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Reads and validates one file of `size` bytes. Whatever goes wrong (too big, unreadable, front
 * matter that is not YAML data, a body past the limits) is a problem of this post.
 */
async function readWithin(file: string, fileSlug: string, size: number): Promise<SourceFile> {
  const shown = displayPath(file);
  const problem = (line: number, column: number, message: string): SourceFile => ({
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
    return validated(await readFile(file, 'utf8'), shown, fileSlug, file);
  } catch (error) {
    if (error instanceof FrontMatterSyntaxError) return problem(error.line, error.column, error.reason);
    return problem(1, 1, `the file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function validated(source: string, shown: string, fileSlug: string, file: string): SourceFile {
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
    fileSlug,
    file: shown,
    path: file,
    fields,
    content: frontMatter.content,
    bodyLine: frontMatter.bodyLine,
    positionOf: frontMatter.positionOf,
  };
}
