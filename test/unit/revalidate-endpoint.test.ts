/**
 * `POST /api/revalidate` (lib/revalidate-endpoint.ts, wired by app/api/revalidate/route.server.ts):
 * what a git hook or a CMS webhook gets back, and which pages are marked stale.
 */
import { describe, expect, it } from 'vitest';
import {
  BODY_BYTES,
  bearerToken,
  handleRevalidate,
  MAX_PATHS,
  planRevalidation,
  secretMatches,
} from '../../lib/revalidate-endpoint';

const SECRET = 'correct horse battery staple';

/** A request with `Authorization: Bearer <secret>`, or none for `null`. */
function post(body: string, secret: string | null = SECRET): Request {
  return new Request('http://127.0.0.1/api/revalidate/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { authorization: `Bearer ${secret}` }) },
    body,
  });
}

/** The endpoint's answer with `secret` configured (none for `null`). */
async function call(request: Request, configured: string | null = SECRET) {
  const secret = configured ?? undefined;
  const revalidated: string[] = [];
  let after = 0;
  const response = await handleRevalidate(request, {
    secret,
    revalidate: (path, type) => revalidated.push(type ? `${path} ${type}` : path),
    afterRevalidate: () => (after += 1),
  });
  return { status: response.status, body: (await response.json()) as unknown, revalidated, after };
}

describe('revalidate endpoint', () => {
  it('does not exist (404) when no secret is configured', async () => {
    for (const secret of [null, '']) {
      const result = await call(post('{"all":true}'), secret);
      expect(result.status).toBe(404);
      expect(result.revalidated).toEqual([]);
    }
  });

  it('refuses a missing or wrong secret with 401 and revalidates nothing', async () => {
    for (const given of [null, 'wrong', `${SECRET}x`, SECRET.slice(0, -1), '']) {
      const result = await call(post('{"all":true}', given));
      expect(result.status, String(given)).toBe(401);
      expect(result.revalidated).toEqual([]);
      expect(result.after).toBe(0);
    }
  });

  it('compares the secret exactly, whatever the lengths', () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches('a', 'a'.repeat(1000))).toBe(false);
    expect(bearerToken(`Bearer ${'tok'}`)).toBe('tok');
    expect(bearerToken('bearer tok')).toBe('tok');
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });

  it('revalidates everything for {"all": true}', async () => {
    const result = await call(post('{"all":true}'));
    expect(result.status).toBe(200);
    expect(result.revalidated).toEqual(['/ layout']);
    expect(result.after).toBe(1);
  });

  it('revalidates a post, its card and the lists that show it', async () => {
    const result = await call(post(JSON.stringify({ paths: ['/posts/hello/'] })));
    expect(result.status).toBe(200);
    expect(result.revalidated).toEqual(
      expect.arrayContaining(['/posts/hello/', '/og/hello.png', '/', '/page/[page] page', '/tags/[tag] layout', '/feed.xml', '/sitemap.xml']),
    );
    // Not every other post.
    expect(result.revalidated).not.toContain('/ layout');
  });

  it('revalidates a non-ASCII slug as the browser asks for it, encoded and not', () => {
    const plan = planRevalidation({ paths: ['/posts/日本語/'] });
    expect(plan.ok && plan.revalidations.map((item) => item.path)).toEqual(
      expect.arrayContaining(['/posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/', '/posts/日本語/']),
    );
  });

  it('revalidates other site pages as given', async () => {
    const result = await call(post(JSON.stringify({ paths: ['/tags/guide/', '/feed.xml'] })));
    expect(result.status).toBe(200);
    expect(result.revalidated).toEqual(['/tags/guide/', '/feed.xml']);
  });

  it('refuses paths that are not the site’s pages, naming the first', async () => {
    for (const path of ['/etc/passwd', 'posts/hello/', '//evil.example/', '/posts/a/b/', '/api/revalidate/', 42]) {
      const result = await call(post(JSON.stringify({ paths: ['/posts/ok/', path] })));
      expect(result.status, String(path)).toBe(400);
      expect(result.revalidated).toEqual([]);
    }
  });

  it('refuses bodies that are not one of the two forms', async () => {
    for (const body of ['not json', '[]', '{}', '{"paths":[]}', '{"paths":"/posts/a/"}', '{"all":"yes"}', 'null']) {
      const result = await call(post(body));
      expect(result.status, body).toBe(400);
      expect(result.revalidated).toEqual([]);
    }
  });

  it(`refuses more than ${MAX_PATHS} paths and bodies over ${BODY_BYTES} bytes`, async () => {
    const many = Array.from({ length: MAX_PATHS + 1 }, (_, index) => `/posts/p${index}/`);
    expect((await call(post(JSON.stringify({ paths: many })))).status).toBe(400);
    const huge = JSON.stringify({ paths: ['/posts/a/'], padding: 'x'.repeat(BODY_BYTES) });
    const result = await call(post(huge));
    expect(result.status).toBe(413);
    expect(result.revalidated).toEqual([]);
  });
});
