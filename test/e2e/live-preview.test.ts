/**
 * Live preview under `npm run dev`: with a post open in Chromium, saving the file changes the page
 * without a reload; saving it invalid shows the problem (file:line:column) on the page; fixing it
 * brings the post back. On a copy of the project, so that the real `_posts/` is never touched.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProjectCopy } from '../../scripts/lib/next-project';
import { projectRoot, removeCopy, startDev, type RunningServer } from '../build/project';
import { launchBrowser, newContext } from './browser';

const post = (title: string, body = 'The body.') => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n${body}\n`;

/** The page's h1, or its problem's heading, whichever it shows. */
const heading = (page: Page) => page.locator('h1').first().textContent({ timeout: 60_000 });

describe('npm run dev: live preview', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    dir = await makeProjectCopy(path.join(projectRoot, '.test-builds'), 'live-preview');
    file = path.join(dir, '_posts', 'live.md');
    await writeFile(file, post('Before the save'));
    server = await startDev(dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await removeCopy(dir);
  });

  it('follows saves without a reload, and shows an invalid save as file:line:column on the page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The page listens once its event stream answers (its first compile can take a while).
    const listening = page.waitForResponse((response) => response.url().endsWith('/live-preview/'), {
      timeout: 120_000,
    });
    await page.goto(`${server.url}/posts/live/`, { waitUntil: 'load', timeout: 120_000 });
    await listening;
    expect(await heading(page)).toBe('Before the save');
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { keptAcrossSaves: true }));
    const kept = () => page.evaluate(() => 'keptAcrossSaves' in window);

    await writeFile(file, post('After the save', 'A new paragraph.'));
    await expect.poll(() => heading(page), { timeout: 60_000 }).toBe('After the save');
    expect(await page.getByText('A new paragraph.').count()).toBe(1);
    expect(await kept()).toBe(true);

    await writeFile(file, '---\ntitle: [unclosed\ndate: 2024-01-01\n---\n\nBody.\n');
    await expect.poll(() => heading(page), { timeout: 60_000 }).toBe('This post cannot be shown yet');
    // Next's route announcer is an alert too, and repeats the h1: this one is the post's.
    const alert = page.getByRole('alert').filter({ hasText: 'Fix it and save' });
    expect(await alert.textContent()).toMatch(/_posts\/live\.md:\d+:\d+: invalid YAML front matter/);
    expect(await kept()).toBe(true);

    await writeFile(file, post('Fixed again'));
    await expect.poll(() => heading(page), { timeout: 60_000 }).toBe('Fixed again');
    expect(await kept()).toBe(true);
    await context.close();
  });
});
