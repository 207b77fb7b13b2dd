/**
 * The posts as a whole: every valid file rendered once and reshaped into its summary, the
 * addresses each one claims (two posts at one URL, an alias already taken), and which posts readers
 * may see now (published, draft, scheduled). Lists build their indexes (lib/tags.ts, lib/related.ts)
 * on the list this module hands out, which is the same array for a whole build.
 *
 * A body is parsed once (lib/markdown.ts, in a worker of lib/render-pool.ts): the same rendering
 * gives the summary's excerpt and reading time, the facts `npm run check` verifies, and the page's
 * HTML. A body that cannot be rendered is that post's problem, like invalid front matter.
 */
import { createHash } from 'node:crypto';
import type { BodyFacts } from '../body-facts';
import { readManifest } from '../images/manifest';
import { postPictures } from '../images/post-pictures';
import { postLocation } from '../images/reference';
import { firstTextLine } from '../body-screen';
import type { RenderedMarkdown } from '../markdown';
import { renderBody } from '../render-pool';
import { postPath } from '../urls';
import { showsUnpublished } from './mode';
import { postStatus, toPostSummary, type PostSummary } from './post';
import type { PostProblem } from './problems';
import { folderIsFrozen, listPostFiles, postsDirectory, readPostFile, type SourcePost } from './source';

/** Renders a body whose first line is file line `bodyLine` (lib/render-pool.ts by default). */
export type Renderer = (markdown: string, bodyLine: number) => Promise<RenderedMarkdown>;

const renderInPool: Renderer = (markdown, bodyLine) => renderBody(markdown, bodyLine);

/** A post of the catalog: its file, its summary, and what its body offers and asks for. */
export type CatalogEntry = { source: SourcePost; summary: PostSummary; facts: BodyFacts };

export type Catalog = {
  /** Every post that has an address (drafts and scheduled ones too), newest first, ties by slug. */
  posts: PostSummary[];
  /** The same posts, by slug. */
  entries: Map<string, CatalogEntry>;
  /** The problems of every other file, and of addresses claimed twice. */
  problems: PostProblem[];
};

/**
 * Rendered bodies of the posts asked for most recently. Lists need only what the summary takes
 * from a body, so whole bodies are kept for a few dozen posts, not for every post of a 10,000-post
 * blog; a body asked for again after that comes from the render cache (lib/render-cache.ts) or is
 * rendered again. A body that failed to render stays failed while it is kept, so that a hostile
 * file costs one worker's budget, not one per request.
 */
const bodies = new Map<SourcePost, Promise<RenderedMarkdown>>();
const BODIES_KEPT = 64;

/** The rendered body of a post file. */
export function renderedBody(source: SourcePost, render: Renderer = renderInPool): Promise<RenderedMarkdown> {
  let rendered = bodies.get(source);
  if (rendered) {
    bodies.delete(source); // move to the newest end
  } else {
    rendered = render(source.content, source.bodyLine);
    const oldest = bodies.keys().next();
    if (bodies.size >= BODIES_KEPT && !oldest.done) bodies.delete(oldest.value);
  }
  bodies.set(source, rendered);
  return rendered;
}

/** Why a body could not be rendered, as a problem of its file at its first line of text. */
export function renderProblem(source: SourcePost, error: unknown): PostProblem {
  return {
    file: source.file,
    line: firstTextLine(source.content, source.bodyLine),
    column: 1,
    message: error instanceof Error ? error.message : String(error),
  };
}

type BodyOutcome =
  { ok: true; facts: BodyFacts; firstParagraph: string; words: number } | { ok: false; problem: PostProblem };

/** What lists and check take from each file's body, kept for as long as the file is unchanged. */
const outcomes = new WeakMap<SourcePost, Promise<BodyOutcome>>();

function outcomeOf(source: SourcePost, render: Renderer): Promise<BodyOutcome> {
  let outcome = outcomes.get(source);
  if (!outcome) {
    outcome = renderedBody(source, render).then(
      ({ facts, firstParagraph, words }): BodyOutcome => ({ ok: true, facts, firstParagraph, words }),
      (error: unknown): BodyOutcome => ({ ok: false, problem: renderProblem(source, error) }),
    );
    outcomes.set(source, outcome);
  }
  return outcome;
}

/**
 * Bodies asked for at once while the catalog is made: enough to keep every rendering thread busy,
 * few enough that 10,000 render-cache entries are not all read into memory together (which took a
 * build's worker past 600 MB at 10,000 posts).
 */
const RENDERS_AT_ONCE = 32;

