/**
 * Live preview under `npm run dev`: the open page follows the author's saves. The dev-only route
 * `app/live-preview/route.dev.ts` (a `.dev.ts` file is a route only under `next dev`, see
 * next.config.ts) streams an event whenever a file in the posts folder or in `public/` changes;
 * the small script below, which only `next dev` pages carry, refreshes the page's server
 * components when one arrives (Next's router refresh: no reload, scroll and state kept). A post
 * that became invalid shows its problems, each as file:line:column, in place of the post
 * ({@link problemsToShow}). Nothing of this reaches a build.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { InvalidPostsError } from './api';
import { previewsLive } from './posts/mode';
import { formatProblem } from './posts/problems';
import { postsDirectory } from './posts/source';
import { basePath } from './urls';

/** Where the change events are streamed from (under the base path). */
export const LIVE_PREVIEW_PATH = '/live-preview/';

/** Changes closer together than this are one refresh (an editor writes a file in several steps). */
const SETTLE_MS = 80;

/**
 * The page's side: listens for changes and refreshes the page with Next's router, which `next dev`
 * exposes as `window.nd.router`; where it does not, the page reloads instead.
 */
export function livePreviewScript(): string {
  // A `ready` after the first means the stream reconnected (the dev server restarted): changes may
  // have been missed, so refresh then too.
  return `(()=>{const u=${JSON.stringify(`${basePath}${LIVE_PREVIEW_PATH}`)};let n=0;const s=new EventSource(u);s.onmessage=e=>{if(e.data==='ready'&&n++===0)return;const r=window.nd&&window.nd.router;if(r&&r.refresh)r.refresh();else location.reload()}})()`;
}

/** Whether this process shows the live preview (only `next dev`). */
export function livePreviewOn(): boolean {
  return previewsLive();
}

/**
 * A stream of server-sent events: `change` whenever a file under the posts folder or `public/`
 * changes, until the page goes away (`signal`).
 */
export function changeEvents(signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream({
    start(controller) {
      const send = (data: string) => {
        try {
          controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        } catch {
          // The page went away meanwhile.
        }
      };
      const changed = () => {
        clearTimeout(timer);
        timer = setTimeout(() => send('change'), SETTLE_MS);
      };
      for (const folder of [postsDirectory(), path.join(process.cwd(), 'public')]) {
        try {
          watchers.push(watch(folder, { recursive: true }, changed));
        } catch {
          // A folder that does not exist yet has nothing to preview.
        }
      }
      send('ready');
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        for (const watcher of watchers) watcher.close();
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      });
    },
  });
}

/**
 * Under `next dev`, the problems that keep a page from showing (a post saved invalid), as
 * `file:line:column: message` lines for the page to show; `undefined` anywhere else, where the
 * error goes on as before (a build stops, a server logs it).
 */
export function problemsToShow(error: unknown): string[] | undefined {
  if (!previewsLive() || !(error instanceof InvalidPostsError)) return undefined;
  return error.problems.map(formatProblem);
}
