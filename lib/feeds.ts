/**
 * RSS 2.0, Atom and JSON Feed of the newest published posts (or of one tag's), with full post
 * HTML whose links and images are made absolute, since feed readers show it away from the site.
 *
 * Written here rather than with the `feed` package: its serializer (xml-js) splits only the first
 * `]]>` of a CDATA section, leaves `<` unescaped in attributes, unescapes `&amp;` in text, keeps
 * XML-forbidden control characters, and marks titles as HTML; it has no hook to change any of that.
 * Here every value goes through `lib/xml-text.ts` (or `JSON.stringify`), so any text an author
 * writes gives a well-formed feed that reads exactly as written.
 */
import { getAllPosts, getPostBySlug, lastModified, type Post, type PostSummary } from './api';
import { site } from './site';
import { absoluteUrl, homePath, postPath, routeHref, type FeedFormat } from './urls';
import { htmlEscape, xmlAttribute, xmlCdata, xmlEscape, xmlSafe } from './xml-text';

export const feedPaths = {
  rss: routeHref({ kind: 'feed', format: 'rss' }),
  atom: routeHref({ kind: 'feed', format: 'atom' }),
  json: routeHref({ kind: 'feed', format: 'json' }),
} as const;

/**
 * Rewrites the post's own links for a reader elsewhere: `/x` and `#x` become absolute, and so do
 * the files of a `<picture>`'s `srcset`. The HTML
 * is the pipeline's own serialization (double-quoted attributes), so attributes are matched exactly.
 */
function absolutizeHtml(html: string, pageUrl: string): string {
  return html
    .replace(/\bsrcset="([^"]*)"/g, (_, list: string) => {
      const candidates = list.split(',').map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
        const absolute = url.startsWith('/') && !url.startsWith('//') ? absoluteUrl(url) : url;
        return [absolute, ...descriptor].join(' ');
      });
      return `srcset="${candidates.join(', ')}"`;
    })
    .replace(
      /\b(href|src)="\/(?!\/)([^"]*)"/g,
      (_, attribute: string, rest: string) => `${attribute}="${absoluteUrl(`/${rest}`)}"`,
    )
    .replace(/\bhref="#([^"]*)"/g, (_, fragment: string) => `href="${pageUrl}#${fragment}"`);
}

export type FeedOptions = {
  title: string;
  description: string;
  /** Path of the page the feed is about (the home page, a tag page). */
  pagePath: string;
  /** Path of this feed, for its self link. */
  feedPath: string;
  /** Only posts with this tag slug. */
  tag?: string;
  /** Only posts by this author of `site.authors`. */
  author?: string;
};

/** One post as every feed format carries it: plain text fields, except `html`. */
export type FeedItem = {
  url: string;
  title: string;
  date: Date;
  /** When the post last changed: its `updated` date, else `date`. */
  updated: Date;
  /** Plain text. */
  summary: string;
  /** The rendered body, links made absolute. */
  html: string;
  author: string;
  tags: string[];
  /** Absolute URL of the cover image. */
  image?: string;
};

/** A feed before it is written in a format. */
export type Feed = {
  title: string;
  description: string;
  /** Absolute URL of the page the feed is about. */
  pageUrl: string;
  /** Absolute URL of this feed. */
  feedUrl: string;
  /** The latest publication or update of its posts, when it has any. */
  updated?: Date;
  items: FeedItem[];
};

/**
 * The newest `site.feedSize` published posts, whatever the server mode: a feed never carries a
 * draft or a future post.
 */
async function newestPublished(tag?: string, author?: string): Promise<Post[]> {
  const summaries = (await getAllPosts()).filter(
    (post: PostSummary) =>
      post.status === 'published' &&
      (!tag || post.tags.some((item) => item.slug === tag)) &&
      (!author || post.authors.some((item) => item.id === author)),
  );
  const posts = await Promise.all(summaries.slice(0, site.feedSize).map((post) => getPostBySlug(post.slug)));
  return posts.filter((post): post is Post => post !== null);
}

export async function buildFeed(options: FeedOptions): Promise<Feed> {
  const posts = await newestPublished(options.tag, options.author);
  return {
    title: options.title,
    description: options.description,
    pageUrl: absoluteUrl(options.pagePath),
    feedUrl: absoluteUrl(options.feedPath),
    updated: posts.length > 0 ? new Date(Math.max(...posts.map((post) => lastModified(post).time))) : undefined,
    items: posts.map((post) => {
      const url = absoluteUrl(postPath(post.slug));
      return {
        url,
        title: post.title,
        date: new Date(post.date.time),
        updated: new Date(lastModified(post).time),
        summary: post.excerpt,
        html: absolutizeHtml(post.html, url),
        author: post.authors.map((author) => author.name).join(', '),
        tags: post.tags.map((tag) => tag.name),
        ...(post.pictures.cover ? { image: absoluteUrl(post.pictures.cover.src) } : {}),
      };
    }),
  };
}

const IMAGE_TYPES: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** The media type of an image URL, from its extension. */
function imageType(url: string): string {
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'application/octet-stream';
}

