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
 * written after a request is served at the next request.
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
    // The standalone build records it relative to `.next/` and copies it beside server.js.
    ...(exporting ? {} : { cacheHandler: path.join(process.cwd(), 'scripts', 'isr-cache-handler.mjs') }),
    // Read by the alias pages: a static export cannot answer with an HTTP redirect, so it writes a
    // page that redirects (meta refresh); a server answers 308.
    env: { BLOG_REDIRECTS: exporting ? 'html' : 'http', BLOG_BASE_PATH: basePath },
    ...(basePath ? { basePath } : {}),
    trailingSlash: true,
    images: { unoptimized: true },
    // `*.dev.ts` files are routes under `next dev` only: the live preview's events (lib/live-preview.ts).
    ...(phase === PHASE_DEVELOPMENT_SERVER ? { pageExtensions: ['dev.ts', 'tsx', 'ts', 'jsx', 'js'] } : {}),
    poweredByHeader: false,
    reactStrictMode: true,
    // The build does not type-check: `npm test` (and so CI) and `npm run typecheck` run `tsc
    // --noEmit` over the whole project in about 2 s, where Next's own pass took 3.6 s of a 25 s
    // build (docs/performance.md). Authors who only write posts never change a type.
    typescript: { ignoreBuildErrors: true },
  };
}
