/**
 * The rendering worker (see lib/render-pool.ts): renders one post body per message with the
 * markdown pipeline, and answers with the result or the error's message. Runs in its own thread,
 * so a slow or hostile body never blocks the server's event loop, and can be stopped.
 *
 * Bundled on its own by scripts/render-worker-bundle.mjs, so it cannot see what Next inlines: the
 * base path arrives as worker data and is set before the pipeline (lib/urls.ts) is loaded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderRequestSchema, renderWorkerDataSchema, type RenderReply } from './render-protocol';

const data = renderWorkerDataSchema.safeParse(workerData);
if (data.success) process.env.BLOG_BASE_PATH = data.data.basePath;
const { renderMarkdown } = await import('./markdown');

const port = parentPort;
port?.on('message', async (message: unknown) => {
  const request = renderRequestSchema.safeParse(message);
  if (!request.success) return;
  const { id, markdown, bodyLine } = request.data;
  let reply: RenderReply;
  try {
    reply = { id, ok: true, rendered: await renderMarkdown(markdown, bodyLine) };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  port.postMessage(reply);
});
// The budget of the first body starts now, not while the pipeline loads.
port?.postMessage({ ready: true });
