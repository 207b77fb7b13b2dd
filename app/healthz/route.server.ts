import { isDraining } from '@/lib/shutdown';

/**
 * `/healthz/` for load balancers: 200 while the server takes requests, 503 once it got SIGTERM and
 * is finishing its last ones (lib/shutdown.ts). Reads no posts, is never cached.
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const draining = isDraining();
  return Response.json(
    { status: draining ? 'draining' : 'ok' },
    { status: draining ? 503 : 200, headers: { 'cache-control': 'no-store' } },
  );
}