/** `work` applied to each item, at most `limit` at a time; the results in the items' order. */
async function inTurn<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function newestFirst(a: PostSummary, b: PostSummary): number {
  return b.date.time - a.date.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/**
 * The catalog of the given post files (path → slug from the file name), each rendered with
 * `render`: every valid post, with the problems of the others reported once for the whole folder.
 */
export async function catalogOf(files: Map<string, string>, render: Renderer = renderInPool): Promise<Catalog> {
  const read = await Promise.all([...files].map(([file, slug]) => readPostFile(file, slug)));
  const problems: PostProblem[] = [];
  const valid: SourcePost[] = [];
  for (const file of read) {
    if (file.ok) valid.push(file);
    else problems.push(...file.problems);
  }
  const rendered = await inTurn(valid, RENDERS_AT_ONCE, (source) => outcomeOf(source, render));
  const now = Date.now();
  const manifest = readManifest();
  const postsDir = postsDirectory();
  const candidates: CatalogEntry[] = [];
  valid.forEach((source, index) => {
    const outcome = rendered[index];
    if (!outcome) return;
    if (!outcome.ok) {
      problems.push(outcome.problem);
      return;
    }
    const { facts, firstParagraph, words } = outcome;
    const summary = toPostSummary(source.fields, {
      fileSlug: source.fileSlug,
      file: source.file,
      firstParagraph,
      words,
      now,
      pictures: postPictures(
        source.fields,
        source.fields.slug ?? source.fileSlug,
        postLocation(postsDir, source.path),
        manifest,
      ),
    });
    candidates.push({ source, summary, facts });
  });
  const claimed = claimAddresses(candidates);
  return {
    posts: [...claimed.entries.values()].map((entry) => entry.summary).sort(newestFirst),
    entries: claimed.entries,
    problems: [...problems, ...claimed.problems],
  };
}

/**
 * Gives each post its URL and its aliases, first come first served: a post whose URL is already
 * another's (URLs that differ only by case are one file on case-insensitive disks and hosts) is
 * left out, and an alias that is already an address is refused; each is a problem of its file.
 */
function claimAddresses(candidates: CatalogEntry[]): {
  entries: Map<string, CatalogEntry>;
  problems: PostProblem[];
} {
  const problems: PostProblem[] = [];
  const entries = new Map<string, CatalogEntry>();
  const taken = new Map<string, string>();
  for (const entry of candidates) {
    const { summary, source } = entry;
    const url = postPath(summary.slug).toLowerCase();
    const owner = taken.get(url);
    if (owner !== undefined) {
      problems.push({
        file: summary.file,
        ...source.positionOf('slug'),
        field: 'slug',
        message: `${postPath(summary.slug)} is also the URL of ${owner}: rename one of the files or set another slug`,
      });
      continue;
    }
    taken.set(url, summary.file);
    entries.set(summary.slug, entry);
  }
  for (const { summary, source } of entries.values()) {
    for (const alias of summary.aliases) {
      const owner = taken.get(alias.toLowerCase()) ?? taken.get(alias.replace(/\/?$/, '/').toLowerCase());
      if (owner !== undefined && owner !== summary.file) {
        problems.push({
          file: summary.file,
          ...source.positionOf('aliases'),
          field: 'aliases',
          message: `${alias} is already the address of ${owner}`,
        });
      } else taken.set(alias.toLowerCase(), summary.file);
    }
  }
  return { entries, problems };
}

let frozenCatalog: { directory: string; catalog: Promise<Catalog> } | undefined;

/**
 * The catalog of the posts folder. A build asks for the whole list on every page (neighbours,
 * related posts), so there it is worked out once; elsewhere on every call, from files read and
 * rendered once per change.
 */
export async function postsCatalog(): Promise<Catalog> {
  if (folderIsFrozen()) {
    const directory = postsDirectory();
    if (frozenCatalog?.directory !== directory) {
      frozenCatalog = { directory, catalog: listPostFiles().then((files) => catalogOf(files)) };
    }
    return frozenCatalog.catalog;
  }
  return catalogOf(await listPostFiles());
}

/**
 * The post as readers may see it as of `now`, or `undefined` when they may not (yet): only
 * published posts, except in `next dev`, which shows drafts and scheduled posts, marked.
 */
export function asShown(
  post: PostSummary,
  now: number,
  unpublishedShown = showsUnpublished(),
): PostSummary | undefined {
  const status = postStatus(post, now);
  if (status !== 'published' && !unpublishedShown) return undefined;
  return status === post.status ? post : { ...post, status };
}

const shownOnce = new WeakMap<Catalog, PostSummary[]>();

/**
 * The posts readers may see now, newest first. Where the folder is frozen (a build) this is the
 * same array for every page, so that indexes built on it are built once, not once per page.
 */
export function shownPosts(catalog: Catalog, now = Date.now()): PostSummary[] {
  if (!folderIsFrozen()) return catalog.posts.flatMap((post) => asShown(post, now) ?? []);
  let shown = shownOnce.get(catalog);
  if (!shown) {
    shown = catalog.posts.flatMap((post) => asShown(post, now) ?? []);
    shownOnce.set(catalog, shown);
  }
  return shown;
}

/**
 * The entry a URL segment names, which may arrive percent-encoded. The slug is only ever compared
 * with the posts' slugs, never joined into a path, so `..`, `/etc/passwd` or `%2F` reach no file.
 */
export function findEntry(catalog: Catalog, slug: string): CatalogEntry | undefined {
  const entry = catalog.entries.get(slug);
  if (entry !== undefined || !slug.includes('%')) return entry;
  try {
    return catalog.entries.get(decodeURIComponent(slug));
  } catch {
    return undefined;
  }
}

/** Digest of each post file's text and fields, worked out once per read of the file. */
const sourceDigests = new WeakMap<SourcePost, string>();

function sourceDigest(source: SourcePost): string {
  let digest = sourceDigests.get(source);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(source.fields)).update('\0').update(source.content).digest('hex');
    sourceDigests.set(source, digest);
  }
  return digest;
}

/**
 * A fingerprint of what readers may see now: the shown posts, each by slug, fields and body. It
 * changes when a post is published, edited, fixed, broken or removed (the search index that a
 * server keeps is rebuilt when it does).
 */
export function catalogVersion(catalog: Catalog, now = Date.now()): string {
  const hash = createHash('sha256');
  for (const post of shownPosts(catalog, now)) {
    const entry = catalog.entries.get(post.slug);
    hash.update(`${post.slug}\0${entry ? sourceDigest(entry.source) : ''}\n`);
  }
  return hash.digest('hex');
}
