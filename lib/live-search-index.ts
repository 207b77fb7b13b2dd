/**
 * The search index of a running server (`next start`, the standalone server), which follows the
 * posts: Pagefind's files (lib/search-records.ts) in a folder of their own for each version of the
 * posts, served by app/pagefind/[...file]/route.server.ts at the address the search page loads.
 *
 * The build writes the first version (`.next/search-index/build/`, scripts/search-index.ts). Each
 * time a reader opens the search page (Pagefind asks for `pagefind-entry.json`) or a revalidation
 * comes in, the server compares the posts' fingerprint (lib/api.ts) with the index's, at most every
 * {@link CHECK_INTERVAL_MS}; when they differ it writes a new version in the background, at most
 * once every {@link REBUILD_INTERVAL_MS}, and swaps it in only once it is complete, so a reader
 * always gets a whole index. The version before stays readable (a page that loaded it still asks
 * for its files); older ones are removed.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The posts are compared with the index at most this often. */
export const CHECK_INTERVAL_MS = 5_000;
/** The index is rebuilt at most this often, however often the posts change. */
export const REBUILD_INTERVAL_MS = 60_000;

/** One complete version of the index: its folder (below the root) and the posts' fingerprint. */
export type IndexVersion = { dir: string; version: string };

/** The file in the root that names the current version, for the next start of a server. */
const POINTER = 'current.json';

function isIndexVersion(value: unknown): value is IndexVersion {
  return (
    typeof value === 'object' &&
    value !== null &&
    'dir' in value &&
    typeof value.dir === 'string' &&
    /^[\w-]+$/.test(value.dir) &&
    'version' in value &&
    typeof value.version === 'string'
  );
}

/** Writes the pointer to `current` in `root` at once (a whole file or the old one, never half). */
export async function writePointer(root: string, current: IndexVersion): Promise<void> {
  const temporary = path.join(/* turbopackIgnore: true */ root, `.${POINTER}.${randomUUID()}`);
  await writeFile(/* turbopackIgnore: true */ temporary, JSON.stringify(current));
  await rename(/* turbopackIgnore: true */ temporary, path.join(/* turbopackIgnore: true */ root, POINTER));
}

export type LiveIndexOptions = {
  /** The folder that holds the versions and the pointer. */
  root: string;
  /** The posts' fingerprint now. */
  version: () => Promise<string>;
  /** Writes a complete index of the posts into `dir` (a new folder). */
  build: (dir: string) => Promise<void>;
  now?: () => number;
  log?: (message: string) => void;
};

/** A search index kept in step with the posts (see the module comment). */
export class LiveSearchIndex {
  private readonly options: Required<LiveIndexOptions>;
  private current: IndexVersion | undefined;
  private previous: IndexVersion | undefined;
  private loaded: Promise<void> | undefined;
  private busy: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastCheckAt = -Infinity;
  private lastBuildAt = -Infinity;
  private builds = 0;

  constructor(options: LiveIndexOptions) {
    this.options = { now: Date.now, log: console.error, ...options };
  }

  /** The current version (after the first load), for tests and logs. */
  get currentVersion(): IndexVersion | undefined {
    return this.current;
  }

  /** Reads the pointer the build (or a server before) left; without one, builds a first version. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      try {
        const pointer: unknown = JSON.parse(await readFile(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ this.options.root, POINTER), 'utf8'));
        if (isIndexVersion(pointer)) this.current = pointer;
      } catch {
        // No index yet (a server built before this one, or `next dev`): made on first use.
      }
      if (!this.current) await this.refresh({ now: true, wait: true });
    })();
    return this.loaded;
  }

  /**
   * Compares the posts with the index (at most every {@link CHECK_INTERVAL_MS}, unless `now`) and
   * rebuilds it in the background when they differ (at most every {@link REBUILD_INTERVAL_MS}).
   * `wait` resolves once that is done, for the first load.
   */
  refresh({ now = false, wait = false }: { now?: boolean; wait?: boolean } = {}): Promise<void> {
    // A check, a build or a build scheduled for later reads the posts as they are when it runs.
    if (this.busy) return wait ? this.busy : Promise.resolve();
    const time = this.options.now();
    if (this.timer) {
      // A build is due later; only once its time has come does a check run now.
      if (time < this.lastBuildAt + REBUILD_INTERVAL_MS) return Promise.resolve();
      clearTimeout(this.timer);
      this.timer = undefined;
      now = true;
    }
    if (!now && time - this.lastCheckAt < CHECK_INTERVAL_MS) return Promise.resolve();
    this.lastCheckAt = time;
    this.busy = this.checkAndBuild()
      .catch((error: unknown) => {
        this.options.log(`Search index not rebuilt: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.busy = undefined;
      });
    return wait ? this.busy : Promise.resolve();
  }

  private async checkAndBuild(): Promise<void> {
    const version = await this.options.version();
    if (version === this.current?.version) return;
    const wait = this.lastBuildAt + REBUILD_INTERVAL_MS - this.options.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.refresh({ now: true });
      }, wait);
      this.timer.unref();
      return;
    }
    this.lastBuildAt = this.options.now();
    this.builds += 1;
    const dir = `live-${process.pid}-${this.builds}`;
    const folder = path.join(/* turbopackIgnore: true */ this.options.root, dir);
    await mkdir(/* turbopackIgnore: true */ this.options.root, { recursive: true });
    try {
      await this.options.build(folder);
    } catch (error) {
      await rm(/* turbopackIgnore: true */ folder, { recursive: true, force: true });
      throw error;
    }
    const next = { dir, version };
    await writePointer(this.options.root, next);
    const retired = this.previous;
    this.previous = this.current;
    this.current = next;
    // The build's own version stays (a restart finds it); this server's older ones go.
    if (retired && retired.dir.startsWith(`live-${process.pid}-`)) {
      await rm(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ this.options.root, retired.dir), { recursive: true, force: true });
    }
  }

  /**
   * One of the index's files (`pagefind.js`, `fragment/en_….pf_fragment`), from the current version
   * or the one before; `undefined` for a name that is not one of them.
   */
  async read(name: string): Promise<Buffer | undefined> {
    if (!/^[\w-]+(\.[\w-]+)*(\/[\w-]+(\.[\w-]+)*)?$/.test(name)) return undefined;
    await this.load();
    if (name === 'pagefind-entry.json') void this.refresh();
    for (const version of [this.current, this.previous]) {
      if (!version) continue;
      try {
        return await readFile(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ this.options.root, version.dir, name));
      } catch {
        // Not in this version.
      }
    }
    return undefined;
  }
}
