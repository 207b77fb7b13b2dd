/**
 * A static export needs at least one path for each dynamic route, even when a blog has no posts,
 * tags or aliases yet. These stand in for them: each renders the not-found page. After an export,
 * `npm run build` removes their folders from `out/` (scripts/prune-placeholders.ts).
 */
export const PLACEHOLDERS = { post: 'no-posts-yet', tag: 'no-tags-yet', alias: 'no-aliases-yet' } as const;

/** Where the placeholders land in `out/`. */
export const placeholderFolders = [`posts/${PLACEHOLDERS.post}`, `tags/${PLACEHOLDERS.tag}`, PLACEHOLDERS.alias];
