/**
 * A post with a 4000×3000 JPEG cover and three body pictures kept beside it (the shared `export`
 * build's picture post, scripts/lib/generate-pictures.ts), read on a phone in Chromium: the browser
 * downloads one AVIF of a fitting width for each picture, never an original or a fallback, and the
 * page never moves while they load (cumulative layout shift 0).
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { scrollThroughPage } from '../../scripts/lib/page-weight';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PICTURE_POST } from '../../scripts/lib/generate-pictures';
import { startStatic, type RunningServer } from '../build/project';
import { builtVariant } from '../build/shared-builds';
import { launchBrowser } from './browser';

/** Lighthouse's phone: a Moto G Power, 412 CSS pixels wide at 1.75 device pixels each. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

type Shown = { currentSrc: string; shownWidth: number; complete: boolean };

describe('pictures on a phone, from the static export', () => {
  let server: RunningServer;
  let browser: Browser;
  const requested: { url: string; type: string; bytes: number }[] = [];
  let shown: Shown[] = [];
  let shift = -1;

  beforeAll(async () => {
    server = await startStatic(path.join((await builtVariant('export')).dir, 'out'));
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'image') return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      requested.push({
        url: new URL(response.url()).pathname,
        type: response.headers()['content-type'] ?? '',
        bytes: body.length,
      });
    });
    // Layout shifts from the first paint on, as the Web Vitals library counts them.
    await page.addInitScript(() => {
      const state = window as unknown as { cls: number };
      state.cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const shiftEntry = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
          if (!shiftEntry.hadRecentInput) state.cls += shiftEntry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.url}/posts/${PICTURE_POST}/`, { waitUntil: 'networkidle' });
    await scrollThroughPage(page);
    await page.waitForFunction(() => [...document.images].every((image) => image.complete));
    shown = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('article img')].map((image) => ({
        currentSrc: new URL(image.currentSrc).pathname,
        shownWidth: image.getBoundingClientRect().width,
        complete: image.complete && image.naturalWidth > 0,
      })),
    );
    shift = await page.evaluate(() => (window as unknown as { cls: number }).cls);
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads one AVIF per picture, at the smallest width that fills its box on this screen', () => {
    expect(shown).toHaveLength(4);
    for (const image of shown) {
      expect(image.complete, image.currentSrc).toBe(true);
      expect(image.currentSrc).toMatch(/^\/_img\/[0-9a-f]{20}-\d+\.avif$/);
      const width = Number(/-(\d+)\.avif$/.exec(image.currentSrc)?.[1]);
      // Wide enough for the box at 1.75 device pixels per CSS pixel, and not the next size up.
      const needed = image.shownWidth * PHONE.deviceScaleFactor;
      expect(width === 640 || width >= needed, `${image.currentSrc} for ${needed} device pixels`).toBe(true);
      expect(width, image.currentSrc).toBeLessThanOrEqual(768);
    }
    const pictures = requested.filter((request) => request.url.startsWith('/_img/'));
    expect(pictures.map((request) => request.url).sort()).toEqual(shown.map((image) => image.currentSrc).sort());
    expect(pictures.every((request) => request.type === 'image/avif')).toBe(true);
  });

  it('downloads no original and no fallback: the 4000×3000 cover arrives in a few dozen KB', () => {
    expect(requested.filter((request) => !request.url.endsWith('.avif'))).toEqual([]);
    const cover = requested.find((request) => request.url === shown[0]?.currentSrc);
    expect(cover?.bytes).toBeGreaterThan(0);
    expect(cover?.bytes).toBeLessThan(150_000);
  });

  it('never moves the page while the pictures load (cumulative layout shift 0)', () => {
    expect(shift).toBe(0);
  });
});
