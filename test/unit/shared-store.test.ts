/**
 * The shared ISR store (scripts/shared-store.mjs) over a stand-in Redis client and a stand-in local
 * store: pages come from Redis first, revalidations made on another server count, a Redis that
 * fails or hangs costs each request at most the time limit and is logged once per outage, and the
 * handler's never-store-a-404 policy reaches Redis too. Real Redis is in test/build/shared-cache.test.ts.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import IsrCacheHandler from '../../scripts/isr-cache-handler.mjs';
import {
  buildPrefix,
  RedisLink,
  RETRY_AFTER_MS,
  SharedStore,
  type Entry,
  type LocalLike,
  type RedisLike,
} from '../../scripts/shared-store.mjs';

const PREFIX = 'blog:build-1:';
const KEY = '/route-cache/APP_PAGE/abc/$/posts/hello';
const context = { kind: 'APP_PAGE', isFallback: false };
const TAGS = '_N_T_/layout,_N_T_/posts/[slug]/page,_N_T_/posts/hello';

function page(html: string, status = 200) {
  return { kind: 'APP_PAGE', html, rscData: Buffer.from('rsc'), headers: { 'x-next-cache-tags': TAGS }, status };
}

/** A Redis stand-in: a map and a hash, or calls that hang or fail. */
class FakeRedis implements RedisLike {
  isReady = true;
  mode: 'ok' | 'hang' | 'fail' = 'ok';
  calls = 0;
  values = new Map<string, Buffer>();
  hashes = new Map<string, Map<string, string>>();

  private async answer<T>(value: () => T): Promise<T> {
    this.calls += 1;
    if (this.mode === 'hang') return new Promise<T>(() => {});
    if (this.mode === 'fail') throw new Error('connection reset');
    return value();
  }
  get(key: string) {
    return this.answer(() => this.values.get(key) ?? null);
  }
  set(key: string, value: Buffer) {
    return this.answer(() => this.values.set(key, value));
  }
  del(key: string) {
    return this.answer(() => this.values.delete(key));
  }
  hSet(key: string, field: string, value: string) {
    return this.answer(() => {
      const hash = this.hashes.get(key) ?? new Map<string, string>();
      hash.set(field, value);
      this.hashes.set(key, hash);
      return 1;
    });
  }
  hmGet(key: string, fields: string[]) {
    return this.answer(() => fields.map((field) => this.hashes.get(key)?.get(field) ?? null));
  }
  pExpire() {
    return this.answer(() => 1);
  }
}

/** The server's own store: a map, recording what was asked of it. */
class FakeLocal implements LocalLike {
  entries = new Map<string, Entry>();
  deleted: string[] = [];
  revalidated: string[] = [];
  async get(key: string) {
    return this.entries.get(key) ?? null;
  }
  async set(key: string, value: unknown) {
    this.entries.set(key, { lastModified: 1, value });
  }
  async delete(key: string) {
    this.deleted.push(key);
    this.entries.delete(key);
  }
  async revalidateTag(tags: string | string[]) {
    this.revalidated.push(...(typeof tags === 'string' ? [tags] : tags));
  }
  resetRequestCache() {}
}

function setup(timeoutMs = 50) {
  let time = 1_000_000;
  const logged: string[] = [];
  const redis = new FakeRedis();
  const local = new FakeLocal();
  const link = new RedisLink({ client: redis, timeoutMs, log: (message) => logged.push(message), now: () => time });
  return {
    redis,
    local,
    logged,
    link,
    store: new SharedStore(local, link, PREFIX),
    /** A second server: its own local store, the same Redis. */
    other: () => new SharedStore(new FakeLocal(), new RedisLink({ client: redis, timeoutMs, log: () => {}, now: () => time }), PREFIX),
    advance: (ms: number) => (time += ms),
  };
}

