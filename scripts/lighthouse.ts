/**
 * `npm run lighthouse -- [--dir out] [--pages /,/posts/welcome/]`
 *
 * Serves the static export (build it first with `npm run build`) on 127.0.0.1 and runs Lighthouse
 * (mobile preset, Debian's Chromium or CHROME_PATH) on the home page and the newest post, or on the
 * given pages. Prints the four scores per page, keeps the HTML reports in `lighthouse-reports/`,
 * and exits 1 when a page misses a budget (performance 95, the others 100).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { budgets, missedBudgets, runLighthouse } from './lib/lighthouse';
import { projectRoot, startStatic } from './lib/next-project';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out' },
    pages: { type: 'string' },
  },
});

const outDir = path.resolve(values.dir);
if (!existsSync(path.join(outDir, 'index.html'))) {
  console.error(`No static export in ${outDir}: run \`npm run build\` first.`);
  process.exit(1);
}

function defaultPages(): string[] {
  const postsDir = path.join(outDir, 'posts');
  const first = existsSync(postsDir) ? readdirSync(postsDir).sort()[0] : undefined;
  return first ? ['/', `/posts/${first}/`] : ['/'];
}

const pages = values.pages ? values.pages.split(',') : defaultPages();
const reports = path.join(projectRoot, 'lighthouse-reports');
const server = await startStatic(outDir);
let failed = false;
try {
  console.log(
    `budgets: ${Object.entries(budgets)
      .map(([name, score]) => `${name} ${score}`)
      .join(', ')}`,
  );
  for (const route of pages) {
    const name = route === '/' ? 'home' : route.replace(/^\/|\/$/g, '').replaceAll('/', '_');
    const { scores, failing } = await runLighthouse(`${server.url}${route}`, path.join(reports, name));
    const missed = missedBudgets(scores);
    failed ||= missed.length > 0;
    console.log(
      `${route.padEnd(32)} ${Object.entries(scores)
        .map(([category, score]) => `${category} ${score}`)
        .join('  ')}${missed.length ? '  MISSED' : ''}`,
    );
    if (missed.length) for (const audit of failing) console.log(`    ${audit}`);
  }
  console.log(`reports: ${path.relative(process.cwd(), reports)}/`);
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
