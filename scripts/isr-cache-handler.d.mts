/**
 * Types of scripts/isr-cache-handler.mjs, for the tests. Next's own types name the kinds of entry
 * with const enums, which isolated modules cannot use, so the kinds are plain strings here.
 */
import type { CacheHandlerContext } from 'next/dist/server/lib/incremental-cache';

/** A value Next stores: a page (`APP_PAGE`), a route handler's response (`APP_ROUTE`), a fetch result… */
export type CacheValue = { readonly kind: string; readonly status?: number | undefined } & Record<string, unknown>;

/** Whether a value is a not-found result (a 404 page or route response, or Next's empty value). */
export declare function isNotFound(value: CacheValue | null): boolean;

/** The store behind the handler: this server's own, or the one shared through Redis when `env.REDIS_URL` is set. */
export declare function createStore(context: CacheHandlerContext, env?: Record<string, string | undefined>): unknown;

/** Next's file-system cache, except that a not-found result is never kept. */
export default class IsrCacheHandler {
  constructor(context: CacheHandlerContext);
  /** The store it keeps pages in (replaceable in tests). */
  store: {
    get(key: string, context: unknown): Promise<unknown>;
    set(key: string, value: unknown, context: unknown): Promise<void>;
    delete(key: string, kind: string): Promise<void>;
    revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
    resetRequestCache(): void;
  };
  get(
    key: string,
    context: { kind: string; isFallback: boolean; isRoutePPREnabled?: boolean },
  ): Promise<{ lastModified: number; value: CacheValue | null } | null>;
  set(
    key: string,
    value: CacheValue | null,
    context: {
      kind?: string;
      cacheControl?: { revalidate: number | false; expire: number | undefined };
      isFallback?: boolean;
      isRoutePPREnabled?: boolean;
    },
  ): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
