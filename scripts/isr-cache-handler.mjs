/**
 * The incremental (ISR) cache of `next start` and of the standalone server, set as `cacheHandler`
 * in next.config.ts: Next's own file-system cache (pages pre-rendered by the build, then each
 * regenerated page on disk and in memory), except that a not-found result is never kept.
 *
 * Why: Next stores the 404 page of an ISR route like any page, for the route's 60 s. Every unknown
 * address (`/posts/nope-123/`, `/a/b/c/`, `/og/x.png`) then cost about 45 KB of disk and memory, a
 * flood of them filled both, and a post that was missing or broken for a moment (an editor saving in
 * two steps, a request just before the file was written) stayed a 404 for a minute after it was
 * fixed. Here a not-found result is served to its request and forgotten: the entry of that address
 * is removed, from memory, from disk and from the build's pre-rendered copy (or a deleted post would
 * come back from the build), so the next request renders the page again and sees the file as it is.
 *
 * Plain JavaScript because Next loads the handler with `import()` at run time, TypeScript unseen;
 * its types are in `isr-cache-handler.d.mts`. The handler is a policy over a store: {@link LocalStore}
 * is the store of one server; with `REDIS_URL` set, {@link createStore} puts the store shared by
 * several servers (scripts/shared-store.mjs) in front of it, with the same `get`, `set`, `delete`
 * and `revalidateTag`, so the policy holds for the shared cache too.
 */
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { redisStore } from './shared-store.mjs';

const require = createRequire(import.meta.url);

/** Next's file-system cache: the handler Next uses when none is configured. */
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache.js').default;

/**
 * The lifetimes Next remembers for each cache key it has set (a static map of the process). Next
 * records one before it calls `set`, for a 404 too, so a flood of unknown addresses would grow it.
 */
const { SharedCacheControls } = require('next/dist/server/lib/incremental-cache/shared-cache-controls.external.js');

/** @typedef {import('next/dist/server/lib/incremental-cache').CacheHandlerContext} CacheHandlerContext */
/** @typedef {import('next/dist/server/lib/incremental-cache').CacheHandlerValue} CacheHandlerValue */
/** @typedef {import('next/dist/server/response-cache').IncrementalCacheValue} IncrementalCacheValue */
/** @typedef {Parameters<import('next/dist/server/lib/incremental-cache').CacheHandler['get']>[1]} GetContext */
/** @typedef {Parameters<import('next/dist/server/lib/incremental-cache').CacheHandler['set']>[2]} SetContext */

/**
 * Whether a value is a not-found result: a page that called `notFound()`, a route handler that
 * answered 404, or Next's empty value for a not-found page.
 * @param {IncrementalCacheValue | null} value
 * @returns {boolean}
 */
export function isNotFound(value) {
  if (value === null) return true;
  const kind = value.kind;
  return (kind === 'APP_PAGE' || kind === 'APP_ROUTE' || kind === 'PAGES') && value.status === 404;
}

/** The files of one cache entry beside its key's path, by kind (Next's file-system cache layout). */
const ENTRY_FILES = new Map([
  ['APP_PAGE', ['.html', '.rsc', '.meta', '.segments']],
  ['APP_ROUTE', ['.body', '.meta']],
  ['PAGES', ['.html', '.json', '.meta']],
]);

/**
 * Next's file-system cache, with a way to forget an entry: its copy in memory, its files in
 * `.next/server/route-cache/`, and the build's pre-rendered files of the same page, which Next
 * reads when a key has no entry of its own.
 */
class LocalStore extends FileSystemCache {
  /**
   * @param {string} key
   * @param {string} kind
   * @returns {Promise<void>}
   */
  async delete(key, kind) {
    FileSystemCache.memoryCache?.remove(key);
    // A copy of the build's files to this key may be under way: let it finish, then remove it too.
    const seedRead = this.getSeedReadState(key);
    if (seedRead) {
      seedRead.version++;
      await seedRead.promotion;
    }
    const suffixes = ENTRY_FILES.get(kind);
    // Next's keys are normalised paths; anything else names no entry of ours, so nothing is removed.
    if (!this.flushToDisk || !suffixes || path.posix.normalize(key) !== key) return;
    await this.removeFiles(key, kind, suffixes);
    const seed = await this.buildSeedOf(key, kind);
    if (seed) await this.removeFiles(seed, kind, suffixes);
  }

  /**
   * The key of the build's pre-rendered copy of this entry (`/posts/hello` for
   * `/route-cache/APP_PAGE/<route>/$/posts/hello`), when the build wrote one for this route.
   * @param {string} key
   * @param {string} kind
   * @returns {Promise<string | undefined>}
   */
  async buildSeedOf(key, kind) {
    const marker = key.indexOf('/$/');
    if (marker === -1) return undefined;
    const seed = key.slice(marker + 2);
    try {
      const meta = JSON.parse(await this.fs.readFile(this.getFilePath(`${seed}.meta`, kind), 'utf8'));
      // The same check Next makes before it serves a pre-rendered file for a key.
      return meta?.routeCache?.key === key ? seed : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Removes the entry's files, the main one (`.html`, `.body`) first: Next reads an entry only when
   * that one exists.
   * @param {string} key
   * @param {string} kind
   * @param {string[]} suffixes
   * @returns {Promise<void>}
   */
  async removeFiles(key, kind, suffixes) {
    for (const suffix of suffixes) {
      await rm(this.getFilePath(`${key}${suffix}`, kind), { recursive: true, force: true });
    }
  }
}

/**
 * The store behind the handler: this server's file-system cache, or, when `REDIS_URL` is set, the
 * cache shared through Redis in front of it. A shared cache keeps no copy in this server's memory
 * (as `cacheMaxMemorySize: 0` in next.config.ts says, enforced here too because the standalone
 * server keeps the config of its build): every server reads the current version from Redis.
 * @param {CacheHandlerContext} context
 * @param {NodeJS.ProcessEnv} [env]
 */
export function createStore(context, env = process.env) {
  const url = env.REDIS_URL;
  if (!url) return new LocalStore(context);
  return redisStore(new LocalStore({ ...context, maxMemoryCacheSize: 0 }), context, url);
}

/** Next's incremental cache handler (see the module comment): keeps pages, forgets not-found results. */
export default class IsrCacheHandler {
  /** @param {CacheHandlerContext} context */
  constructor(context) {
    this.store = createStore(context);
  }

  /**
   * @param {string} key
   * @param {GetContext} context
   * @returns {Promise<CacheHandlerValue | null>}
   */
  get(key, context) {
    return this.store.get(key, context);
  }

  /**
   * Stores a page, or forgets the address when the value is a not-found result.
   * @param {string} key
   * @param {IncrementalCacheValue | null} value
   * @param {SetContext} context
   * @returns {Promise<void>}
   */
  async set(key, value, context) {
    if (!isNotFound(value)) return this.store.set(key, value, context);
    SharedCacheControls?.cacheControls?.delete(key);
    // Next passes the kind of entry (APP_PAGE, APP_ROUTE, PAGES) beside the value.
    const kind = 'kind' in context && typeof context.kind === 'string' ? context.kind : value?.kind;
    if (kind) await this.store.delete(key, kind);
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   * @returns {Promise<void>}
   */
  revalidateTag(tags, durations) {
    return this.store.revalidateTag(tags, durations);
  }

  resetRequestCache() {
    this.store.resetRequestCache();
  }
}