describe('shared ISR store', () => {
  it('serves a page one server regenerated from every server', async () => {
    const { store, other, redis, advance } = setup();
    await store.set(KEY, page('<p>v2</p>'), { cacheControl: { revalidate: 60 } });
    expect([...redis.values.keys()]).toEqual([`${PREFIX}entry:${KEY}`]);
    advance(1);
    const seen = await other().get(KEY, context);
    expect(seen?.value).toMatchObject({ html: '<p>v2</p>', rscData: Buffer.from('rsc') });
    expect(seen?.cacheControl).toEqual({ revalidate: 60 });
  });

  it("falls back to the server's own store (the build's pages) when Redis has no entry", async () => {
    const { store, local } = setup();
    local.entries.set(KEY, { lastModified: 5, value: page('<p>built</p>') });
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>built</p>' });
  });

  it('does not serve a page whose path was revalidated on another server after it was made', async () => {
    const { store, other, advance } = setup();
    await store.set(KEY, page('<p>old</p>'), {});
    advance(10);
    await other().revalidateTag(['_N_T_/posts/hello']);
    advance(10);
    expect(await store.get(KEY, context)).toBeNull();
    // Rendered again afterwards: served.
    await store.set(KEY, page('<p>new</p>'), {});
    advance(10);
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>new</p>' });
  });

  it('does not let a render that started before a revalidation count as newer than it', async () => {
    const { store, other, advance } = setup();
    await store.set(KEY, page('<p>old</p>'), { cacheControl: { revalidate: 60 } });
    advance(61_000);
    // Stale: served, and this server starts rendering it again with the posts as they are now…
    expect(await store.get(KEY, context)).not.toBeNull();
    advance(100);
    // …a post changes and is revalidated through another server meanwhile…
    await other().revalidateTag(['_N_T_/posts/hello']);
    advance(100);
    // …then the render ends: its page is older than the revalidation, so it is not served.
    await store.set(KEY, page('<p>rendered before the change</p>'), { cacheControl: { revalidate: 60 } });
    advance(10);
    expect(await other().get(KEY, context)).toBeNull();
    // The render after it is.
    await other().set(KEY, page('<p>after</p>'), { cacheControl: { revalidate: 60 } });
    advance(10);
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>after</p>' });
  });

  it('keeps a revalidation from touching other pages', async () => {
    const { store, advance } = setup();
    await store.set(KEY, page('<p>kept</p>'), {});
    advance(10);
    await store.revalidateTag('_N_T_/posts/other');
    advance(10);
    expect(await store.get(KEY, context)).not.toBeNull();
  });

  it('answers from the local store within the time limit when Redis hangs, and logs the outage once', async () => {
    const { store, local, redis, logged, advance } = setup(30);
    local.entries.set(KEY, { lastModified: 5, value: page('<p>local</p>') });
    redis.mode = 'hang';
    // A call that never answers: the request still resolves (else the test times out).
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>local</p>' });
    const callsAfterFirst = redis.calls;
    for (let request = 0; request < 20; request += 1) await store.get(KEY, context);
    await store.set(KEY, page('<p>x</p>'), {});
    // Left alone while it is away: no call waits on it, nothing more is logged.
    expect(redis.calls).toBe(callsAfterFirst);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/unavailable.*no answer within 30 ms/);
    // Back after the pause: used again, and said so once.
    redis.mode = 'ok';
    advance(RETRY_AFTER_MS + 1);
    await store.get(KEY, context);
    expect(redis.calls).toBeGreaterThan(callsAfterFirst);
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/back/);
  });

  it('keeps serving when Redis refuses, and when it is disconnected', async () => {
    const { store, local, redis, logged } = setup();
    local.entries.set(KEY, { lastModified: 5, value: page('<p>local</p>') });
    redis.mode = 'fail';
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>local</p>' });
    await expect(store.revalidateTag(['_N_T_/posts/hello'])).resolves.toBeUndefined();
    expect(logged).toHaveLength(1);

    const fresh = setup();
    fresh.redis.isReady = false;
    fresh.local.entries.set(KEY, { lastModified: 5, value: page('<p>local</p>') });
    expect((await fresh.store.get(KEY, context))?.value).toMatchObject({ html: '<p>local</p>' });
    expect(fresh.redis.calls).toBe(0);
    expect(fresh.logged[0]).toMatch(/not connected/);
  });

  it('keeps a revalidation made while Redis is away and sends it once Redis answers', async () => {
    const { store, other, redis, advance } = setup();
    await store.set(KEY, page('<p>old</p>'), {});
    advance(10);
    redis.mode = 'fail';
    await store.revalidateTag(['_N_T_/posts/hello']);
    advance(10);
    redis.mode = 'ok';
    expect(await other().get(KEY, context)).not.toBeNull(); // not in Redis yet
    // The first call that reaches Redis after the pause sends it; the other server then sees it.
    advance(RETRY_AFTER_MS + 1);
    await store.get('/another-key', context);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await other().get(KEY, context)).toBeNull();
  });

  it('never stores a 404 in Redis: the handler removes the address there too', async () => {
    const { store, redis, local } = setup();
    await store.set(KEY, page('<p>was here</p>'), {});
    const handler = new IsrCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    handler.store = store;
    await handler.set(KEY, page('<p>not found</p>', 404), { kind: 'APP_PAGE' });
    expect(redis.values.size).toBe(0);
    expect(local.deleted).toEqual([KEY]);
    expect(await store.get(KEY, context)).toBeNull();
  });

  it('keys entries by build, so that two deploys do not mix', () => {
    expect(buildPrefix('/nowhere/.next/server', {})).toBe('markdown-blog:development:');
    expect(buildPrefix(undefined, { REDIS_KEY_PREFIX: 'myblog' })).toBe('myblog:development:');
  });

  it('reads values Redis returns as Buffers', async () => {
    const { store, redis } = setup();
    redis.values.set(`${PREFIX}entry:${KEY}`, serialize({ lastModified: 1, value: page('<p>raw</p>') }));
    expect((await store.get(KEY, context))?.value).toMatchObject({ html: '<p>raw</p>' });
  });
});
