import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_BUILD } from 'next/constants';

/**
 * One codebase, two outputs, chosen by `BLOG_OUTPUT`:
 * - unset or `export`: `next build` writes a static export to `out/` (any static host or CDN);
 * - `server`: `next build` builds for `next start`, with incremental static regeneration.
 * `output: 'export'` is set only while the export is being built, because `next start` and
 * `next dev` refuse or ignore it.
 */
export default function config(phase: string): NextConfig {
  const mode = process.env.BLOG_OUTPUT ?? 'export';
  if (mode !== 'export' && mode !== 'server') {
    throw new Error(`BLOG_OUTPUT must be "export" or "server", found "${mode}"`);
  }
  const exporting = phase === PHASE_PRODUCTION_BUILD && mode === 'export';
  return {
    output: exporting ? 'export' : undefined,
    // Read by the alias pages: a static export cannot answer with an HTTP redirect, so it writes a
    // page that redirects (meta refresh); a server answers 308.
    env: { BLOG_REDIRECTS: exporting ? 'html' : 'http' },
    trailingSlash: true,
    images: { unoptimized: true },
    poweredByHeader: false,
    reactStrictMode: true,
  };
}
