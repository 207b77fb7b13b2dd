/**
 * The search index a running server keeps (lib/live-search-index.ts), made from the posts
 * (lib/search-records.ts), and its files as HTTP responses (app/pagefind/[...file]/route.server.ts).
 */
import path from 'node:path';
import { getPublishedVersion } from './api';
import { LiveSearchIndex } from './live-search-index';
import { writeSearchIndex } from './search-records';

/** Where the versions of the index are: `.next/search-index/` of the server's folder. */
export function searchIndexRoot(cwd = /* turbopackIgnore: true */ process.cwd()): string {
  return path.join(cwd, '.next', 'search-index');
}

let index: LiveSearchIndex | undefined;

/** This server's index, made on first use. */
export function liveSearchIndex(): LiveSearchIndex {
  index ??= new LiveSearchIndex({
    root: searchIndexRoot(),
    version: getPublishedVersion,
    build: async (dir) => {
      await writeSearchIndex(dir);
    },
  });
  return index;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The response for one file of the index: Pagefind's data files are named by their content and kept
 * for good; the others (its script, the entry that names the current data) are checked every time.
 */
export async function searchIndexResponse(name: string): Promise<Response> {
  const body = await liveSearchIndex().read(name);
  if (!body) return new Response('Not Found', { status: 404, headers: { 'cache-control': 'no-store' } });
  const extension = path.extname(name);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': TYPES[extension] ?? 'application/octet-stream',
      'cache-control': extension.startsWith('.pf_') ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
