/** Messages between lib/render-pool.ts and its worker (lib/render-worker.ts), checked on arrival. */
import { z } from 'zod';
import type { RenderedMarkdown } from './markdown';

/** What a worker is started with. */
export const renderWorkerDataSchema = z.object({ basePath: z.string() });

export const renderRequestSchema = z.object({ id: z.number(), markdown: z.string(), bodyLine: z.number() });

export type RenderRequest = z.output<typeof renderRequestSchema>;

const located = { line: z.number(), column: z.number() };

export const renderedSchema = z.object({
  html: z.string(),
  headings: z.array(z.object({ depth: z.union([z.literal(2), z.literal(3)]), id: z.string(), text: z.string() })),
  facts: z.object({
    ids: z.array(z.string()),
    links: z.array(z.object({ ...located, url: z.string() })),
    images: z.array(z.object({ ...located, url: z.string(), alt: z.string() })),
    invalid: z.array(z.object({ ...located, message: z.string() })),
  }),
  firstParagraph: z.string(),
  words: z.number(),
  scripts: z.array(z.enum(['copy-code', 'video-embed'])),
}) satisfies z.ZodType<RenderedMarkdown>;

export const renderReplySchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number(), ok: z.literal(true), rendered: renderedSchema }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

export type RenderReply = z.output<typeof renderReplySchema>;

/** Sent once by a worker when its pipeline is loaded. */
export const readySchema = z.object({ ready: z.literal(true) });
