/**
 * The store of the ISR cache handler (scripts/isr-cache-handler.mjs) when several servers share one
 * cache: Redis, chosen by `REDIS_URL`. Pages a server regenerates are written to Redis, so every
 * server serves the same version; revalidations (`revalidatePath`, the `/api/revalidate` endpoint)
 * are written there too, so a page revalidated through one server is rendered again on all of them.
 *
 * Redis is a help, never a dependency: every call has a time limit ({@link DEFAULT_TIMEOUT_MS}),
 * and when Redis fails or is away the server goes on with its own store (`local`: the build's
 * pre-rendered pages and what this server regenerated, on its disk), logs the failure once, and
 * tries Redis again after {@link RETRY_AFTER_MS}; it logs once more when Redis is back. A
 * revalidation made meanwhile is kept and written to Redis once it answers, so it still reaches
 * every server.
 *
 * Keys are `<prefix>:<build id>:…`, so two deploys of different builds never serve each other's
 * pages: `…:entry:<Next's key>` holds one entry (v8-serialized: pages carry Buffers and Maps), and
 * the hash `…:tags` when each revalidated tag expired.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createClient, RESP_TYPES } from 'redis';

/** Time limit of one Redis call, unless `REDIS_TIMEOUT_MS` gives another. */
export const DEFAULT_TIMEOUT_MS = 2_000;
/** Renders in progress a process keeps track of (see RedisLink.noteRender). */
const MAX_RENDERS_NOTED = 10_000;
/** Time limit of one attempt to connect (requests never wait for it longer than a call's limit). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** After a failure, Redis is left alone this long (the server uses its own store), then tried again. */
export const RETRY_AFTER_MS = 5_000;
/** How long an entry is kept in Redis: a page not asked for in a day falls back to the build's copy. */
export const ENTRY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long revalidations are remembered: longer than any entry they could make stale. */
export const TAGS_TTL_MS = 2 * ENTRY_TTL_MS;

/** The header in which Next lists a page's cache tags (its implicit path tags among them). */
const TAGS_HEADER = 'x-next-cache-tags';

/**
 * @typedef {object} RedisLike What the store uses of a Redis client (node-redis's names).
 * @property {boolean} isReady
 * @property {(key: string) => Promise<Buffer | string | null>} get
 * @property {(key: string, value: Buffer, options: { PX: number }) => Promise<unknown>} set
 * @property {(key: string) => Promise<unknown>} del
 * @property {(key: string, field: string, value: string) => Promise<unknown>} hSet
 * @property {(key: string, fields: string[]) => Promise<(Buffer | string | null)[]>} hmGet
 * @property {(key: string, ms: number) => Promise<unknown>} pExpire
 */

/**
 * @typedef {object} LocalLike The server's own store (LocalStore in isr-cache-handler.mjs).
 * @property {(key: string, context: any) => Promise<any>} get
 * @property {(key: string, value: any, context: any) => Promise<void>} set
 * @property {(key: string, kind: string) => Promise<void>} delete
 * @property {(tags: string | string[], durations?: { expire?: number }) => Promise<void>} revalidateTag
 * @property {() => void} resetRequestCache
 */

class Unavailable extends Error {}

/**
 * Resolves or rejects as `promise` does, or rejects after `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function within(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * One Redis connection as the stores of a process use it: every call within a time limit, and the
 * state of an outage (logged once, Redis left alone for {@link RETRY_AFTER_MS} after a failure),
 * kept for the whole process because Next makes a cache handler per request.
 */
