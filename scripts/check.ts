/**
 * `npm run check [-- --images [--drafts] [--build]]`: validates every post without running Next and prints each problem as
 * `path:line:column: error|warning: message`, then a summary. Exits 1 when there is an error.
 * Runs before every build (`prebuild`). Reads `POSTS_DIR` (default `_posts/`) and `public/`.
 *
 * Every body is rendered as its page will be, in worker threads with a time and memory budget
 * (lib/render-pool.ts), with the build's own worker bundle, so that whatever check accepts the
 * build can render. Rendered bodies are kept by content hash and pipeline version
 * (lib/render-cache.ts): a post is rendered again only when it or the pipeline changes, and the
 * build's pages and the search index read the same entries back.
 *
 * With `--images` (which `npm run build` and `build:server` pass), it then makes the sizes and
 * formats of every local picture the posts use (lib/images/pipeline.ts) into `public/_img/`, and
 * the manifest pages read (`.images/manifest.json`); `--drafts` includes the drafts' pictures
 * (`npm run dev` shows drafts).
 *
 * With `--build` (the `prebuild` of a static export), once everything passed, it also stages in
 * `.build/` the search index and the placeholder pages to remove (scripts/lib/stage-export.ts),
 * which `postbuild` moves into `out/`: the posts are read and rendered here already.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { manifestFile } from '../lib/images/manifest';
import { runPipeline, writeManifest } from '../lib/images/pipeline';
import { postsDirectory } from '../lib/posts/source';
import { checkPosts, formatCheckProblem } from '../lib/check';
import { stopRenderWorkers, useRenderBundle } from '../lib/render-pool';
import { pruneContentCacheWhenDue } from '../lib/content-cache';
import { siteUrlWarning } from '../lib/site';
import { bundleRenderWorker } from './render-worker-bundle.mjs';

const { values } = parseArgs({
  options: {
    images: { type: 'boolean', default: false },
    drafts: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const started = performance.now();
// Written now unless it is up to date; next.config.ts then finds it current.
useRenderBundle(await bundleRenderWorker());
const { problems, posts, pictures } = await checkPosts(postsDirectory(), path.resolve('public'), {
  includeDrafts: values.drafts,
});
// The rendering threads hold the pipeline (about 100 MB each); the rest reads the render cache.
await stopRenderWorkers();
// Before every build: the cache of work done once per content stays under its size limit.
await pruneContentCacheWhenDue();
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

if (values.images && errors === 0) {
  let lastShown = performance.now();
  const result = await runPipeline(pictures, {
    progress: (done, total, encoded) => {
      // A line every few seconds while a build encodes many pictures.
      if (performance.now() - lastShown < 3000 || done === total) return;
      lastShown = performance.now();
      console.log(`Images: ${done} of ${total} pictures done, ${plural(encoded, 'file')} encoded so far`);
    },
  });
  await writeManifest(manifestFile(), result.manifest);
  const megabytes = (result.publishedBytes / 1024 / 1024).toFixed(1);
  console.log(
    `Images: ${plural(pictures.length, 'picture')}, ${result.encoded} files encoded, ${result.cached} from cache, in ${result.seconds.toFixed(2)} s; ${megabytes} MB in public/_img/`,
  );
  for (const picture of pictures) {
    const reason = result.failed.get(picture.key);
    if (reason === undefined) continue;
    const { file, line, column, url } = picture.usedAt;
    console.log(formatCheckProblem({ file, line, column, severity: 'error', message: `image ${url} ${reason}` }));
    process.exitCode = 1;
  }
}

if (values.build && process.exitCode === 0 && process.env.BLOG_OUTPUT !== 'server') {
  const staging = performance.now();
  const { stageExport, STAGE_DIR } = await import('./lib/stage-export');
  const { indexedPosts } = await stageExport();
  console.log(
    `Search index: ${plural(indexedPosts, 'post')} indexed in ${((performance.now() - staging) / 1000).toFixed(2)} s, staged in ${STAGE_DIR}/ for out/pagefind/`,
  );
}
await stopRenderWorkers();
