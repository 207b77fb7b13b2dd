/**
 * The checks a reader would make, run against any running copy of the site (the static export
 * behind a static server, or `next start`): click through, crawl every page, keyboard only, axe.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  axeViolations,
  crawl,
  launchBrowser,
  newContext,
  recordProblems,
  tabThrough,
  type CrawlResult,
} from './browser';

type SiteCheckOptions = {
  /**
   * A page of this site with pagination links (the site has more than `site.postsPerPage` posts),
   * checked by axe in both themes like the pages every site has.
   */
  paginated?: string;
  /**
   * The pages axe checks, light and dark. By default every kind of page the site has; a run that
   * serves the same components another way (`next start`) may check fewer.
   */
  axe?: { light: string[]; dark: string[] };
};

const EVERY_KIND = {
  light: [
    '/',
    '/posts/dynamic-routing/',
    '/posts/markdown-guide/',
    '/page/1/',
    '/tags/',
    '/tags/markdown/',
    '/no-such-page/',
  ],
  dark: ['/', '/posts/markdown-guide/', '/tags/'],
};

export function siteChecks(origin: () => string, { paginated, axe = EVERY_KIND }: SiteCheckOptions = {}) {
  const extraRoutes = paginated ? [paginated] : [];
  let browser: Browser;
  let context: BrowserContext;
  let site: CrawlResult;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    site = await crawl(context, origin());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('goes from the home page to a post by clicking its title', async () => {
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${origin()}/`);
    const link = page.locator('main article h2 a').first();
    const title = (await link.textContent())?.trim() ?? '';
    expect(title).not.toBe('');
    await link.click();
    await page.waitForURL(/\/posts\/[^/]+\/$/);
    await expect.poll(async () => (await page.locator('h1').textContent())?.trim()).toBe(title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('crawls every page from the home page: each link, image, script and style answers 200', () => {
    expect(site.pages).toEqual(expect.arrayContaining(['/', '/posts/dynamic-routing/', '/posts/welcome/']));
    const broken = [...site.statuses].filter(([, status]) => status !== 200 && status !== 304);
    expect(broken).toEqual([]);
    expect(site.statuses.size).toBeGreaterThan(site.pages.length);
  });

  it('logs no console error, hydration warning or failed request on any page', () => {
    expect(Object.fromEntries(site.problems)).toEqual({});
  });

  it('gives every image alt text', () => {
    expect(Object.fromEntries(site.imagesWithoutAlt)).toEqual({});
  });

  it('shows the 404 page, with status 404, for an unknown URL', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${origin()}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.waitForURL(`${origin()}/`);
    await page.close();
  });

  it.each(['/', '/posts/markdown-guide/'])(
    'reaches every link on %s with Tab alone, in order, with a visible focus ring',
    async (route) => {
      const { stops, links } = await tabThrough(context, `${origin()}${route}`);
      expect(stops.map((stop) => stop.href ?? stop.text)).toEqual(links);
      const invisible = stops.filter((stop) => !stop.visible);
      expect(invisible).toEqual([]);
    },
  );

  it.each([...axe.light, ...extraRoutes])('has no axe violations on %s', async (route) => {
    expect(await axeViolations(context, `${origin()}${route}`)).toEqual([]);
  });

  it('follows a dark system theme from the first paint, toggles, and remembers the choice', async () => {
    const dark = await newContext(browser, 'dark');
    const page = await dark.newPage();
    const problems = recordProblems(page);
    // Before any framework script runs, the theme must already be on <html>: no flash of the light theme.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.dataset.darkAtLoad = String(document.documentElement.classList.contains('dark'));
      });
    });
    await page.goto(`${origin()}/`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.dataset.darkAtLoad)).toBe('true');
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const darkBackground = await background();

    await toggle.click();
    expect(await background()).not.toBe(darkBackground);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.dataset.darkAtLoad)).toBe('false');
    await expect.poll(() => page.getByRole('button', { name: 'Dark mode' }).getAttribute('aria-pressed')).toBe('false');
    expect(problems).toEqual([]);
    await dark.close();
  });

  it.each([...axe.dark, ...extraRoutes])('has no axe violations in the dark theme on %s', async (route) => {
    const dark = await newContext(browser, 'dark');
    expect(await axeViolations(dark, `${origin()}${route}`)).toEqual([]);
    await dark.close();
  });

  if (paginated) {
    it(`has pagination links on ${paginated}, so that axe checked them`, async () => {
      const page = await context.newPage();
      await page.goto(`${origin()}${paginated}`);
      expect(await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link').count()).toBeGreaterThan(0);
      await page.close();
    });
  }

  it('finds a post by a word that only its body holds, and loads search code only on the search page', async () => {
    expect([...site.statuses.keys()].filter((url) => url.includes('/pagefind/'))).toEqual([]);
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${origin()}/search/`, { waitUntil: 'networkidle' });
    await page.getByLabel('Search the posts').fill('e-commerce');
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
      .toBe('1 result for “e-commerce”');
    const result = page.getByRole('link', { name: 'Dynamic Routing and Static Generation' });
    expect(await result.getAttribute('href')).toBe('/posts/dynamic-routing/');
    expect(await page.locator('mark').first().textContent()).toBe('e-commerce');
    await page.getByLabel('Search the posts').fill('zzzznotaword');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('No results for “zzzznotaword”');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a result with its title and date above an excerpt of the body, not of the page header', async () => {
    const page = await context.newPage();
    // The seed post's title and its body's first words: an excerpt of the page would start at its header.
    await page.goto(`${origin()}/search/?q=routing`, { waitUntil: 'networkidle' });
    const result = page.getByRole('listitem').filter({
      has: page.getByRole('link', { name: 'Dynamic Routing and Static Generation' }),
    });
    await expect.poll(() => result.count(), { timeout: 10_000 }).toBe(1);
    const [date, excerpt] = await result.locator('p').allTextContents();
    expect(date).toBe('March 16, 2020');
    expect(excerpt).toMatch(/routing/i);
    for (const header of ['JJ Kasper', 'March 16, 2020', 'min read']) expect(excerpt).not.toContain(header);
    await page.close();
  });
}
