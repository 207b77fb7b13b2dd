/**
 * Site facts in one place: every page, the metadata and the date formatting read them from here.
 * Change these values to make the blog yours.
 */
export type SiteAuthor = {
  name: string;
  /** A path under `public/` (e.g. `/assets/blog/authors/me.jpeg`) or an absolute URL. */
  picture?: string;
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
  /** Posts on the home page and on each archive page (`/page/2/`, ...). */
  postsPerPage: number;
  /** Links in the footer, such as a Mastodon or GitHub profile; the feed is always there. */
  social: { name: string; url: string }[];
};

export const site: SiteConfig = {
  title: 'Markdown Blog',
  description: 'A fast, accessible blog written in markdown and built with Next.js.',
  url: process.env.SITE_URL ?? 'http://localhost:3000',
  locale: 'en-US',
  timeZone: 'UTC',
  defaultAuthor: {
    name: 'The Markdown Blog team',
  },
  postsPerPage: 10,
  // For example: [{ name: 'GitHub', url: 'https://github.com/you' }, { name: 'Mastodon', url: 'https://mastodon.social/@you' }]
  social: [],
};
