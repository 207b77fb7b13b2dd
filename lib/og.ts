/** Open Graph images: a post's `ogImage`, else its cover, else a card generated at build time. */
import type { PostSummary } from './api';
import type { ShareImage } from './images/post-pictures';

/** The site-wide card, for pages that are not posts. */
export const SITE_OG_IMAGE = '_site.png';

/** Posts that get a generated card: those with neither an `ogImage` nor a cover. */
export function generatedOgImageSlugs(posts: PostSummary[]): string[] {
  return posts.filter((post) => !post.ogImage && !post.coverImage).map((post) => post.slug);
}

/**
 * The image to share a post with, as an href with its size when known: a local picture's
 * 1200×630 JPEG (lib/images/pipeline.ts), a remote URL as written, or the post's card.
 */
export function ogImageOf(post: Pick<PostSummary, 'pictures'>): ShareImage {
  return post.pictures.share;
}
