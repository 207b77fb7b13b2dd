/**
 * `npm run check`: validates every post without running Next and prints each problem as
 * `path:line:column: error|warning: message`, then a summary. Exits 1 when there is an error.
 * Runs before every build (`prebuild`). Reads `POSTS_DIR` (default `_posts/`) and `public/`.
 *
 * Every body is rendered as its page will be, in worker threads with a time and memory budget
 * (lib/render-pool.ts), so that whatever check accepts, the build can render. That is most of the
 * work, so what each body holds (ids, links, images) is cached in
 * `node_modules/.cache/markdown-blog/check.json`, keyed by a hash of the body: a post is rendered
 * again only when it changes (a body that failed is tried again each time). `--no-cache` ignores the cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { postsDirectory } from '../lib/api';
import type { BodyFacts } from '../lib/body-facts';
import { checkPosts, formatCheckProblem, renderForFacts, type FactsFinder, type FactsOrError } from '../lib/check';
import { stopRenderWorkers, useRenderBundle } from '../lib/render-pool';
import { bundleRenderWorker } from './render-worker-bundle.mjs';
import { siteUrlWarning } from '../lib/site';

const { values } = parseArgs({ options: { 'no-cache': { type: 'boolean', default: false } } });
const started = performance.now();

const cacheFile = path.resolve('node_modules', '.cache', 'markdown-blog', 'check.json');
/** Bump when BodyFacts or how it is computed changes. */
const CACHE_VERSION = 2;

const located = { line: z.number(), column: z.number() };
const cacheSchema = z.object({
  version: z.literal(CACHE_VERSION),
  entries: z.record(
    z.string(),
    z.object({
      ids: z.array(z.string()),
      links: z.array(z.object({ ...located, url: z.string() })),
      images: z.array(z.object({ ...located, url: z.string(), alt: z.string() })),
    }),
  ),
});

async function readCache(): Promise<Map<string, BodyFacts>> {
  if (values['no-cache']) return new Map();
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(await readFile(cacheFile, 'utf8')));
    // Another version, or a damaged file, is simply a miss.
    if (parsed.success) return new Map(Object.entries(parsed.data.entries));
  } catch {
    // No cache yet: start afresh.
  }
  return new Map();
}

// The same worker bundle the build renders with (written now unless it is up to date), so that
// what check renders, the build's pages and the search index read back from the render cache.
useRenderBundle(await bundleRenderWorker());
const cache = await readCache();
const used = new Map<string, BodyFacts>();

const findFacts: FactsFinder = async (bodies) => {
  const keys = bodies.map(({ content, bodyLine }) =>
    createHash('sha1').update(`${bodyLine}\n${content}`).digest('base64url'),
  );
  const missing = bodies.filter((_, index) => !cache.has(keys[index] ?? ''));
  const rendered = await renderForFacts(missing);
  let next = 0;
  return keys.map((key): FactsOrError => {
    const facts = cache.get(key) ?? rendered[next++] ?? { error: 'the body could not be rendered' };
    if (!('error' in facts)) used.set(key, facts);
    return facts;
  });
};

const { problems, posts } = await checkPosts(postsDirectory(), path.resolve('public'), { findFacts });
await stopRenderWorkers();
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

// Keep only the bodies seen this time, so the cache follows the posts folder.
try {
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify({ version: CACHE_VERSION, entries: Object.fromEntries(used) }));
} catch {
  // A read-only checkout still gets its check.
}
