/**
 * What writers reach for, in a real browser on the static export: the copy button copies the code
 * (by keyboard too) and says so; a video facade asks nothing of the video host until it is clicked,
 * and is a plain link without scripts; math needs no stylesheet or font of its own; the updated
 * date reaches the page, the sitemap and the feeds; series and author pages pass axe in both themes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatic, type RunningServer } from '../build/project';
import { builtVariant } from '../build/shared-builds';
import { axeViolations, launchBrowser, newContext, recordProblems } from './browser';

const VIDEO_HOSTS = /^https?:\/\/([^/]*\.)?(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com)\//;

describe('writer features in Chromium (static export)', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = (await builtVariant('export')).dir;
    server = await startStatic(path.join(dir, 'out'));
    browser = await launchBrowser();
    context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const file = (route: string) => readFileSync(path.join(dir, 'out', route), 'utf8');

  it('copies a code block with its button, from the keyboard, and says "Copied"', async () => {
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${server.url}/posts/markdown-guide/`, { waitUntil: 'networkidle' });
    const buttons = page.getByRole('button', { name: 'Copy code' });
    // Every block has one: the plain, titled, diff and numbered ones.
    expect(await buttons.count()).toBe(await page.locator('.prose pre').count());
    // By position: once it says "Copied", its name is no longer "Copy code".
    const second = page.locator('.code-copy').nth(1);
    expect(await second.getAttribute('aria-label')).toBe('Copy code');
    await second.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => second.textContent()).toBe('Copied');
    expect(await page.getByRole('status').textContent()).toBe('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sends the copy script only to posts with code, and no new JavaScript file to any page', () => {
    const guide = file('posts/markdown-guide/index.html');
    const seed = file('posts/dynamic-routing/index.html');
    expect(guide).toContain("querySelectorAll('.prose pre')");
    expect(seed).not.toContain("querySelectorAll('.prose pre')");
    const chunks = (html: string) => [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]).sort();
    expect(chunks(guide)).toEqual(chunks(seed));
  });

  it('loads nothing from the video host until the facade is clicked, then plays from youtube-nocookie.com', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/posts/watch-the-talk/`, { waitUntil: 'networkidle' });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => VIDEO_HOSTS.test(url))).toEqual([]);
    const facade = page.getByRole('link', { name: 'The talk, with captions (video on YouTube)' });
    await facade.click();
    const frame = page.locator('.video-embed iframe');
    await expect
      .poll(() => frame.getAttribute('src'))
      .toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
    expect(await frame.getAttribute('title')).toBe('The talk, with captions');
    await expect
      .poll(() => requests.some((url) => url.startsWith('https://www.youtube-nocookie.com/embed/')))
      .toBe(true);
    await page.close();
  });

  it('is a plain link to the video when scripts are off', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    await noScript.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    const page = await noScript.newPage();
    await page.goto(`${server.url}/posts/watch-the-talk/`);
    expect(await page.locator('a.video-facade').getAttribute('href')).toBe(
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    );
    expect(await page.locator('.video-embed iframe').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy code' }).count()).toBe(0);
    await noScript.close();
  });

  it('draws math as MathML with the stylesheets and fonts every post has, nothing more', async () => {
    const loaded = async (route: string) => {
      const page = await context.newPage();
      const assets: string[] = [];
      page.on('request', (request) => {
        if (['stylesheet', 'font'].includes(request.resourceType())) assets.push(new URL(request.url()).pathname);
      });
      await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
      const math = await page.locator('math').count();
      await page.close();
      return { assets: assets.sort(), math };
    };
    const withMath = await loaded('/posts/markdown-guide/');
    const without = await loaded('/posts/dynamic-routing/');
    expect(withMath.math).toBeGreaterThan(1);
    expect(without.math).toBe(0);
    expect(withMath.assets).toEqual(without.assets);
  });

  it('carries the updated date to the page, the sitemap, JSON-LD and the Atom and JSON feeds', () => {
    const guide = file('posts/markdown-guide/index.html');
    expect(guide).toMatch(/Updated <time dateTime="2026-12-05">December 5, 2026<\/time>/);
    expect(guide).toContain('"dateModified":"2026-12-05"');
    expect(file('sitemap.xml')).toMatch(
      /<loc>https:\/\/blog\.example\.com\/posts\/markdown-guide\/<\/loc>\s*<lastmod>2026-12-05/,
    );
    expect(file('atom.xml')).toMatch(
      /<id>https:\/\/blog\.example\.com\/posts\/markdown-guide\/<\/id>[\s\S]*?<updated>2026-12-05T00:00:00\.000Z<\/updated>/,
    );
    const feed: { items: { url: string; date_modified: string }[] } = JSON.parse(file('feed.json'));
    expect(feed.items.find((item) => item.url.endsWith('/posts/markdown-guide/'))?.date_modified).toBe(
      '2026-12-05T00:00:00.000Z',
    );
  });

  it('publishes the series and author pages, in the sitemap, with the parts and posts in order', async () => {
    const sitemap = file('sitemap.xml');
    for (const route of ['/series/', '/series/getting-started/', '/authors/team/']) {
      expect(sitemap).toContain(`<loc>https://blog.example.com${route}</loc>`);
      expect((await fetch(`${server.url}${route}`)).status, route).toBe(200);
    }
    const guide = file('posts/markdown-guide/index.html');
    // The series of the shipped guides, which this build's oldest post joins as its first part.
    expect(guide.replaceAll('<!-- -->', '')).toContain('Part 3 of 3 of the series');
    const feed = await fetch(`${server.url}/authors/team/feed.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<title><![CDATA[The markdown this blog understands]]></title>');
    const talk = file('posts/watch-the-talk/index.html');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(talk)?.[1] ?? '{}');
    expect(jsonLd.author).toEqual([
      { '@type': 'Person', name: 'The Markdown Blog team', url: 'https://blog.example.com/authors/team/' },
      { '@type': 'Person', name: 'Ann Other' },
    ]);
  });

  it.each(['light', 'dark'] as const)('passes axe in the %s theme on the new kinds of page', async (scheme) => {
    const themed = await newContext(browser, scheme);
    const violations: string[] = [];
    for (const route of ['/posts/watch-the-talk/', '/series/getting-started/', '/series/', '/authors/team/']) {
      violations.push(...(await axeViolations(themed, `${server.url}${route}`)).map((line) => `${route} ${line}`));
    }
    await themed.close();
    expect(violations).toEqual([]);
  });
});
