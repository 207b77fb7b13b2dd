/**
 * RSS 2.0, Atom and JSON Feed of the newest published posts (or of one tag's), with full post
 * HTML whose links and images are made absolute, since feed readers show it away from the site.
 */
import { Feed } from 'feed';
import { getAllPosts, getPostBySlug, type Post, type PostSummary } from './api';
import { site } from './site';
import { absoluteUrl, assetUrl, homePath, postPath, withBasePath } from './urls';

/** How many posts a feed carries. */
export const FEED_SIZE = 20;

export const feedPaths = {
  rss: withBasePath('/feed.xml'),
  atom: withBasePath('/atom.xml'),
  json: withBasePath('/feed.json'),
} as const;

/**
 * Rewrites the post's own links for a reader elsewhere: `/x` and `#x` become absolute. The HTML
 * is the pipeline's own serialization (double-quoted attributes), so attributes are matched exactly.
 */
function absolutizeHtml(html: string, pageUrl: string): string {
  return html
    .replace(
      /\b(href|src)="\/(?!\/)([^"]*)"/g,
      (_, attribute: string, rest: string) => `${attribute}="${absoluteUrl(`/${rest}`)}"`,
    )
    .replace(/\bhref="#([^"]*)"/g, (_, fragment: string) => `href="${pageUrl}#${fragment}"`);
}

type FeedOptions = {
  title: string;
  description: string;
  /** Path of the page the feed is about (the home page, a tag page). */
  pagePath: string;
  /** Path of this feed, for its self link. */
  feedPath: string;
  /** Only posts with this tag slug. */
  tag?: string;
};

/** Published posts only, whatever the server mode: a feed never carries a draft or a future post. */
async function newestPublished(tag?: string): Promise<Post[]> {
  const summaries = (await getAllPosts()).filter(
    (post: PostSummary) => post.status === 'published' && (!tag || post.tags.some((item) => item.slug === tag)),
  );
  const posts = await Promise.all(summaries.slice(0, FEED_SIZE).map((post) => getPostBySlug(post.slug)));
  return posts.filter((post): post is Post => post !== null);
}

export async function buildFeed(options: FeedOptions): Promise<Feed> {
  const posts = await newestPublished(options.tag);
  const feed = new Feed({
    id: absoluteUrl(options.pagePath),
    title: options.title,
    description: options.description,
    link: absoluteUrl(options.pagePath),
    language: site.locale,
    updated: posts[0] ? new Date(posts[0].date.time) : undefined,
    generator: false,
    feedLinks: options.tag
      ? { rss: absoluteUrl(options.feedPath) }
      : { rss: absoluteUrl(feedPaths.rss), atom: absoluteUrl(feedPaths.atom), json: absoluteUrl(feedPaths.json) },
    author: { name: site.defaultAuthor.name, link: absoluteUrl(homePath()) },
    copyright: `© ${site.title}`,
  });
  for (const post of posts) {
    const url = absoluteUrl(postPath(post.slug));
    const cover = post.coverImage ? absoluteUrl(assetUrl(post.coverImage)) : undefined;
    feed.addItem({
      title: post.title,
      id: url,
      link: url,
      date: new Date(post.date.time),
      published: new Date(post.date.time),
      description: post.excerpt,
      content: absolutizeHtml(post.html, url),
      author: [{ name: post.author.name }],
      category: post.tags.map((tag) => ({ name: tag.name })),
      ...(cover ? { image: cover } : {}),
    });
  }
  return feed;
}

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

/** The site's own feed of the newest posts, as a route handler's response. */
export async function siteFeedResponse(format: keyof typeof feedPaths): Promise<Response> {
  const feed = await buildFeed({
    title: site.title,
    description: site.description,
    pagePath: '/',
    feedPath: feedPaths[format],
  });
  const body = format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
  return new Response(body, { headers: { 'content-type': CONTENT_TYPES[format] } });
}
