/**
 * What a reader downloads: the JavaScript a page loads on first visit, summed over its
 * `<script src>` files. Scripts marked `nomodule` (legacy polyfills) are skipped: modern browsers,
 * which run modules, never fetch them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { projectRoot } from './next-project';

export type ScriptWeight = {
  files: string[];
  raw: number;
  gzip: number;
  /** Gzipped source of the project's own client components (`'use client'`), an upper bound of their share. */
  ownGzip: number;
};

const gzipped = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

/** The `src` of every script the page loads in a modern browser. */
function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    if (/\bnomodule\b/i.test(attributes)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (src) sources.add(src);
  }
  return [...sources];
}

/** Client components in the project: files under app/ and components/ that start with 'use client'. */
async function ownClientSources(): Promise<{ file: string; gzip: number }[]> {
  const found: { file: string; gzip: number }[] = [];
  for (const folder of ['app', 'components']) {
    for (const entry of await readdir(path.join(projectRoot, folder), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.(tsx?|jsx?)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const source = await readFile(file, 'utf8');
      if (/^\s*['"]use client['"]/.test(source))
        found.push({ file: path.relative(projectRoot, file), gzip: gzipped(source) });
    }
  }
  return found;
}

/** First-load JavaScript of a page of a static export in `outDir`, whose HTML is `html`. */
export async function firstLoadScripts(outDir: string, html: string, basePath = ''): Promise<ScriptWeight> {
  const files = scriptSources(html);
  let raw = 0;
  let gzip = 0;
  for (const src of files) {
    const local = src.split('?')[0]?.slice(basePath.length) ?? src;
    const data = await readFile(path.join(outDir, local));
    raw += data.length;
    gzip += gzipped(data);
  }
  const ownGzip = (await ownClientSources()).reduce((sum, source) => sum + source.gzip, 0);
  return { files, raw, gzip, ownGzip };
}

/**
 * Scrolls a loaded page down a screen at a time, as a reader would, so that each lazy picture
 * loads, then waits for the network to settle: what the bench's byte count and the picture test
 * both see.
 */
export async function scrollThroughPage(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y <= height; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  await page.waitForLoadState('networkidle');
}
