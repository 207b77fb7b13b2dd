/**
 * `npm run dev` only (a `.dev.ts` route exists only under `next dev`, see next.config.ts): the
 * change events the live preview listens to (lib/live-preview.ts).
 */
import { changeEvents } from '@/lib/live-preview';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  return new Response(changeEvents(request.signal), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform' },
  });
}
