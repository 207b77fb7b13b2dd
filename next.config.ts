import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from 'next/constants';
import { bundleRenderWorker } from './scripts/render-worker-bundle.mjs';

/**
 * One codebase, two outputs, chosen by `BLOG_OUTPUT`:
 * - unset or `export`: `next build` writes a static export to `out/` (any static host or CDN);
 * - `server`: `next build` builds for `next start`, with incremental static regeneration, and also
 *   writes `.next/standalone/` (a server that runs with `node server.js` and no node_modules).
 * `output` is set only while building, because `next start` and `next dev` refuse or ignore it.
 *
 * A server keeps regenerated pages in `scripts/isr-cache-handler.mjs`, Next's own cache except that
 * a 404 is never stored: unknown addresses cost no disk, and a post fixed after a failed save or
 * written after a request is served at the next request. With `REDIS_URL`, servers share that cache
 * through Redis (scripts/shared-store.mjs) and keep no copy of it in memory.
 *
 * Routes only a server can answer (`/api/revalidate`, `/healthz`, the search index that follows the
 * posts) are named `route.server.ts`: that extension is a page extension of server builds only, so
 * a static export does not see them at all.
 */
export default async function config(phase: string): Promise<NextConfig> {
  const mode = process.env.BLOG_OUTPUT ?? 'export';
  if (mode !== 'export' && mode !== 'server') {
    throw new Error(`BLOG_OUTPUT must be "export" or "server", found "${mode}"`);
  }
  // A sub-path to serve the site under, such as /blog (GitHub Pages project sites, example.com/blog/).
  const basePath = process.env.BASE_PATH ?? '';
  if (basePath && !/^\/[\w.~-]+(\/[\w.~-]+)*$/.test(basePath)) {
    throw new Error(`BASE_PATH must look like /blog (a leading slash, no trailing slash), found "${basePath}"`);
  }
  const building = phase === PHASE_PRODUCTION_BUILD;
  const exporting = building && mode === 'export';
  // Posts render in a worker thread with a time budget (lib/render-pool.ts), from this bundle.
  if (building) await bundleRenderWorker();
  return {
    output: exporting ? 'export' : building ? 'standalone' : undefined,
    // `*.server.ts` files are routes of servers only (the revalidate endpoint, the health check);
    // `*.dev.ts` files of `next dev` only (the live preview's events, lib/live-preview.ts).
    pageExtensions: exporting
      ? ['tsx', 'ts']
      : phase === PHASE_DEVELOPMENT_SERVER
        ? ['dev.ts', 'server.ts', 'tsx', 'ts']
        : ['server.ts', 'tsx', 'ts'],
    // A cache shared through Redis is the only copy: no server keeps its own in memory.
    ...(process.env.REDIS_URL ? { cacheMaxMemorySize: 0 } : {}),
    // The standalone build records it relative to `.next/` and copies it beside server.js.
    ...(exporting ? {} : { cacheHandler: path.join(process.cwd(), 'scripts', 'isr-cache-handler.mjs') }),
    // Read by the alias pages: a static export cannot answer with an HTTP redirect, so it writes a
    // page that redirects (meta refresh); a server answers 308.
    env: { BLOG_REDIRECTS: exporting ? 'html' : 'http', BLOG_BASE_PATH: basePath },
    ...(basePath ? { basePath } : {}),
    trailingSlash: true,
    // Pictures are made at build time (lib/images/pipeline.ts); next/image's optimizer is not used.
    images: { unoptimized: true },
    // Their names hold a hash of their contents: cached for a year, as public/_headers says for static hosts.
    ...(exporting
      ? {}
      : {
          headers: async () => [
            {
              source: '/_img/:name',
              headers: [
                { key: 'Cache-Control', value: 'public, max-age=31536000, immutable' },
                {
                  key: 'Content-Security-Policy',
                  value: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
                },
              ],
            },
          ],
        }),
    poweredByHeader: false,
    reactStrictMode: true,
    // The build does not type-check: `npm test` (and so CI) and `npm run typecheck` run `tsc
    // --noEmit` over the whole project in about 2 s, where Next's own pass took 3.6 s of a 25 s
    // build (docs/performance.md). Authors who only write posts never change a type.
    typescript: { ignoreBuildErrors: true },
    // Loaded from node_modules at run time, not bundled: a lighter compile (docs/performance.md), and
    // Pagefind runs a program of its own (the search index a server rebuilds, lib/search-index-runtime.ts).
    serverExternalPackages: [
      'pagefind',
      'unified', 'remark-parse', 'remark-gfm', 'remark-rehype', 'rehype-sanitize', 'rehype-stringify', 'rehype-slug',
      'hast-util-raw', 'hast-util-to-string', 'mdast-util-to-string', 'unist-util-visit', 'github-slugger',
      'gray-matter', 'yaml', 'zod', '@date-fns/tz',
    ],
  };
}
