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
  return {
    output: phase === PHASE_PRODUCTION_BUILD && mode === 'export' ? 'export' : undefined,
    trailingSlash: true,
    images: { unoptimized: true },
    poweredByHeader: false,
    reactStrictMode: true,
  };
}
