/**
 * Real-browser checks shared by the export and the server suites: Debian's Chromium driven by
 * playwright-core (never a downloaded browser). Requests that leave 127.0.0.1 (the seed post's
 * remote cover) are answered with a local stand-in image, so no test touches the network.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../scripts/lib/lighthouse';
import { projectRoot } from '../../scripts/lib/next-project';

const standInImage = readFileSync(path.join(projectRoot, 'public', 'assets', 'blog', 'welcome', 'cover.jpg'));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/** A browser context in which the outside world is a stand-in image, and what went wrong is recorded. */
export async function newContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/jpeg', body: standInImage }),
  );
  return context;
}

/** Adds to `problems` the console errors and warnings and the uncaught exceptions of `page`. */
function watchConsole(page: Page, problems: () => string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems().push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems().push(`uncaught: ${error.message}`));
}

/** Console errors and warnings, uncaught exceptions and failed requests seen by a page. */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  watchConsole(page, () => problems);
  page.on('requestfailed', (request) => {
    // A navigation away cancels pending requests; that is not a failure of the site.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()}`);
  });
  return problems;
}

export type CrawlResult = {
  pages: string[];
  /** Every same-site URL referenced (links, images, scripts, styles, fonts), with its status. */
  statuses: Map<string, number>;
  /** Per page: console errors, hydration warnings, failed requests. */
  problems: Map<string, string[]>;
  /** Per page: images without alt text. */
  imagesWithoutAlt: Map<string, string[]>;
};

/** Visits every page reachable by links from `start` on `origin`, checking everything each page references. */
export async function crawl(context: BrowserContext, origin: string, start = '/'): Promise<CrawlResult> {
  const result: CrawlResult = { pages: [], statuses: new Map(), problems: new Map(), imagesWithoutAlt: new Map() };
  const queue = [start];
  const seen = new Set(queue);
  const page = await context.newPage();
  let problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === origin) result.statuses.set(url.pathname + url.search, response.status());
  });
  for (let route = queue.shift(); route !== undefined; route = queue.shift()) {
    problems = [];
    await page.goto(origin + route, { waitUntil: 'load' });
    // Lazy images load as they scroll into view: scroll so that every image is requested.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    result.pages.push(route);
    const { links, missingAlt } = await page.evaluate(() => ({
      links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href),
      missingAlt: [...document.images].filter((img) => !img.alt.trim()).map((img) => img.src),
    }));
    if (missingAlt.length > 0) result.imagesWithoutAlt.set(route, missingAlt);
    for (const link of links) {
      const url = new URL(link);
      if (url.origin !== origin) continue;
      const target = url.pathname + url.search;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
    if (problems.length > 0) result.problems.set(route, problems);
  }
  await page.close();
  return result;
}

/** axe-core violations on the page at `url`, as readable lines. */
export async function axeViolations(context: BrowserContext, url: string): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const results = await new AxeBuilder({ page }).analyze();
  await page.close();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

export type FocusStop = { text: string; href: string | null; outline: string; visible: boolean };

/**
 * Presses Tab through the page and records each focused element: what it is and whether a focus
 * indicator is drawn (an outline or a box shadow).
 */
export async function tabThrough(
  context: BrowserContext,
  url: string,
  limit = 60,
): Promise<{ stops: FocusStop[]; links: string[] }> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const links = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
      ),
    ]
      .filter(
        (element) =>
          (element instanceof HTMLElement && element.offsetParent !== null) || element === document.activeElement,
      )
      .map((element) => element.getAttribute('href') ?? element.textContent?.trim() ?? ''),
  );
  const stops: FocusStop[] = [];
  for (let index = 0; index < limit; index++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const outline = `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
      const visible =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return { text: element.textContent?.trim() ?? '', href: element.getAttribute('href'), outline, visible };
    });
    if (!stop) break;
    if (stops.length > 0 && stops[0]?.href === stop.href && stops[0]?.text === stop.text) break; // wrapped around
    stops.push(stop);
  }
  await page.close();
  return { stops, links };
}
