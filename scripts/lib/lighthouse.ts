/**
 * Lighthouse on one URL with Debian's Chromium (never a downloaded browser), mobile preset (the
 * default: emulated phone, simulated slow 4G). Returns the four category scores out of 100 and
 * keeps the HTML report.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type LighthouseScores = { performance: number; accessibility: number; 'best-practices': number; seo: number };

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Runs Lighthouse on `url` and writes `<reportBase>.html`. */
export async function runLighthouse(
  url: string,
  reportBase: string,
): Promise<{ scores: LighthouseScores; failing: string[] }> {
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: [...categories],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    await mkdir(path.dirname(reportBase), { recursive: true });
    const report = Array.isArray(result.report) ? result.report.join('') : result.report;
    await writeFile(`${reportBase}.html`, report);
    const score = (name: (typeof categories)[number]) => {
      const value = result.lhr.categories[name]?.score;
      if (typeof value !== 'number') throw new Error(`Lighthouse gave no ${name} score for ${url}`);
      return Math.round(value * 100);
    };
    const failing: string[] = [];
    for (const name of categories) {
      for (const ref of result.lhr.categories[name]?.auditRefs ?? []) {
        const audit = result.lhr.audits[ref.id];
        if (ref.weight > 0 && audit && typeof audit.score === 'number' && audit.score < 0.9) {
          const details = audit.details;
          const items =
            details && 'items' in details && Array.isArray(details.items)
              ? details.items.slice(0, 5).map((item) => JSON.stringify(item).slice(0, 300))
              : [];
          failing.push(
            `${name}: ${audit.title} (${audit.displayValue ?? audit.score})${items.map((item) => `\n      ${item}`).join('')}`,
          );
        }
      }
    }
    return {
      scores: {
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
      },
      failing,
    };
  } finally {
    chrome.kill();
  }
}

/** The scores every page must reach (mobile preset). */
export const budgets: LighthouseScores = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

/**
 * Categories whose score does not depend on the machine's speed: what `npm test` asserts.
 * Performance (Total Blocking Time moves with CPU load) is measured by `npm run lighthouse`.
 */
export const deterministicCategories = ['accessibility', 'best-practices', 'seo'] as const;

/** The categories of `scores` (of `among`, default all) below budget, as readable lines. */
export function missedBudgets(
  scores: LighthouseScores,
  among: readonly (keyof LighthouseScores)[] = categories,
): string[] {
  return among
    .filter((name) => scores[name] < budgets[name])
    .map((name) => `${name} ${scores[name]} < ${budgets[name]}`);
}
