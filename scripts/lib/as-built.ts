/**
 * For the steps that run after `next build` (removing placeholders, the search index): read the
 * posts as the build read them. The posts folder does not change during a build, so it is listed
 * and read once; and bodies come from the worker bundle the build rendered with, whose render cache
 * already holds every one of them (without it, each body would be rendered again: 10 s at 1,000
 * posts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freezePostsFolder } from '../../lib/posts/source';
import { useRenderBundle } from '../../lib/render-pool';

export function readPostsAsBuilt(): void {
  freezePostsFolder();
  const bundle = path.resolve('.render-worker', 'render-worker.js');
  if (existsSync(bundle)) useRenderBundle(bundle);
}
