/**
 * `POST /api/revalidate` (app/api/revalidate/route.server.ts): publishing at once, for a git hook or a
 * CMS webhook. With `Authorization: Bearer <REVALIDATE_SECRET>` and a JSON body, either
 * `{"paths": ["/posts/hello/"]}` (those site paths, and for a post also its card and the lists that
 * show posts) or `{"all": true}` (every page). The pages are marked stale in the cache every server
 * shares (scripts/shared-store.mjs), so each one renders them again on its next request.
 *
 * Answers: 404 when no secret is configured (the endpoint does not exist), 401 for a missing or
 * wrong secret (compared in constant time), 413 past {@link BODY_BYTES}, 400 for a body that is not
 * one of the two forms, a path that is not one of the site's routes (lib/urls.ts) or more than
 * {@link MAX_PATHS} of them, and 200 with the paths revalidated.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { basePath, recognizeRoute, routePath, type Route } from './urls';

/** A request body larger than this is refused (413) before it is parsed. */
export const BODY_BYTES = 16 * 1024;
/** Paths one request may name; more is refused (400): `{"all": true}` revalidates everything. */
export const MAX_PATHS = 100;
/** Characters of one path. */
const PATH_CHARACTERS = 1024;

/** One call of Next's `revalidatePath`. */
export type Revalidation = { path: string; type?: 'page' | 'layout' };

/** What the endpoint needs from its surroundings (the route passes Next's; tests pass their own). */
export type RevalidateOptions = {
  /** `REVALIDATE_SECRET`; unset or empty: the endpoint answers 404. */
  secret: string | undefined;
  revalidate: (path: string, type?: 'page' | 'layout') => void;
  /** Called after a successful revalidation (the search index checks the posts again). */
  afterRevalidate?: () => void;
};

/** Whether `given` is the secret, compared in constant time (digests of equal length). */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer +(\S(?:.*\S)?) *$/i.exec(header ?? '');
  return match?.[1];
}

/** The lists that show a post: home and archive, tag pages and tag feeds, feeds, the sitemap. */
const POST_LISTS: Revalidation[] = [
  { path: '/' },
  { path: '/page/[page]', type: 'page' },
  { path: '/tags' },
  { path: '/tags/[tag]', type: 'layout' },
  { path: routePath({ kind: 'feed', format: 'rss' }) },
  { path: routePath({ kind: 'feed', format: 'atom' }) },
  { path: routePath({ kind: 'feed', format: 'json' }) },
  { path: routePath({ kind: 'sitemap' }) },
];

/** The `revalidatePath` calls one route needs: itself, and for a post its card and the lists. */
function revalidationsOf(route: Route): Revalidation[] {
  const own = routePath(route);
  // Next tags a page with the path it was asked for: percent-encoded, or not, by the client.
  const decoded = decodeURIComponent(own);
  const forms = decoded === own ? [own] : [own, decoded];
  if (route.kind !== 'post') return forms.map((path) => ({ path }));
  return [
    ...forms.map((path) => ({ path })),
    { path: routePath({ kind: 'og', name: route.slug }) },
    ...POST_LISTS,
  ];
}

/**
 * The revalidations a request body asks for, or why it is refused. Paths are the site's own
 * (lib/urls.ts's route table), from the site root or with the base path in front.
 */
export function planRevalidation(body: unknown): { ok: true; revalidations: Revalidation[] } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'expected a JSON object: {"paths": ["/posts/hello/"]} or {"all": true}' };
  }
  if ('all' in body && body.all === true) return { ok: true, revalidations: [{ path: '/', type: 'layout' }] };
  if (!('paths' in body) || !Array.isArray(body.paths) || body.paths.length === 0) {
    return { ok: false, message: 'expected "paths", a list of site paths, or "all": true' };
  }
  const paths: unknown[] = body.paths;
  if (paths.length > MAX_PATHS) {
    return { ok: false, message: `${paths.length} paths, over the limit of ${MAX_PATHS}: use {"all": true}` };
  }
  const seen = new Map<string, Revalidation>();
  for (const path of paths) {
    if (typeof path !== 'string' || path.length > PATH_CHARACTERS) {
      return { ok: false, message: `each path must be a string of at most ${PATH_CHARACTERS} characters` };
    }
    const fromRoot = basePath && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
    const route = recognizeRoute(fromRoot);
    if (!route) return { ok: false, message: `${JSON.stringify(path)} is not one of the site's pages` };
    for (const revalidation of revalidationsOf(route)) {
      seen.set(`${revalidation.type ?? ''} ${revalidation.path}`, revalidation);
    }
  }
  return { ok: true, revalidations: [...seen.values()] };
}

/** The body as text, or `undefined` once it is longer than `limit` bytes (reading stops there). */
export async function bodyWithin(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function answer(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** Handles one `POST /api/revalidate` (see the module comment). */
export async function handleRevalidate(request: Request, options: RevalidateOptions): Promise<Response> {
  if (!options.secret) return answer(404, { error: 'not found' });
  if (!secretMatches(bearerToken(request.headers.get('authorization')), options.secret)) {
    return answer(401, { error: 'missing or wrong secret' }, { 'www-authenticate': 'Bearer' });
  }
  const text = await bodyWithin(request, BODY_BYTES);
  if (text === undefined) return answer(413, { error: `the body is over ${BODY_BYTES} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return answer(400, { error: 'the body is not JSON' });
  }
  const plan = planRevalidation(body);
  if (!plan.ok) return answer(400, { error: plan.message });
  for (const { path, type } of plan.revalidations) options.revalidate(path, type);
  options.afterRevalidate?.();
  return answer(200, { revalidated: plan.revalidations.map(({ path, type }) => (type ? `${path} (${type})` : path)) });
}
