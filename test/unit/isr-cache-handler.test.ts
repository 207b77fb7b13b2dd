/**
 * The ISR cache handler (scripts/isr-cache-handler.mjs) on a folder laid out like `.next/server`:
 * pages are kept as Next keeps them, while a 404 is never written and removes what its address
 * had, the build's pre-rendered copy included, but never another route's copy.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import IsrCacheHandler, { isNotFound, type CacheValue } from '../../scripts/isr-cache-handler.mjs';

/** Next's storage key for `pathname` rendered by the page `sourceRoute` (next/dist/server/lib/route-cache-key.js). */
function keyOf(pathname: string, sourceRoute: string): string {
  return `/route-cache/APP_PAGE/${createHash('sha256').update(sourceRoute).digest('hex')}/$${pathname}`;
}

/** An App Router page as Next stores it. */
function page(html: string, status = 200): CacheValue {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from('rsc'),
    headers: {},
    postponed: undefined,
    status,
    segmentData: undefined,
  };
}

const getContext = { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false };
const setContext = { ...getContext, cacheControl: { revalidate: 60, expire: undefined } };

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('ISR cache handler', () => {
  let serverDir: string;
  let handler: IsrCacheHandler;

  /** Writes the build's pre-rendered copy of `pathname` (under `app/`), owned by the page `sourceRoute`. */
  async function writeBuildCopy(pathname: string, sourceRoute: string, html: string): Promise<string> {
    const base = path.join(serverDir, 'app', pathname);
    await mkdir(`${base}.segments`, { recursive: true });
    await writeFile(`${base}.html`, html);
    await writeFile(`${base}.rsc`, 'rsc');
    await writeFile(path.join(`${base}.segments`, '_tree.segment.rsc'), 'tree');
    const routeCache = {
      key: keyOf(pathname, sourceRoute),
      owner: { kind: 'APP_PAGE', sourceRoute },
      isFallback: false,
    };
    await writeFile(`${base}.meta`, JSON.stringify({ headers: {}, segmentPaths: ['/_tree'], routeCache }));
    return base;
  }

  beforeEach(async () => {
    serverDir = await mkdtemp(path.join(tmpdir(), 'isr-cache-'));
    handler = new IsrCacheHandler({
      fs: nodeFs,
      serverDistDir: serverDir,
      flushToDisk: true,
      maxMemoryCacheSize: 1024 * 1024,
      revalidatedTags: [],
      _requestHeaders: {},
    });
  });

  afterEach(async () => {
    await rm(serverDir, { recursive: true, force: true });
  });

  it('tells a not-found result from a page', () => {
    expect(isNotFound(null)).toBe(true);
    expect(isNotFound(page('<p>Not found</p>', 404))).toBe(true);
    expect(isNotFound({ kind: 'APP_ROUTE', status: 404, body: Buffer.from('Not found'), headers: {} })).toBe(true);
    expect(isNotFound(page('<p>Hello</p>'))).toBe(false);
    expect(isNotFound({ kind: 'APP_ROUTE', status: 200, body: Buffer.from('<rss/>'), headers: {} })).toBe(false);
  });

  it('serves the build copy, then keeps a regenerated page as Next does', async () => {
    const key = keyOf('/posts/kept', '/posts/[slug]/page');
    await writeBuildCopy('/posts/kept', '/posts/[slug]/page', '<p>Built</p>');
    expect((await handler.get(key, getContext))?.value).toMatchObject({ html: '<p>Built</p>' });
    await handler.set(key, page('<p>Regenerated</p>'), setContext);
    expect((await handler.get(key, getContext))?.value).toMatchObject({ html: '<p>Regenerated</p>' });
    expect(existsSync(path.join(serverDir, `${key}.html`))).toBe(true);
  });

  it('forgets an address that turns into a 404: its entry, its copy in memory and the build copy', async () => {
    const key = keyOf('/posts/deleted', '/posts/[slug]/page');
    const built = await writeBuildCopy('/posts/deleted', '/posts/[slug]/page', '<p>Built</p>');
    await handler.set(key, page('<p>Regenerated</p>'), setContext);
    await handler.set(key, page('<p>Not found</p>', 404), setContext);
    expect(await handler.get(key, getContext)).toBeNull();
    expect(await files(serverDir)).toEqual([]);
    expect(existsSync(`${built}.html`)).toBe(false);
  });

  it('writes nothing for a 404 at an unknown address', async () => {
    await writeBuildCopy('/posts/other', '/posts/[slug]/page', '<p>Other</p>');
    const before = await files(serverDir);
    const key = keyOf('/posts/nope-1', '/posts/[slug]/page');
    await handler.set(key, page('<p>Not found</p>', 404), setContext);
    expect(await handler.get(key, getContext)).toBeNull();
    expect(await files(serverDir)).toEqual(before);
  });

  it("leaves another route's build copy of the same path alone", async () => {
    await writeBuildCopy('/posts/shared', '/posts/[slug]/page', '<p>The post</p>');
    const before = await files(serverDir);
    await handler.set(keyOf('/posts/shared', '/[...alias]/page'), page('<p>Not found</p>', 404), setContext);
    expect(await files(serverDir)).toEqual(before);
  });
});