export class RedisLink {
  /**
   * @param {object} options
   * @param {RedisLike} options.client
   * @param {number} [options.timeoutMs]
   * @param {(message: string) => void} [options.log]
   * @param {() => number} [options.now]
   * @param {Promise<unknown>} [options.connecting] Settles when the first connection is made or fails.
   */
  constructor({ client, timeoutMs = DEFAULT_TIMEOUT_MS, log = console.error, now = Date.now, connecting }) {
    this.client = client;
    this.timeoutMs = timeoutMs;
    this.log = log;
    this.now = now;
    this.connecting = connecting;
    /** Whether the last Redis call succeeded (or none was made yet). */
    this.healthy = true;
    /** Until when Redis is left alone after a failure. */
    this.retryAt = 0;
    /**
     * Revalidations not yet written to Redis, by hash key and tag, with their time: kept until
     * Redis takes them, so that one made while Redis was away still reaches every server.
     * @type {Map<string, Map<string, number>>}
     */
    this.unsent = new Map();
    /** @type {Promise<void> | undefined} */
    this.sending = undefined;
    /**
     * For each key being rendered again by this process, when the first request that needed the
     * render came (a miss, or a stale entry): see {@link SharedStore.set}.
     * @type {Map<string, number>}
     */
    this.renderStarts = new Map();
  }

  /**
   * Notes that `key` is about to be rendered (kept from the first such request until the result is
   * stored; a bounded map, since each key leaves it when its page is stored or forgotten).
   * @param {string} key
   */
  noteRender(key) {
    if (this.renderStarts.has(key)) return;
    if (this.renderStarts.size >= MAX_RENDERS_NOTED) this.renderStarts.clear();
    this.renderStarts.set(key, this.now());
  }

  /**
   * When the render now stored for `key` started at the earliest, and forgets it.
   * @param {string} key
   */
  renderStart(key) {
    const started = this.renderStarts.get(key);
    this.renderStarts.delete(key);
    return Math.min(started ?? Infinity, this.now());
  }

  /**
   * Records revalidated tags in the hash `key` (each with the time it was revalidated), now if
   * Redis answers, else as soon as it does.
   * @param {string} key
   * @param {string[]} tags
   * @param {number} time
   */
  async revalidate(key, tags, time) {
    const waiting = this.unsent.get(key) ?? new Map();
    for (const tag of tags) waiting.set(tag, Math.max(time, waiting.get(tag) ?? 0));
    this.unsent.set(key, waiting);
    await this.sending?.catch(() => undefined);
    await this.sendRevalidations();
  }

  /** Writes the revalidations Redis has not taken yet; those that fail stay for the next try. */
  sendRevalidations() {
    this.sending ??= (async () => {
      for (const [key, waiting] of this.unsent) {
        const batch = [...waiting];
        await this.run(
          async (client) => {
            for (const [tag, time] of batch) await client.hSet(key, tag, String(time));
            await client.pExpire(key, TAGS_TTL_MS);
          },
          { evenWhileAway: true },
        );
        // Taken: forget what was sent, unless revalidated again meanwhile.
        for (const [tag, time] of batch) if (waiting.get(tag) === time) waiting.delete(tag);
        if (waiting.size === 0) this.unsent.delete(key);
      }
    })().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  /**
   * Runs one Redis call within the time limit; notes a failure (logged once per outage) and a
   * recovery. Throws without calling while Redis is left alone after a failure, unless
   * `evenWhileAway` (a revalidation is worth a try every time).
   * @template T
   * @param {(client: RedisLike) => Promise<T>} call
   * @param {{ evenWhileAway?: boolean }} [options]
   * @returns {Promise<T>}
   */
  async run(call, { evenWhileAway = false } = {}) {
    if (!this.healthy && !evenWhileAway && this.now() < this.retryAt) throw new Unavailable('Redis is away');
    try {
      if (!this.client.isReady) {
        // The first connection may still be under way when the first request comes.
        if (this.connecting) await within(this.connecting, this.timeoutMs).catch(() => undefined);
        if (!this.client.isReady) throw new Error('not connected');
      }
      const result = await within(call(this.client), this.timeoutMs);
      if (!this.healthy) {
        this.healthy = true;
        this.log('Shared cache (Redis) is back: pages are shared again.');
      }
      if (this.unsent.size > 0 && !this.sending) void this.sendRevalidations().catch(() => undefined);
      return result;
    } catch (error) {
      this.failed(error);
      throw new Unavailable('Redis failed');
    }
  }

  /**
   * Notes that Redis failed: logged when it was healthy until now, then quiet until it is back.
   * @param {unknown} error
   */
  failed(error) {
    this.retryAt = this.now() + RETRY_AFTER_MS;
    if (!this.healthy) return;
    this.healthy = false;
    const reason = error instanceof Error ? error.message || error.name : String(error);
    this.log(
      `Shared cache (Redis) unavailable (${reason}): this server serves pages from its own cache and renders the rest until Redis is back.`,
    );
  }
}

/** The shared store: Redis in front, this server's own store behind it (see the module comment). */
export class SharedStore {
  /**
   * @param {LocalLike} local
   * @param {RedisLink} link
   * @param {string} prefix Ends with `:`; includes the build id.
   */
  constructor(local, link, prefix) {
    this.local = local;
    this.link = link;
    this.prefix = prefix;
  }

