/**
 * Work done once per content, kept across builds: an entry is found by a hash of the pipeline's
 * stamp (the rendering worker bundle's, a hash of `lib/`, `app/og/`, the lockfile and the base
 * path; scripts/render-worker-bundle.mjs) and of what the result depends on. Two kinds:
 * - `render`: a rendered body (lib/render-cache.ts), written by `npm run check`, read back by the
 *   build's lists and pages and by the search index;
 * - `og`: a generated Open Graph card's PNG (app/og/[image]/route.tsx), by its three lines of text.
 *
 * Entries live in `node_modules/.cache/markdown-blog/<kind>/`, which CI and the GitHub Pages
 * workflow keep. A damaged or foreign entry is a miss, a read-only or full disk only means no
 * cache, and the folder never grows past {@link CONTENT_CACHE_BYTES}: every hit refreshes the
 * entry's time, and {@link pruneContentCache} removes the least recently used entries past the
 * limit. `npm run check` (before every build) prunes when it wrote entries, and at least once a day
 * ({@link pruneContentCacheWhenDue}): listing 10,000 entries costs more than a warm check's own work.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMissing } from './file-errors';

/** The folder's size limit, all kinds together: 10,000 posts with generated cards take about 600 MB. */
export const CONTENT_CACHE_BYTES = 1024 * 1024 * 1024;

export type ContentKind = 'render' | 'og';

const EXTENSIONS: Record<ContentKind, string> = { render: 'json', og: 'png' };

/** `node_modules/.cache/markdown-blog/` in the working directory (the project, or the standalone server's folder). */
export function contentCacheRoot(): string {
  // Not a file of the app: without the comment, Next's tracing would copy every entry into the server.
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', '.cache', 'markdown-blog');
}

export type ContentCache = {
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, bytes: string | Uint8Array): Promise<void>;
};

/** The entries of one kind made by the pipeline whose stamp is `stamp`. */
export function contentCache(kind: ContentKind, stamp: string, root = contentCacheRoot()): ContentCache {
  const file = (key: string) =>
    path.join(
      /* turbopackIgnore: true */ root,
      kind,
      `${createHash('sha256').update(`${stamp}\n${key}`).digest('base64url')}.${EXTENSIONS[kind]}`,
    );
  return {
    async get(key) {
      const target = file(key);
      try {
        const bytes = await readFile(target);
        const now = new Date();
        // Used now: the last to be pruned. A failure here is only a worse guess for pruning.
        await utimes(target, now, now).catch(() => undefined);
        return bytes;
      } catch {
        return undefined;
      }
    },
    async set(key, bytes) {
      const target = file(key);
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        // The folder is there but for the first entry (or after a prune): make it only when missing.
        await writeFile(temporary, bytes).catch(async (error: unknown) => {
          if (!isMissing(error)) throw error;
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(temporary, bytes);
        });
        // Whole or not at all: another build process may read it at the same moment.
        await rename(temporary, target);
        writtenHere += 1;
      } catch {
        await rm(temporary, { force: true }).catch(() => undefined);
      }
    },
  };
}

/** Entries this process wrote: a process that wrote none cannot have grown the folder. */
let writtenHere = 0;

/** Touched after each prune: when it is older than this, the next check prunes even if it wrote nothing. */
const PRUNED_MARKER = '.pruned';
export const PRUNE_EVERY_MS = 24 * 60 * 60 * 1000;

export type PruneResult = { kept: number; removed: number; bytes: number };

/**
 * Prunes ({@link pruneContentCache}) when this process wrote an entry, or when the last prune was
 * a day ago or more (other processes, such as a build's Open Graph cards, write too); otherwise
 * does nothing and resolves with `undefined`.
 */
export async function pruneContentCacheWhenDue(
  limit = CONTENT_CACHE_BYTES,
  root = contentCacheRoot(),
): Promise<PruneResult | undefined> {
  const marker = path.join(root, PRUNED_MARKER);
  const last = await stat(marker).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (writtenHere === 0 && Date.now() - last < PRUNE_EVERY_MS) return undefined;
  const result = await pruneContentCache(limit, root);
  await writeFile(marker, '').catch(() => undefined);
  writtenHere = 0;
  return result;
}

/**
 * Removes the least recently used entries until the folder holds at most `limit` bytes, and
 * temporary files left by a process that was killed while writing. Never throws: a cache that
 * cannot be pruned is left as it is.
 */
export async function pruneContentCache(
  limit = CONTENT_CACHE_BYTES,
  root = contentCacheRoot(),
): Promise<PruneResult> {
  const entries: { file: string; bytes: number; used: number }[] = [];
  let removed = 0;
  for (const kind of Object.keys(EXTENSIONS)) {
    const folder = path.join(root, kind);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    // All at once: the thread pool does the stats side by side.
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(folder, name);
        try {
          const info = await stat(file);
          if (!info.isFile()) return;
          // A temporary file older than a minute belongs to a writer that died.
          if (name.endsWith('.tmp')) {
            if (Date.now() - info.mtimeMs > 60_000) {
              await rm(file, { force: true });
              removed += 1;
            }
            return;
          }
          entries.push({ file, bytes: info.size, used: info.mtimeMs });
        } catch {
          // Removed meanwhile by another process.
        }
      }),
    );
  }
  entries.sort((a, b) => b.used - a.used);
  let bytes = 0;
  let kept = 0;
  let full = false;
  for (const entry of entries) {
    full ||= bytes + entry.bytes > limit;
    if (!full) {
      bytes += entry.bytes;
      kept += 1;
      continue;
    }
    await rm(entry.file, { force: true }).catch(() => undefined);
    removed += 1;
  }
  return { kept, removed, bytes };
}
