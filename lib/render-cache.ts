/**
 * Rendered bodies kept across builds (lib/content-cache.ts, kind `render`), keyed by the
 * pipeline's stamp, the base path, the body and the line it starts on. A body is rendered once per
 * content: by `npm run check`, then read back by the build's pages and the search index.
 */
import type { RenderedMarkdown } from './markdown';
import { renderedSchema } from './render-protocol';
import { contentCache } from './content-cache';

export type RenderCache = {
  get(markdown: string, bodyLine: number): Promise<RenderedMarkdown | undefined>;
  set(markdown: string, bodyLine: number, rendered: RenderedMarkdown): Promise<void>;
};

/** A cache for the pipeline whose version is `pipeline` (the bundle's stamp) under `basePath`. */
export function renderCache(pipeline: string, basePath: string): RenderCache {
  const entries = contentCache('render', pipeline);
  const key = (markdown: string, bodyLine: number) => `${basePath}\n${bodyLine}\n${markdown}`;
  return {
    async get(markdown, bodyLine) {
      const bytes = await entries.get(key(markdown, bodyLine));
      if (!bytes) return undefined;
      try {
        const parsed = renderedSchema.safeParse(JSON.parse(bytes.toString('utf8')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    set: (markdown, bodyLine, rendered) => entries.set(key(markdown, bodyLine), JSON.stringify(rendered)),
  };
}