  /**
   * @template T
   * @param {(client: RedisLike) => Promise<T>} call
   */
  redis(call) {
    return this.link.run(call);
  }

  /** @param {string} key */
  entryKey(key) {
    return `${this.prefix}entry:${key}`;
  }

  get tagsKey() {
    return `${this.prefix}tags`;
  }

  /**
   * The entry of `key`: Redis's, else this server's own (the build's pre-rendered page, or one it
   * regenerated); none when a tag of it was revalidated after it was made, on any server.
   * @param {string} key
   * @param {any} context
   */
  async get(key, context) {
    let entry = null;
    try {
      const stored = await this.redis((client) => client.get(this.entryKey(key)));
      if (stored) entry = deserialize(Buffer.isBuffer(stored) ? stored : Buffer.from(stored, 'binary'));
    } catch {
      // Away or failed: this server's own store answers.
    }
    entry ??= await this.local.get(key, context);
    const answer = entry && !(await this.revalidatedSince(entry, context)) ? entry : null;
    // No entry, or a stale one: Next renders the page again after this (see set).
    if (!answer || isStale(answer, this.link.now())) this.link.noteRender(key);
    return answer;
  }

  /**
   * Whether a tag of `entry` was revalidated (on any server) after the entry was made.
   * @param {{ lastModified: number, value: any }} entry
   * @param {any} context
   */
  async revalidatedSince(entry, context) {
    const tags = tagsOf(entry.value, context);
    if (tags.length === 0) return false;
    let expiries;
    try {
      expiries = await this.redis((client) => client.hmGet(this.tagsKey, tags));
    } catch {
      return false; // this server's own revalidations were applied by its own store
    }
    const now = this.link.now();
    return expiries.some((value) => {
      const expired = value === null ? NaN : Number(value.toString());
      return expired > entry.lastModified && expired <= now;
    });
  }

  /**
   * Keeps a regenerated entry: in this server's store (for when Redis is away) and in Redis.
   * @param {string} key
   * @param {any} value
   * @param {any} context
   */
  async set(key, value, context) {
    await this.local.set(key, value, context);
    // Dated from when its render could have started, not when it ended: a render that read the
    // posts before a revalidation and finished after it must not count as newer than it.
    const entry = { lastModified: this.link.renderStart(key), value, cacheControl: context?.cacheControl };
    await this.redis((client) => client.set(this.entryKey(key), serialize(entry), { PX: ENTRY_TTL_MS })).catch(
      () => undefined,
    );
  }

  /**
   * Forgets an entry everywhere (the handler's never-store-a-404 policy).
   * @param {string} key
   * @param {string} kind
   */
  async delete(key, kind) {
    this.link.renderStart(key);
    await this.local.delete(key, kind);
    await this.redis((client) => client.del(this.entryKey(key))).catch(() => undefined);
  }

