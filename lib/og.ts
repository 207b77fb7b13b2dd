/** Open Graph images: a post's `ogImage`, else its cover, else a card generated at build time. */
import type { PostSummary } from './api';
import { assetUrl, ogImagePath } from './urls';

/** The site-wide card, for pages that are not posts. */
export const SITE_OG_IMAGE = '_site.png';

/** Posts that get a generated card: those with neither an `ogImage` nor a cover. */
export function generatedOgImageSlugs(posts: PostSummary[]): string[] {
  return posts.filter((post) => !post.ogImage && !post.coverImage).map((post) => post.slug);
}

/** The image to share a post with, as an href. */
export function ogImageOf(post: Pick<PostSummary, 'slug' | 'ogImage' | 'coverImage'>): string {
  const written = post.ogImage?.url ?? post.coverImage;
  return written ? assetUrl(written) : ogImagePath(post.slug);
}
