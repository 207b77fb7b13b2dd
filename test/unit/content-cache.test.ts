/**
 * The cache of work done once per content (lib/content-cache.ts): what is written is read back by
 * the same pipeline only, a damaged folder is a miss rather than an error, and the folder stays
 * under its size limit by dropping what was used least recently.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRUNE_EVERY_MS, contentCache, pruneContentCache, pruneContentCacheWhenDue } from '@/lib/content-cache';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'content-cache-'));
});

afterEach(async () => {
  await chmod(root, 0o700).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function files(kind: string): Promise<string[]> {
  return readdir(path.join(root, kind)).catch(() => []);
}

describe('content cache', () => {
  it('reads back what the same pipeline wrote, and nothing of another pipeline or key', async () => {
    const cache = contentCache('og', 'stamp-1', root);
    expect(await cache.get('title')).toBeUndefined();
    await cache.set('title', new Uint8Array([1, 2, 3]));
    expect([...((await cache.get('title')) ?? [])]).toEqual([1, 2, 3]);
    expect(await cache.get('other title')).toBeUndefined();
    expect(await contentCache('og', 'stamp-2', root).get('title')).toBeUndefined();
    expect(await contentCache('render', 'stamp-1', root).get('title')).toBeUndefined();
    expect(await files('og')).toHaveLength(1);
  });

  it('makes its folder again when it was removed between two writes', async () => {
    const cache = contentCache('render', 'stamp', root);
    await cache.set('first', 'one');
    await rm(path.join(root, 'render'), { recursive: true });
    await cache.set('second', 'two');
    expect((await cache.get('second'))?.toString()).toBe('two');
    expect(await cache.get('first')).toBeUndefined();
  });

  it('is only a miss when the folder cannot be written or read', async () => {
    await writeFile(path.join(root, 'og'), 'a file where the folder should be');
    const cache = contentCache('og', 'stamp', root);
    await expect(cache.set('title', 'bytes')).resolves.toBeUndefined();
    expect(await cache.get('title')).toBeUndefined();
  });

  it('drops the least recently used entries past the limit, and temporary files of dead writers', async () => {
    const cache = contentCache('render', 'stamp', root);
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, 'x'.repeat(100));
    // Written long ago, in order; then `a` is read, which makes it the most recently used.
    const names = await files('render');
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    await Promise.all(names.map((name, index) => utimes(path.join(root, 'render', name), now - day * (index + 2), now - day * (index + 2))));
    expect(await cache.get('a')).toBeDefined();
    await mkdir(path.join(root, 'og'), { recursive: true });
    const stale = path.join(root, 'og', 'entry.png.123.abc.tmp');
    await writeFile(stale, 'half written');
    await utimes(stale, now - day, now - day);

    const result = await pruneContentCache(250, root);
    expect(result).toEqual({ kept: 2, removed: 3, bytes: 200 });
    expect(await cache.get('a')).toBeDefined();
    expect(await files('og')).toEqual([]);
    const survivors = (await Promise.all(['a', 'b', 'c', 'd'].map(async (key) => ((await cache.get(key)) ? key : '')))).filter(Boolean);
    expect(survivors).toHaveLength(2);
    expect(survivors).toContain('a');
  });

  it('leaves a folder under the limit whole', async () => {
    const cache = contentCache('og', 'stamp', root);
    await cache.set('a', 'png');
    expect(await pruneContentCache(1024, root)).toEqual({ kept: 1, removed: 0, bytes: 3 });
    expect(await pruneContentCache(1024, path.join(root, 'missing'))).toEqual({ kept: 0, removed: 0, bytes: 0 });
  });

  it('prunes before a build only when this process wrote an entry or the last prune is a day old', async () => {
    const cache = contentCache('render', 'stamp', root);
    // This process wrote entries in the tests above and here: the first check prunes.
    await cache.set('a', 'x'.repeat(100));
    await cache.set('b', 'x'.repeat(100));
    expect(await pruneContentCacheWhenDue(150, root)).toMatchObject({ kept: 1, removed: 1 });
    // A warm check writes nothing: it does not list the folder again (the folder stays over a
    // smaller limit until the next check that writes, or a day later).
    expect(await pruneContentCacheWhenDue(50, root)).toBeUndefined();
    expect(await files('render')).toHaveLength(1);
    const longAgo = (Date.now() - PRUNE_EVERY_MS - 60_000) / 1000;
    await utimes(path.join(root, '.pruned'), longAgo, longAgo);
    expect(await pruneContentCacheWhenDue(50, root)).toMatchObject({ kept: 0, removed: 1 });
    await cache.set('c', 'x');
    expect(await pruneContentCacheWhenDue(50, root)).toMatchObject({ kept: 1, removed: 0 });
  });
});
