/** Types of scripts/shared-store.mjs, for the tests. */

/** What the store uses of a Redis client (node-redis's names). */
export type RedisLike = {
  isReady: boolean;
  get(key: string): Promise<Buffer | string | null>;
  set(key: string, value: Buffer, options: { PX: number }): Promise<unknown>;
  del(key: string): Promise<unknown>;
  hSet(key: string, field: string, value: string): Promise<unknown>;
  hmGet(key: string, fields: string[]): Promise<(Buffer | string | null)[]>;
  pExpire(key: string, ms: number): Promise<unknown>;
};

/** An entry as Next's cache handlers return it. */
export type Entry = { lastModified: number; value: unknown; cacheControl?: unknown };

/** The server's own store (LocalStore in isr-cache-handler.mjs). */
export type LocalLike = {
  get(key: string, context: unknown): Promise<Entry | null>;
  set(key: string, value: unknown, context: unknown): Promise<void>;
  delete(key: string, kind: string): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
};

export declare const DEFAULT_TIMEOUT_MS: number;
export declare const RETRY_AFTER_MS: number;
export declare const ENTRY_TTL_MS: number;

export declare class RedisLink {
  constructor(options: {
    client: RedisLike;
    timeoutMs?: number;
    log?: (message: string) => void;
    now?: () => number;
    connecting?: Promise<unknown>;
  });
  healthy: boolean;
  run<T>(call: (client: RedisLike) => Promise<T>, options?: { evenWhileAway?: boolean }): Promise<T>;
  revalidate(key: string, tags: string[], time: number): Promise<void>;
  noteRender(key: string): void;
  renderStart(key: string): number;
  failed(error: unknown): void;
}

export declare class SharedStore implements LocalLike {
  constructor(local: LocalLike, link: RedisLink, prefix: string);
  get(key: string, context: unknown): Promise<Entry | null>;
  set(key: string, value: unknown, context: unknown): Promise<void>;
  delete(key: string, kind: string): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}

export declare function tagsOf(value: unknown, context: unknown): string[];
export declare function buildPrefix(serverDistDir: string | undefined, env?: Record<string, string | undefined>): string;
export declare function timeoutFromEnv(env?: Record<string, string | undefined>): number;
export declare function redisStore(local: LocalLike, context: { serverDistDir?: string }, url: string): SharedStore;
