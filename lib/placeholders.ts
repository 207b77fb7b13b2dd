/**
 * A static export needs at least one path for each dynamic route, even when a blog has no posts,
 * tags or aliases yet. These stand in for them: each renders the not-found page. After an export,
 * `npm run build` removes the folders of the routes that used one (listed by scripts/lib/stage-export.ts
 * before `next build`, removed by scripts/postbuild.mjs after it);
 * a real post, tag or alias of the same name is left alone.
 */
export const PLACEHOLDERS = {
  post: 'no-posts-yet',
  tag: 'no-tags-yet',
  alias: 'no-aliases-yet',
  series: 'no-series-yet',
  author: 'no-authors-yet',
} as const;

/** Where each placeholder lands in `out/`. */
export const placeholderFolders: Record<keyof typeof PLACEHOLDERS, string> = {
  post: `posts/${PLACEHOLDERS.post}`,
  tag: `tags/${PLACEHOLDERS.tag}`,
  alias: PLACEHOLDERS.alias,
  series: `series/${PLACEHOLDERS.series}`,
  author: `authors/${PLACEHOLDERS.author}`,
};
