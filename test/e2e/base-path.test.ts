/**
 * A sub-path deploy: `BASE_PATH=/blog` export served under /blog/ (as GitHub Pages serves a project
 * site). A browser crawls every page: nothing may be requested outside /blog/, nothing may fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatic, type RunningServer } from '../build/project';
import { PICTURE_POST } from '../../scripts/lib/generate-pictures';
import { BASE_SITE_URL as SITE, builtVariant, type SharedBuild } from '../build/shared-builds';
import { crawl, launchBrowser, newContext, type CrawlResult } from './browser';

describe('BASE_PATH=/blog export served under /blog/', () => {
  let dir: string;
  let build: SharedBuild;
  let server: RunningServer;
  let browser: Browser;
  let site: CrawlResult;
  const outside: string[] = [];
  const file = (route: string) => readFileSync(path.join(dir, 'out', route), 'utf8');

  beforeAll(async () => {
    // The shared `base` build: the shipped posts and the picture posts, `npm run build` with BASE_PATH=/blog.
    build = await builtVariant('base');
    dir = build.dir;
    server = await startStatic(path.join(dir, 'out'), '/blog');
    browser = await launchBrowser();
    const context = await newContext(browser);
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === server.url && !url.pathname.startsWith('/blog/')) outside.push(url.pathname);
    });
    site = await crawl(context, server.url, '/blog/');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('crawls every page without one request outside /blog/ and without a failure', () => {
    expect(site.pages).toEqual(
      expect.arrayContaining(['/blog/', '/blog/posts/welcome/', '/blog/tags/', '/blog/posts/writing-a-post/']),
    );
    expect(outside).toEqual([]);
    expect([...site.statuses].filter(([, status]) => status !== 200 && status !== 304)).toEqual([]);
    expect(Object.fromEntries(site.problems)).toEqual({});
    // Links and images written in markdown from the site root got the prefix too.
    const post = file('posts/welcome/index.html');
    expect(post).toContain('href="/blog/posts/writing-a-post/"');
    const pictures = file('posts/writing-a-post/index.html');
    expect(pictures).toMatch(/<img src="\/blog\/_img\/[0-9a-f]{20}-\d+\.jpg" alt="The cover of this post/);
    expect(pictures).not.toMatch(/(src|srcset|srcSet)="\/(?!blog\/)/);
    // Pictures beside a post, under the prefix, loaded by the crawl above (every request answered 200).
    expect(site.pages).toContain(`/blog/posts/${PICTURE_POST}/`);
    const essay = file(`posts/${PICTURE_POST}/index.html`);
    expect(essay).toMatch(/<source type="image\/avif" srcset="\/blog\/_img\/[0-9a-f]{20}-240\.avif 240w/);
    expect([...site.statuses.keys()].filter((url) => url.startsWith('/blog/_img/')).length).toBeGreaterThan(4);
    // Built after the other shared builds of this run: every picture came from the image cache.
    expect(build.output).toMatch(/Images: \d+ pictures, 0 files encoded/);
  });

  it('searches under /blog/ and links results there', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/blog/search/?q=e-commerce`, { waitUntil: 'networkidle' });
    const result = page.getByRole('link', { name: 'Dynamic Routing and Static Generation' });
    await expect.poll(() => result.getAttribute('href'), { timeout: 10_000 }).toBe('/blog/posts/dynamic-routing/');
    expect(outside).toEqual([]);
    await context.close();
  });

  it('puts the prefix in feeds, the sitemap, robots.txt and sharing tags', () => {
    expect(file('feed.xml')).toContain(`<link>${SITE}/blog/posts/`);
    expect(file('feed.xml')).not.toMatch(/(href|src)="\/(?!\/)/);
    // Pictures in feeds: every file of a srcset made absolute too.
    expect(file('feed.xml')).toMatch(new RegExp(`srcset="${SITE}/blog/_img/`));
    expect(file('feed.xml')).not.toMatch(/srcset="\/|, \/_img\//);
    expect(file('sitemap.xml')).toContain(`<loc>${SITE}/blog/tags/</loc>`);
    expect(file('sitemap.xml')).not.toMatch(new RegExp(`<loc>${SITE}/(?!blog/)`));
    expect(file('robots.txt')).toContain(`Sitemap: ${SITE}/blog/sitemap.xml`);
    const home = file('index.html');
    expect(home).toContain(`<meta property="og:image" content="${SITE}/blog/og/_site.png"/>`);
    expect(home).toContain('href="/blog/feed.xml"');
  });
});
