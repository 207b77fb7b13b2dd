/**
 * Site facts and tunables in one place: every page, the metadata, the feeds, the lists and the
 * date formatting read them from here. Change these values to make the blog yours.
 */
import type { Route } from './urls';

export type SiteAuthor = {
  name: string;
  /** A path under `public/` (e.g. `/assets/blog/authors/me.jpeg`) or an absolute URL. */
  picture?: string;
};

/** An author defined once, whom posts name by id (`author: team`, or a list for co-authors). */
export type AuthorProfile = SiteAuthor & {
  /** A sentence or two for the author's page. */
  bio?: string;
  /** Links on the author's page, such as a website or a Mastodon profile. */
  links?: { name: string; url: string }[];
};

/**
 * Comments with giscus (GitHub Discussions), from https://giscus.app where these values are
 * shown for a repository. Unset, posts have no comments and no comment script at all.
 */
export type GiscusConfig = {
  repo: `${string}/${string}`;
  repoId: string;
  category: string;
  categoryId: string;
  /** How a post finds its discussion. Default `pathname`. */
  mapping?: 'pathname' | 'url' | 'title' | 'og:title';
  /** Reactions on the post itself. Default true. */
  reactions?: boolean;
};

export type SiteConfig = {
  title: string;
  description: string;
  /** Absolute URL of the deployed site, used for canonical and Open Graph URLs. `SITE_URL` overrides it. */
  url: string;
  /** BCP 47 language tag for `<html lang>` and date formatting. */
  locale: string;
  /** IANA time zone in which date-times from front matter are shown, and in which a date-time without offset is read. */
  timeZone: string;
  /** The author of posts whose front matter names none. */
  defaultAuthor: SiteAuthor;
  /**
   * Authors by id (lower-case letters, digits and hyphens), named from posts as `author: <id>`;
   * each has a page at `/authors/<id>/` with their posts and an RSS feed.
   */
  authors: Record<string, AuthorProfile>;
  /** Posts on the home page and on each archive page (`/page/2/`, ...). */
  postsPerPage: number;
  /** Links in the footer, such as a Mastodon or GitHub profile; the feed is always there. */
  social: { name: string; url: string }[];
  /** The sections linked from the header, in order, by route (lib/urls.ts). */
  navigation: { name: string; route: Route }[];
  /** Posts a feed carries, newest first. */
  feedSize: number;
  /** Comments under each post (giscus); `undefined`, the default, means none. */
  comments?: GiscusConfig;
  /** Reading speed for the "5 min read" line; Chinese and Japanese characters count two to a word. */
  wordsPerMinute: number;
  /** Posts with fewer h2/h3 headings than this get no table of contents. */
  tocMinHeadings: number;
  /** Other posts shown under a post, by shared tags. */
  relatedPosts: number;
  /** Search results shown for a query. */
  searchResults: number;
  /** A default excerpt (the first paragraph) is cut at a word near this many characters. */
  excerptCharacters: number;
  /** `npm run check` warns about a written excerpt longer than this: previews and search engines cut it. */
  excerptWarningCharacters: number;
};

/** The address used when `SITE_URL` is not set: right for `next dev`, wrong for anything published. */
const DEFAULT_SITE_URL = 'http://localhost:3000';

export const site: SiteConfig = {
  title: 'Markdown Blog',
  description: 'A fast, accessible blog written in markdown and built with Next.js.',
  url: process.env.SITE_URL || DEFAULT_SITE_URL,
  locale: 'en-US',
  timeZone: 'UTC',
  defaultAuthor: {
    name: 'The Markdown Blog team',
  },
  authors: {
    team: {
      name: 'The Markdown Blog team',
      bio: 'We write the guides that come with this blog: how to write a post, and the markdown it understands.',
    },
  },
  postsPerPage: 10,
  // For example: [{ name: 'GitHub', url: 'https://github.com/you' }, { name: 'Mastodon', url: 'https://mastodon.social/@you' }]
  social: [],
  navigation: [
    { name: 'Tags', route: { kind: 'tags' } },
    { name: 'Search', route: { kind: 'search' } },
  ],
  feedSize: 20,
  // For example: { repo: 'you/blog', repoId: 'R_…', category: 'Comments', categoryId: 'DIC_…' }
  comments: undefined,
  wordsPerMinute: 220,
  tocMinHeadings: 3,
  relatedPosts: 3,
  searchResults: 10,
  excerptCharacters: 160,
  excerptWarningCharacters: 300,
};

/**
 * The warning a build or a check prints when `SITE_URL` is not set, or `undefined` when it is:
 * canonical links, feeds, the sitemap and Open Graph tags would all point at localhost.
 */
export function siteUrlWarning(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.SITE_URL) return undefined;
  return `warning: SITE_URL is not set, so canonical links, feeds, the sitemap and Open Graph tags point at ${DEFAULT_SITE_URL}. Set it to the published address, for example SITE_URL=https://blog.example.com npm run build`;
}
