/**
 * Rendered bodies kept across builds, keyed by a hash of what the rendering depends on: the
 * pipeline (the stamp of the worker bundle, a hash of `lib/` and the lockfile, see
 * scripts/render-worker-bundle.mjs), the base path, the body and the line it starts on. A body
 * is rendered once per content: by `npm run check`, then read back by the build's pages and the
 * search index. Entries live in `node_modules/.cache/markdown-blog/render/`, which CI and the
 * GitHub Pages workflow may keep; a damaged or foreign entry is a miss, and a read-only disk only
 * means no cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedMarkdown } from './markdown';
import { renderedSchema } from './render-protocol';

/** Where entries are written: `node_modules/.cache/markdown-blog/render/` in the working directory. */
function cacheDirectory(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', '.cache', 'markdown-blog', 'render');
}

export type RenderCache = {
  get(markdown: string, bodyLine: number): Promise<RenderedMarkdown | undefined>;
  set(markdown: string, bodyLine: number, rendered: RenderedMarkdown): Promise<void>;
};

/** A cache for the pipeline whose version is `pipeline` (the bundle's stamp) under `basePath`. */
export function renderCache(pipeline: string, basePath: string): RenderCache {
  const file = (markdown: string, bodyLine: number) =>
    path.join(
      // Not a file of the app: without this, Next's tracing copies every *.json into the server.
      /* turbopackIgnore: true */ cacheDirectory(),
      `${createHash('sha256').update(`${pipeline}\n${basePath}\n${bodyLine}\n${markdown}`).digest('base64url')}.json`,
    );
  return {
    async get(markdown, bodyLine) {
      try {
        const parsed = renderedSchema.safeParse(JSON.parse(await readFile(file(markdown, bodyLine), 'utf8')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(markdown, bodyLine, rendered) {
      const target = file(markdown, bodyLine);
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temporary, JSON.stringify(rendered));
        // Whole or not at all: another build process may read it at the same moment.
        await rename(temporary, target);
      } catch {
        // A read-only or full disk: rendering still works, it is just not kept.
      }
    },
  };
}
