/**
 * What pages get of a post: its validated front matter (the schema's output type, lib/post-schema.ts)
 * plus the fields worked out from the file and its rendered body, joined in one reshape step
 * ({@link toPostSummary}) without I/O. A new front-matter field reaches `PostSummary` and `Post`
 * through the schema alone.
 */
import type { PostPictures } from '../images/post-pictures';
import type { PostDate } from '../dates';
import type { Heading } from '../markdown';
import type { FrontMatterFields } from '../post-schema';
import type { PostScript } from '../post-scripts';
import { site } from '../site';
import { slugify } from '../slug';

/** Where a post stands: `published` is the only state readers of a build ever see. */
export type PostStatus = 'published' | 'draft' | 'scheduled';

export type Tag = { name: string; slug: string };

/** What lists show of a post: everything but its body. */
/** An author of a post: `id` when it is one of `site.authors` (with a page at `/authors/<id>/`). */
export type Author = FrontMatterFields['author'][number];

export type PostSummary = Omit<FrontMatterFields, 'slug' | 'excerpt' | 'tags' | 'author'> & {
  /** URL segment: the `slug` field, else the file name without `.md`. */
  slug: string;
  /** The file, as shown in messages. */
  file: string;
  /** From front matter, or the first paragraph's text cut near `site.excerptCharacters`. */
  excerpt: string;
  /** The first author: the one lists show. */
  author: Author;
  /** Every author, in the order written (one for most posts). */
  authors: Author[];
  /** Tags as written, each with its URL segment; no two with the same segment. */
  tags: Tag[];
  /** Minutes a reader takes, at `site.wordsPerMinute`; at least 1. */
  readingMinutes: number;
  /** Where the post stands at the time it was asked for. */
  status: PostStatus;
  /** Its cover, author's picture and link-preview image, as pages show them (lib/images/post-pictures.ts). */
  pictures: PostPictures;
};

/** A whole post, as its page shows it. */
export type Post = PostSummary & {
  /** The rendered, sanitized body. */
  html: string;
  /** Its h2 and h3 headings, for a table of contents. */
  headings: Heading[];
  /** The small scripts its body needs (lib/post-scripts.ts): none for most posts. */
  scripts: PostScript[];
};

/** What the content layer works out about a post besides its front matter. */
export type ComputedFacts = {
  /** The file name without `.md`. */
  fileSlug: string;
  /** The file, as shown in messages. */
  file: string;
  /** Plain text of the body's first paragraph (lib/body-text.ts). */
  firstParagraph: string;
  /** Words a reader reads in the body (lib/body-text.ts). */
  words: number;
  /** The time the status is worked out for. */
  now: number;
  /** The post's pictures, looked up in the image manifest. */
  pictures: PostPictures;
};

/** The reshape step: validated front matter and computed facts to the summary pages see. */
export function toPostSummary(fields: FrontMatterFields, facts: ComputedFacts): PostSummary {
  return {
    ...fields,
    slug: fields.slug ?? facts.fileSlug,
    file: facts.file,
    author: fields.author[0] ?? { ...site.defaultAuthor },
    authors: fields.author.length > 0 ? fields.author : [{ ...site.defaultAuthor }],
    excerpt: fields.excerpt || truncateAtWord(facts.firstParagraph, site.excerptCharacters),
    tags: uniqueTags(fields.tags),
    readingMinutes: Math.max(1, Math.round(facts.words / site.wordsPerMinute)),
    status: postStatus(fields, facts.now),
    pictures: facts.pictures,
  };
}

/** Whether a post is out, as of `now`: not a draft, and its date has come. */
export function postStatus(post: Pick<PostSummary, 'draft' | 'date'>, now = Date.now()): PostStatus {
  if (post.draft) return 'draft';
  return post.date.time > now ? 'scheduled' : 'published';
}

/**
 * When a post last changed: its `updated` date when that is later than its publication date, else
 * the publication date. What JSON-LD `dateModified`, the sitemap and the feeds' modified dates say.
 */
export function lastModified(post: Pick<PostSummary, 'date' | 'updated'>): PostDate {
  return post.updated && post.updated.time > post.date.time ? post.updated : post.date;
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

/** Cuts text at a word boundary near `max` characters, with an ellipsis when anything was cut. */
function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : text.slice(0, max);
  return `${base.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
