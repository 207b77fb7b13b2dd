/**
 * `npm run check`: everything that can be wrong with the posts, found without running Next, each
 * problem pointing at a file, line and column. Errors stop the build (it runs as `prebuild`);
 * warnings do not.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { firstTextLine } from './body-screen';
import { formatPostDate } from './dates';
import { LIMITS, utf8Bytes } from './limits';
import { FileTree, readPicture } from './images/files';
import { inspectPicture, type WantedPicture } from './images/pipeline';
import { postLocation, resolvePictureReference, type PictureReference } from './images/reference';
import { SITE_OG_IMAGE, generatedOgImageSlugs } from './og';
import { pageCount } from './pagination';
import { catalogOf, type Renderer } from './posts/catalog';
import { postStatus, type PostSummary } from './posts/post';
import { postFilesIn } from './posts/source';
import { renderBody } from './render-pool';
import { site } from './site';
import { findAuthor } from './authors';
import { findSeries } from './series';
import { allTags } from './tags';
import { recognizeRoute, type Route } from './urls';

export type Severity = 'error' | 'warning';

export type CheckProblem = { file: string; line: number; column: number; severity: Severity; message: string };

/** A local picture the posts use, with where it is first asked for. */
export type CheckedPicture = WantedPicture & { usedAt: { file: string; line: number; column: number; url: string } };

export type CheckResult = {
  problems: CheckProblem[];
  posts: number;
  /**
   * Every local picture of the posts that are not drafts (or of every post, with
   * `includeDrafts`), found and readable: what the image pipeline encodes (lib/images/pipeline.ts).
   */
  pictures: CheckedPicture[];
};

/** The files under `public/`, each folder listed once, for asking which site paths name a file. */
class PublicFiles {
  private readonly listings = new Map<string, Promise<Set<string>>>();

  constructor(private readonly root: string) {}

  private list(dir: string): Promise<Set<string>> {
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = readdir(dir).then(
        (names) => new Set(names),
        () => new Set<string>(),
      );
      this.listings.set(dir, listing);
    }
    return listing;
  }

  /** Whether `sitePath` (such as `/assets/a.png`) names a file under the root, with exact case. */
  async has(sitePath: string): Promise<boolean> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(sitePath.split(/[?#]/)[0] ?? '');
    } catch {
      return false;
    }
    const parts = decoded.split('/').filter(Boolean);
    if (parts.length === 0 || parts.includes('..')) return false;
    let dir = this.root;
    for (const part of parts) {
      // Linux hosts are case-sensitive even when the author's disk is not: compare names exactly.
      if (!(await this.list(dir)).has(part)) return false;
      dir = path.join(dir, part);
    }
    return true;
  }
}

/** What the build publishes of the routes that depend on the posts: archive pages, tags, cards. */
class PublishedSite {
  private readonly tags: Map<string, number>;
  private readonly cards: Set<string>;

  constructor(private readonly posts: PostSummary[]) {
    this.tags = new Map(allTags(posts).map((tag) => [tag.slug, tag.count]));
    this.cards = new Set(generatedOgImageSlugs(posts));
  }

  /** Why the build has no page at `route`, or `undefined` when it has one. */
  missing(route: Route): string | undefined {
    const perPage = site.postsPerPage;
    switch (route.kind) {
      case 'archive': {
        const pages = pageCount(this.posts.length, perPage);
        return route.page > pages ? `the post list has ${pages} page${pages === 1 ? '' : 's'}` : undefined;
      }
      case 'tag':
      case 'tag-feed': {
        const count = this.tags.get(route.slug);
        if (count === undefined) return `no published post has the tag "${route.slug}"`;
        const pages = pageCount(count, perPage);
        return route.kind === 'tag' && route.page > pages
          ? `the tag "${route.slug}" has ${pages} page${pages === 1 ? '' : 's'}`
          : undefined;
      }
      case 'series':
        return findSeries(this.posts, route.slug) ? undefined : `no published post is in the series "${route.slug}"`;
      case 'author':
      case 'author-feed':
        return findAuthor(this.posts, route.id)
          ? undefined
          : `"${route.id}" is no author of lib/site.ts with a published post`;
      case 'og':
        return route.name === SITE_OG_IMAGE.replace(/\.png$/, '') || this.cards.has(route.name)
          ? undefined
          : `no card is drawn for "${route.name}" (posts with a cover or ogImage use that instead)`;
      default:
        return undefined;
    }
  }
}