/** When the feed was last changed: its newest post or update, else now (an empty feed). */
function updatedOf(feed: Feed): Date {
  return feed.updated ?? new Date();
}

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * RSS 2.0. Titles, descriptions and bodies are CDATA (as readers have always seen them here); the
 * description is the plain-text summary escaped as HTML, since readers render it as HTML.
 */
export function rss2(feed: Feed): string {
  const lines = [
    DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${xmlEscape(feed.title)}</title>`,
    `    <link>${xmlEscape(feed.pageUrl)}</link>`,
    `    <description>${xmlEscape(feed.description)}</description>`,
    `    <lastBuildDate>${updatedOf(feed).toUTCString()}</lastBuildDate>`,
    '    <docs>https://validator.w3.org/feed/docs/rss2.html</docs>',
    `    <language>${xmlEscape(site.locale)}</language>`,
    `    <copyright>${xmlEscape(`© ${site.title}`)}</copyright>`,
    `    <atom:link href="${xmlAttribute(feed.feedUrl)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const item of feed.items) {
    lines.push(
      '    <item>',
      `      <title>${xmlCdata(item.title)}</title>`,
      `      <link>${xmlEscape(item.url)}</link>`,
      `      <guid isPermaLink="false">${xmlEscape(item.url)}</guid>`,
      `      <pubDate>${item.date.toUTCString()}</pubDate>`,
      `      <description>${xmlCdata(htmlEscape(item.summary))}</description>`,
      `      <content:encoded>${xmlCdata(item.html)}</content:encoded>`,
      `      <dc:creator>${xmlEscape(item.author)}</dc:creator>`,
      ...item.tags.map((tag) => `      <category>${xmlEscape(tag)}</category>`),
      ...(item.image
        ? [`      <enclosure url="${xmlAttribute(item.image)}" length="0" type="${imageType(item.image)}"/>`]
        : []),
      '    </item>',
    );
  }
  lines.push('  </channel>', '</rss>', '');
  return lines.join('\n');
}

/** Atom 1.0: titles, summaries and names as text, the body as escaped HTML. */
export function atom1(feed: Feed): string {
  const lines = [
    DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttribute(site.locale)}">`,
    `  <id>${xmlEscape(feed.pageUrl)}</id>`,
    `  <title type="text">${xmlEscape(feed.title)}</title>`,
    `  <subtitle type="text">${xmlEscape(feed.description)}</subtitle>`,
    `  <updated>${updatedOf(feed).toISOString()}</updated>`,
    `  <author><name>${xmlEscape(site.defaultAuthor.name)}</name><uri>${xmlEscape(absoluteUrl(homePath()))}</uri></author>`,
    `  <link rel="alternate" type="text/html" href="${xmlAttribute(feed.pageUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlAttribute(feed.feedUrl)}"/>`,
    `  <rights type="text">${xmlEscape(`© ${site.title}`)}</rights>`,
  ];
  for (const item of feed.items) {
    lines.push(
      '  <entry>',
      `    <title type="text">${xmlEscape(item.title)}</title>`,
      `    <id>${xmlEscape(item.url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlAttribute(item.url)}"/>`,
      `    <updated>${item.updated.toISOString()}</updated>`,
      `    <published>${item.date.toISOString()}</published>`,
      `    <author><name>${xmlEscape(item.author)}</name></author>`,
      ...item.tags.map((tag) => `    <category term="${xmlAttribute(tag)}"/>`),
      ...(item.image
        ? [`    <link rel="enclosure" type="${imageType(item.image)}" href="${xmlAttribute(item.image)}"/>`]
        : []),
      `    <summary type="text">${xmlEscape(item.summary)}</summary>`,
      `    <content type="html">${xmlEscape(item.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** JSON Feed 1: every string cleaned of the characters the XML feeds drop, so all three read alike. */
export function json1(feed: Feed): string {
  const document = {
    version: 'https://jsonfeed.org/version/1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.feedUrl,
    description: feed.description,
    language: site.locale,
    author: { name: site.defaultAuthor.name, url: absoluteUrl(homePath()) },
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.html,
      summary: item.summary,
      ...(item.image ? { image: item.image } : {}),
      date_published: item.date.toISOString(),
      date_modified: item.updated.toISOString(),
      author: { name: item.author },
      tags: item.tags,
    })),
  };
  return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value), 2)}\n`;
}

const WRITERS = { rss: rss2, atom: atom1, json: json1 } as const;

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

/** A feed written in `format`, as a route handler's response. */
export function feedResponse(feed: Feed, format: FeedFormat): Response {
  return new Response(WRITERS[format](feed), { headers: { 'content-type': CONTENT_TYPES[format] } });
}

/** The site's own feed of the newest posts, as a route handler's response. */
export async function siteFeedResponse(format: FeedFormat): Promise<Response> {
  const feed = await buildFeed({
    title: site.title,
    description: site.description,
    pagePath: homePath(),
    feedPath: feedPaths[format],
  });
  return feedResponse(feed, format);
}
