/**
 * The content door (lib/api.ts) as routes use it, each read wrapped in React `cache()`: a page, its
 * metadata and its layout that ask for the same thing while one page renders (a request, or one page
 * of a build) share one answer. Here rather than in lib/, which holds no React. Route handlers
 * (feeds, sitemap, cards) render nothing and call lib/ directly.
 */
import { cache } from 'react';
import { getAliases, getAllPosts, getPostBySlug } from '@/lib/api';
import { tagPage } from '@/lib/tag-pages';

export const allPosts = cache(getAllPosts);
export const postBySlug = cache(getPostBySlug);
export const aliases = cache(getAliases);
export const tagPageOf = cache(tagPage);