function isLocal(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

function isRelativeFile(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Workers a check renders with: one per core of this 2-core class of machine. */
const CHECK_PARALLEL_RENDERS = 2;

/**
 * Every body is rendered as its page will be, in the rendering workers with their budgets
 * (lib/render-pool.ts); `npm run check` uses the build's own worker bundle, whose render cache the
 * build's pages then read.
 */
const renderForCheck: Renderer = (markdown, bodyLine) => renderBody(markdown, bodyLine, CHECK_PARALLEL_RENDERS);

export type CheckOptions = {
  now?: number;
  /** List the pictures of drafts too (for `next dev`, which shows drafts). */
  includeDrafts?: boolean;
};

/**
 * The local pictures of the posts: each found once (exact case; no symbolic links beside the
 * posts), read within the limits and judged by its contents, not its name.
 */
class PictureFiles {
  private readonly publicTree: FileTree;
  private readonly postsTree: FileTree;
  private readonly judged = new Map<string, Promise<{ file: string; followLinks: boolean } | { reason: string }>>();

  constructor(publicDir: string, postsDir: string) {
    this.publicTree = new FileTree(publicDir, true);
    this.postsTree = new FileTree(postsDir, false);
  }

  /** The file of a local picture reference, or why it cannot be published. */
  judge(reference: Extract<PictureReference, { kind: 'public' | 'relative' }>) {
    let judged = this.judged.get(reference.key);
    if (!judged) {
      judged = this.find(reference);
      this.judged.set(reference.key, judged);
    }
    return judged;
  }

  private async find(
    reference: Extract<PictureReference, { kind: 'public' | 'relative' }>,
  ): Promise<{ file: string; followLinks: boolean } | { reason: string }> {
    const inPublic = reference.kind === 'public';
    const located = inPublic
      ? await this.publicTree.locate(reference.sitePath)
      : await this.postsTree.locate(reference.relative);
    if (!located.ok) {
      return {
        reason: inPublic
          ? 'is not a file in public/ (names are case-sensitive)'
          : `names ${displayPath(path.join(this.postsTree.root, reference.relative))}, which ${located.reason}`,
      };
    }
    if (inPublic && !reference.picture) return { file: located.file, followLinks: true };
    const read = await readPicture(located.file, inPublic);
    if (!read.ok) return { reason: read.reason };
    const inspected = await inspectPicture(read.bytes);
    if (!inspected.ok) return { reason: inspected.reason };
    return { file: located.file, followLinks: inPublic };
  }
}

/** A path as messages show it: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Checks every post in `postsDir` against `publicDir`. */
export async function checkPosts(
  postsDir: string,
  publicDir: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const { now = Date.now(), includeDrafts = false } = options;
  const problems: CheckProblem[] = [];
  const pictureFiles = new PictureFiles(publicDir, postsDir);
  const pictures = new Map<string, CheckedPicture>();
  const files = await postFilesIn(postsDir);
  // The catalog the build works from: read, validated, rendered, addresses claimed.
  const { entries, problems: invalid } = await catalogOf(files, renderForCheck);
  for (const problem of invalid) {
    problems.push({
      file: problem.file,
      line: problem.line,
      column: problem.column ?? 1,
      severity: 'error',
      message: problem.field ? `${problem.field}: ${problem.message}` : problem.message,
    });
  }

  const posts = [...entries.values()];
  const ids = new Map(posts.map((post) => [post.summary.slug, new Set(post.facts.ids)]));
  const publicFiles = new PublicFiles(publicDir);
  const published = new PublishedSite(
    posts.map((post) => post.summary).filter((summary) => postStatus(summary, now) === 'published'),
  );
  const aliases = new Set(posts.flatMap((post) => post.summary.aliases.map((alias) => alias.replace(/\/?$/, '/'))));

  for (const post of posts) {
    const { summary, source, facts } = post;
    const ownIds = ids.get(summary.slug) ?? new Set<string>();
    const report = (severity: Severity, where: { line: number; column: number }, message: string) =>
      problems.push({ file: summary.file, ...where, severity, message });

    // Fields are on line 2 or later; an absent one is placed on the opening `---`.
    const written = (field: string) => source.positionOf(field).line > 1;

    const bytes = utf8Bytes(source.content);
    if (bytes > LIMITS.fileWarningBytes) {
      report(
        'warning',
        { line: firstTextLine(source.content, source.bodyLine), column: 1 },
        `the body is ${bytes.toLocaleString('en-US')} bytes: readers wait for it and the build slows (an error past ${LIMITS.fileBytes.toLocaleString('en-US')}); consider splitting it`,
      );
    }
    for (const alias of summary.aliases) {
      const folder = alias.replace(/\/?$/, '/');
      if ((await publicFiles.has(alias)) || (await publicFiles.has(`${folder}index.html`))) {
        report('error', source.positionOf('aliases'), `aliases: ${alias} is already a file in public/`);
      }
    }

    // Pictures, in front matter (the default author's picture is the site's business, not the
    // post's) and in the body: each must be a picture the site can publish.
    const location = postLocation(postsDir, source.path);
    const publishes = includeDrafts || !summary.draft;
    const checkPicture = async (
      url: string,
      where: { line: number; column: number },
      label: string,
      og: boolean,
      reported = true,
    ) => {
      const reference = resolvePictureReference(url, location);
      if (reference.kind === 'remote' || reference.kind === 'other') return;
      if (reference.kind === 'invalid') {
        if (reported) report('error', where, `${label} ${url} ${reference.reason}`);
        return;
      }
      const judged = await pictureFiles.judge(reference);
      if ('reason' in judged) {
        if (reported) report('error', where, `${label} ${url} ${judged.reason}`);
        return;
      }
      if (!publishes || (reference.kind === 'public' && !reference.picture)) return;
      const known = pictures.get(reference.key);
      if (known) known.og ||= og;
      else
        pictures.set(reference.key, {
          key: reference.key,
          ...judged,
          og,
          usedAt: { file: summary.file, ...where, url },
        });
    };
    const fields: [string, string | undefined, boolean, boolean][] = [
      ['coverImage', summary.coverImage?.url, !summary.ogImage, true],
      // Pictures of authors written in the post are checked; those of lib/site.ts (an id, or the
      // default author) are the site's business, but still made into sized pictures.
      ...summary.authors.map((author): [string, string | undefined, boolean, boolean] => [
        'author',
        author.picture,
        false,
        written('author') && !author.id,
      ]),
      ['ogImage', summary.ogImage?.url, true, true],
    ];
    for (const [field, url, og, reported] of fields) {
      if (url) await checkPicture(url, source.positionOf(field), `${field}:`, og, reported);
    }
    if (summary.excerpt.length > site.excerptWarningCharacters && written('excerpt')) {
      report(
        'warning',
        source.positionOf('excerpt'),
        `excerpt: ${summary.excerpt.length} characters; previews and search results cut it near ${site.excerptCharacters} (keep it under ${site.excerptWarningCharacters})`,
      );
    }

    if (summary.updated && summary.updated.time < summary.date.time) {
      const shown = (date: typeof summary.date) => formatPostDate(date, site.locale, site.timeZone);
      report(
        'warning',
        source.positionOf('updated'),
        `updated: ${shown(summary.updated)} is before the post's date, ${shown(summary.date)}: readers and feeds get the date instead (a typo?)`,
      );
    }

    // What the body holds that could not be rendered (invalid TeX): the page shows it as written.
    for (const invalid of facts.invalid) report('error', invalid, invalid.message);

    // Images in the body.
    for (const image of facts.images) {
      if (!image.alt.trim())
        report('warning', image, `image ${image.url} has no alt text: describe it for readers who cannot see it`);
      await checkPicture(image.url, image, 'image', false);
    }

    // Links in the body.
    for (const link of facts.links) {
      const hash = link.url.indexOf('#');
      const pathPart = hash === -1 ? link.url : link.url.slice(0, hash);
      let fragment = hash === -1 ? '' : link.url.slice(hash + 1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // Keep the fragment as written.
      }
      if (pathPart === '') {
        if (fragment && !ownIds.has(fragment))
          report('error', link, `link #${fragment}: no heading or id "${fragment}" in this post`);
        continue;
      }
      if (!isLocal(pathPart)) {
        if (isRelativeFile(pathPart))
          report(
            'error',
            link,
            `link ${link.url} is a relative path: write it from the site root, such as /posts/<slug>/`,
          );
        continue;
      }
      const route = recognizeRoute(pathPart);
      if (route?.kind === 'post') {
        const slug = route.slug;
        const target = entries.get(slug);
        if (!target) {
          report('error', link, `link ${link.url}: there is no post "${slug}"`);
          continue;
        }
        const status = postStatus(target.summary, now);
        if (status === 'draft' && !summary.draft) {
          report('error', link, `link ${link.url}: "${slug}" is a draft, so readers would get a 404`);
        } else if (status === 'scheduled' && postStatus(summary, now) === 'published') {
          const when = formatPostDate(target.summary.date, site.locale, site.timeZone);
          report('warning', link, `link ${link.url}: "${slug}" is scheduled for ${when}; until then the link is a 404`);
        }
        if (fragment && !ids.get(slug)?.has(fragment)) {
          report('error', link, `link ${link.url}: no heading or id "${fragment}" in "${slug}"`);
        }
        continue;
      }
      if (route) {
        const missing = published.missing(route);
        if (missing) report('error', link, `link ${link.url}: ${missing}`);
        continue;
      }
      if (aliases.has(pathPart.replace(/\/?$/, '/'))) continue;
      if (!(await publicFiles.has(pathPart)))
        report('error', link, `link ${link.url}: no page or file in public/ at that path`);
    }
  }

  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return { problems, posts: files.size, pictures: [...pictures.values()] };
}

export function formatCheckProblem(problem: CheckProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}