  /**
   * Marks tags revalidated now, here and in Redis, so that every server renders their pages again.
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : tags;
    await this.local.revalidateTag(list, durations);
    if (list.length === 0) return;
    // Not lost while Redis is away: sent as soon as it answers again (RedisLink.revalidate).
    await this.link.revalidate(this.tagsKey, list, this.link.now()).catch(() => undefined);
  }

  resetRequestCache() {
    this.local.resetRequestCache();
  }
}

/**
 * Whether an entry is past its revalidation time (or its lifetime is unknown): Next renders it
 * again in the background after serving it.
 * @param {{ lastModified: number, cacheControl?: { revalidate?: number | false } }} entry
 * @param {number} now
 */
function isStale(entry, now) {
  const revalidate = entry.cacheControl?.revalidate;
  if (revalidate === false) return false;
  return typeof revalidate !== 'number' || now - entry.lastModified > revalidate * 1000;
}

/**
 * The cache tags of a value: a page's or route's from its header, a fetch's from its context.
 * @param {any} value
 * @param {any} context
 * @returns {string[]}
 */
export function tagsOf(value, context) {
  const header = value?.headers?.[TAGS_HEADER];
  if (typeof header === 'string' && header !== '') return header.split(',');
  if (value?.kind === 'FETCH') return [...(context?.tags ?? []), ...(context?.softTags ?? [])];
  return [];
}

/**
 * The key prefix of this build: `REDIS_KEY_PREFIX` (default `markdown-blog`) and the build id Next
 * wrote beside its server folder.
 * @param {string | undefined} serverDistDir
 * @param {NodeJS.ProcessEnv} [env]
 */
export function buildPrefix(serverDistDir, env = process.env) {
  return `${env.REDIS_KEY_PREFIX || 'markdown-blog'}:${buildIdOf(serverDistDir)}:`;
}

/** @type {Map<string, string>} */
const buildIds = new Map();

/**
 * The id of the build whose server folder is `serverDistDir` (`.next/BUILD_ID`), read once.
 * @param {string | undefined} serverDistDir
 */
function buildIdOf(serverDistDir = '') {
  let id = buildIds.get(serverDistDir);
  if (id === undefined) {
    try {
      id = readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
    } catch {
      id = 'development'; // `next dev` writes no BUILD_ID
    }
    buildIds.set(serverDistDir, id);
  }
  return id;
}

/** The time limit of one Redis call: `REDIS_TIMEOUT_MS`, or {@link DEFAULT_TIMEOUT_MS}. */
export function timeoutFromEnv(env = process.env) {
  const value = Number(env.REDIS_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}

/** @type {Map<string, RedisLink>} */
const links = new Map();

/**
 * One Redis connection per process and URL. node-redis reconnects by itself; while it is
 * disconnected, calls fail at once instead of queueing.
 * @param {string} url
 */
function linkTo(url) {
  let link = links.get(url);
  if (link) return link;
  const timeoutMs = timeoutFromEnv();
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // Connecting may take longer than a call: no request waits for it beyond the call's limit.
    socket: { connectTimeout: Math.max(timeoutMs, CONNECT_TIMEOUT_MS), reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  }).withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const connecting = client.connect().catch(() => undefined);
  const created = new RedisLink({ client: /** @type {RedisLike} */ (/** @type {unknown} */ (client)), timeoutMs, connecting });
  // node-redis reports each failed reconnection here; the link logs an outage once.
  client.on('error', (error) => created.failed(error));
  links.set(url, created);
  return created;
}

/**
 * The shared store of a handler made with `context`, over this server's own store.
 * @param {LocalLike} local
 * @param {{ serverDistDir?: string }} context
 * @param {string} url `REDIS_URL`
 */
export function redisStore(local, context, url) {
  return new SharedStore(local, linkTo(url), buildPrefix(context.serverDistDir));
}
