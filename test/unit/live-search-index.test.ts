/**
 * The search index a running server keeps (lib/live-search-index.ts), with a stand-in builder and
 * clock: rebuilt when the posts change, at most once a minute, swapped in whole, the version before
 * still readable; only the index's own files are served.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS, LiveSearchIndex, REBUILD_INTERVAL_MS, writePointer } from '../../lib/live-search-index';

describe('live search index', () => {
  let root: string;
  let time: number;
  let posts: string;
  let builds: number;
  let release: (() => void) | undefined;
  /** Resolves when a held build has started (and `release` lets it go on). */
  let held: Promise<void>;
  let onHold: () => void;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'live-index-'));
    time = 1_000_000;
    posts = 'v1';
    builds = 0;
    release = undefined;
    held = new Promise<void>((resolve) => (onHold = resolve));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  /** An index whose builder writes the posts' version into `pagefind-entry.json` (and can be held). */
  function index(hold = false) {
    return new LiveSearchIndex({
      root,
      now: () => time,
      log: () => {},
      version: async () => posts,
      build: async (dir) => {
        builds += 1;
        const content = posts;
        if (hold) {
          await new Promise<void>((resolve) => {
            release = resolve;
            onHold();
          });
          held = new Promise<void>((resolve) => (onHold = resolve));
        }
        await mkdir(path.join(dir, 'fragment'), { recursive: true });
        await writeFile(path.join(dir, 'pagefind-entry.json'), content);
        await writeFile(path.join(dir, 'fragment', `en_${content}.pf_fragment`), content);
      },
    });
  }

  const text = async (live: LiveSearchIndex, name: string) => (await live.read(name))?.toString();
  /** Waits for the check or build under way, if any (no new check: the clock has not moved). */
  const settle = (live: LiveSearchIndex) => live.refresh({ wait: true });

  it('starts from the version the build wrote', async () => {
    await mkdir(path.join(root, 'build'));
    await writeFile(path.join(root, 'build', 'pagefind-entry.json'), 'built');
    await writePointer(root, { dir: 'build', version: 'v1' });
    const live = index();
    expect(await text(live, 'pagefind-entry.json')).toBe('built');
    await settle(live);
    expect(builds).toBe(0); // the posts are as built
  });

  it('builds a first version when there is none', async () => {
    const live = index();
    expect(await text(live, 'pagefind-entry.json')).toBe('v1');
    expect(builds).toBe(1);
  });

  it('rebuilds when the posts change, at most once a minute, and keeps the version before readable', async () => {
    const live = index();
    await text(live, 'pagefind-entry.json');
    time += REBUILD_INTERVAL_MS;
    posts = 'v2';
    await text(live, 'pagefind-entry.json'); // noticed: rebuilt in the background
    await settle(live);
    expect(await text(live, 'pagefind-entry.json')).toBe('v2');
    expect(builds).toBe(2);
    // A page that loaded v1 still gets its files.
    expect(await text(live, 'fragment/en_v1.pf_fragment')).toBe('v1');

    // Changed again within the minute: not rebuilt yet, whatever the requests.
    posts = 'v3';
    for (let step = 0; step < 5; step += 1) {
      time += CHECK_INTERVAL_MS;
      await text(live, 'pagefind-entry.json');
      await settle(live);
    }
    expect(builds).toBe(2);
    expect(await text(live, 'pagefind-entry.json')).toBe('v2');

    // A minute after the last build: rebuilt, and the oldest version removed.
    time += REBUILD_INTERVAL_MS;
    await live.refresh({ now: true, wait: true });
    expect(builds).toBe(3);
    expect(await text(live, 'pagefind-entry.json')).toBe('v3');
    expect(await text(live, 'fragment/en_v2.pf_fragment')).toBe('v2');
    expect(await live.read('fragment/en_v1.pf_fragment')).toBeUndefined();
    expect((await readdir(root)).filter((name) => name.startsWith('live-'))).toHaveLength(2);
  });

  it('serves the whole old version while a new one is being written', async () => {
    const live = index(true);
    const first = text(live, 'pagefind-entry.json');
    await held;
    release?.();
    expect(await first).toBe('v1');
    time += REBUILD_INTERVAL_MS;
    posts = 'v2';
    const rebuilt = live.refresh({ now: true, wait: true });
    await held;
    // Building (held): readers still get v1, entry and data alike.
    expect(await text(live, 'pagefind-entry.json')).toBe('v1');
    expect(await text(live, 'fragment/en_v1.pf_fragment')).toBe('v1');
    release?.();
    await rebuilt;
    expect(await text(live, 'pagefind-entry.json')).toBe('v2');
  });

  it('serves only files of the index', async () => {
    const live = index();
    await writeFile(path.join(root, 'secret.txt'), 'no');
    for (const name of ['../secret.txt', '/etc/passwd', 'a/../../secret.txt', '..', 'fragment/../../x', 'a/b/c.js', '']) {
      expect(await live.read(name), name).toBeUndefined();
    }
  });
});
