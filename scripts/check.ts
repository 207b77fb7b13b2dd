/**
 * `npm run check`: validates every post without running Next and prints each problem as
 * `path:line:column: error|warning: message`, then a summary. Exits 1 when there is an error.
 * Runs before every build (`prebuild`). Reads `POSTS_DIR` (default `_posts/`) and `public/`.
 *
 * Every body is rendered as its page will be, in worker threads with a time and memory budget
 * (lib/render-pool.ts), with the build's own worker bundle, so that whatever check accepts the
 * build can render. Rendered bodies are kept by content hash and pipeline version
 * (lib/render-cache.ts): a post is rendered again only when it or the pipeline changes, and the
 * build's pages and the search index read the same entries back.
 */
import path from 'node:path';
import { postsDirectory } from '../lib/posts/source';
import { checkPosts, formatCheckProblem } from '../lib/check';
import { stopRenderWorkers, useRenderBundle } from '../lib/render-pool';
import { pruneContentCache } from '../lib/content-cache';
import { siteUrlWarning } from '../lib/site';
import { bundleRenderWorker } from './render-worker-bundle.mjs';

const started = performance.now();
// Written now unless it is up to date; next.config.ts then finds it current.
useRenderBundle(await bundleRenderWorker());
const { problems, posts } = await checkPosts(postsDirectory(), path.resolve('public'));
await stopRenderWorkers();
// Before every build: the cache of work done once per content stays under its size limit.
await pruneContentCache();
for (const problem of problems) console.log(formatCheckProblem(problem));
const siteWarning = siteUrlWarning();
if (siteWarning) console.log(siteWarning);
const errors = problems.filter((problem) => problem.severity === 'error').length;
const warnings = problems.length - errors;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  `${plural(posts, 'post')} checked in ${seconds} s: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
);
process.exitCode = errors > 0 ? 1 : 0;
