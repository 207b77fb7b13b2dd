/**
 * Several servers sharing one cache: a real `redis-server` (scripts/lib/redis-server.ts) and two
 * `next start` instances of the shared server build on different ports, as behind a load balancer.
 * A post added on disk and revalidated through one instance is served by the other at once; the
 * search index follows; when Redis stops, both keep serving and each logs it once.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../../scripts/lib/redis-server';
import { eventually, removeCopy, startNext, type RunningServer } from './project';
import { builtVariant, cloneBuild } from './shared-builds';

const SECRET = 'test-secret-0123456789';
const OUTAGE = 'Shared cache (Redis) unavailable';

describe('several servers sharing a Redis cache', () => {
  let dir: string | undefined;
  let redis: RunningRedis | undefined;
  let first: RunningServer | undefined;
  let second: RunningServer | undefined;

  const servers = () => {
    if (!first || !second) throw new Error('servers not started');
    return [first, second] as const;
  };

  const get = async (server: RunningServer, route: string) => {
    const response = await fetch(`${server.url}${route}`);
    return { status: response.status, text: await response.text() };
  };

  const revalidate = (server: RunningServer, body: unknown, secret = SECRET) =>
    fetch(`${server.url}/api/revalidate/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const build = await builtVariant('server');
    dir = await cloneBuild(build, 'shared-cache');
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REVALIDATE_SECRET: SECRET };
    first = await startNext(dir, env);
    second = await startNext(dir, env);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
    if (dir) await removeCopy(dir);
  });

  it('refuses a revalidation with a wrong or missing secret', async () => {
    const [server] = servers();
    expect((await revalidate(server, { all: true }, 'wrong-secret')).status).toBe(401);
    const missing = await fetch(`${server.url}/api/revalidate/`, { method: 'POST', body: '{"all":true}' });
    expect(missing.status).toBe(401);
    expect((await revalidate(server, { paths: ['/not/a/page/'] })).status).toBe(400);
  });

  it('serves a post added on disk and revalidated through one instance from the other', async () => {
    const [one, other] = servers();
    // Both have served (and so cached) the home page before the post exists.
    for (const server of [one, other]) {
      expect((await get(server, '/')).text.includes('Published through one'), server.url).toBe(false);
    }
    const entry = await get(one, '/pagefind/pagefind-entry.json');
    expect(entry.status).toBe(200);
    const countBefore = pageCount(entry.text);

    // Dated yesterday, so that it heads the home page however many posts the shared build holds.
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await writeFile(
      path.join(dir ?? '', '_posts', 'through-one.md'),
      `---\ntitle: "Published through one"\ndate: ${yesterday}\n---\n\nA zebrafish in the body.\n`,
    );
    const response = await revalidate(one, { paths: ['/posts/through-one/'] });
    expect(response.status).toBe(200);

    // The other instance shows it within seconds, not the 60 s window: its cached home page was
    // marked stale in Redis. (A regeneration of that page already under way when the call came can
    // still answer one request with the page as it was; the next one renders it again.)
    const onOther = await eventually(
      async () => {
        const home = await get(other, '/');
        return home.status === 200 && home.text.includes('Published through one');
      },
      10_000,
      250,
    );
    expect(onOther, 'the new post on the other instance’s home page').toBe(true);
    const page = await get(other, '/posts/through-one/');
    expect(page.status).toBe(200);
    expect(page.text.includes('A zebrafish in the body.'), 'the new post’s page on the other instance').toBe(true);
    expect((await get(one, '/')).text.includes('Published through one'), 'on the instance called').toBe(true);

    // The search index of the instance that got the call follows, without a rebuild.
    const indexed = await eventually(
      async () => pageCount((await get(one, '/pagefind/pagefind-entry.json')).text) === countBefore + 1,
      30_000,
      500,
    );
    expect(indexed, 'the new post joins the search index').toBe(true);
  });

  it('keeps both instances serving when Redis stops, with one error logged by each', async () => {
    const [one, other] = servers();
    // What each logged before (a slow start may have been logged too): the outage is counted after.
    const before = [one.output().length, other.output().length];
    await redis?.stop();
    for (let round = 0; round < 5; round += 1) {
      for (const server of [one, other]) {
        for (const route of ['/', '/posts/dynamic-routing/', '/posts/through-one/', '/tags/']) {
          expect((await get(server, route)).status, `${server.url}${route}`).toBe(200);
        }
      }
    }
    // A revalidation still answers (this instance's own cache), and pages still render.
    expect((await revalidate(one, { all: true })).status).toBe(200);
    expect((await get(other, '/posts/through-one/')).status).toBe(200);
    [one, other].forEach((server, index) => {
      const logged = server.output().slice(before[index]);
      expect(logged.split(OUTAGE).length - 1, logged).toBe(1);
    });
  });
});

/** The number of pages a Pagefind entry file says its index holds. */
function pageCount(entry: string): number {
  const parsed: unknown = JSON.parse(entry);
  if (typeof parsed !== 'object' || parsed === null || !('languages' in parsed)) return -1;
  const languages = parsed.languages;
  if (typeof languages !== 'object' || languages === null) return -1;
  return Object.values(languages).reduce<number>(
    (sum, language: unknown) =>
      sum +
      (typeof language === 'object' && language !== null && 'page_count' in language && typeof language.page_count === 'number'
        ? language.page_count
        : 0),
    0,
  );
}
