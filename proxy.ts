import { NextResponse, type NextRequest } from 'next/server';

/**
 * Answers 400 to an address that is not valid percent-encoding (`/posts/%/`, `/tags/%E0%A4%A/`)
 * under `next start`. Next decodes the dynamic segments itself before any route runs, and fails
 * such a path with a 500 (it looks for a pages-router error page to render the 400 with, and an
 * App Router site has none). Only addresses with a `%` come here. A static export has no server,
 * so `npm run build` leaves this file out (and says that it does).
 */
export function proxy(request: NextRequest): NextResponse {
  for (const segment of request.nextUrl.pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return new NextResponse('Bad Request: the address is not valid percent-encoding.\n', {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
  }
  return NextResponse.next();
}

export const config = { matcher: '/(.*%.*)' };
