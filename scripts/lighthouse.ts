/**
 * `npm run lighthouse -- [--dir out] [--pages /,/posts/welcome/] [--runs 3] [--pictures]`
 *
 * Serves the static export (build it first with `npm run build`) on 127.0.0.1 and runs Lighthouse
 * (mobile preset, Debian's Chromium or CHROME_PATH) on the home page and the newest post, or on the
 * given pages, `--runs` times each (the median score of each category counts). Prints the four
 * scores per page, keeps the HTML reports in `lighthouse-reports/`, and exits 1 when a page misses a
 * budget (performance 95, the others 100).
 *
 * `--pictures` first builds a copy of the project with the shipped posts and the picture posts
 * (scripts/lib/generate-pictures.ts: a 4000×3000 JPEG cover and three body pictures beside the
 * post) and audits the picture post, 3 runs unless `--runs` says otherwise.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PICTURE_POST, writePicturePosts } from './lib/generate-pictures';
import { budgets, missedBudgets, runLighthouse, type LighthouseScores } from './lib/lighthouse';
import { makeProjectCopy, projectRoot, runNpm, startStatic } from './lib/next-project';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out' },
    pages: { type: 'string' },
    runs: { type: 'string' },
    pictures: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs ?? (values.pictures ? '3' : '1'));
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a whole number of at least 1, found ${values.runs}`);

/** A copy of the project with the shipped posts and the picture posts, built as an author would. */
async function buildWithPictures(): Promise<string> {
  const dir = await makeProjectCopy(path.join(projectRoot, '.bench'), 'lighthouse');
  await cp(path.join(projectRoot, '_posts'), path.join(dir, '_posts'), { recursive: true });
  await writePicturePosts(path.join(dir, '_posts'));
  console.log(`building ${path.relative(process.cwd(), dir)} with the picture posts...`);
  const { code, output } = await runNpm(dir, ['run', 'build']);
  if (code !== 0) throw new Error(`npm run build failed:\n${output}`);
  return path.join(dir, 'out');
}

const outDir = values.pictures ? await buildWithPictures() : path.resolve(values.dir);
if (!existsSync(path.join(outDir, 'index.html'))) {
  console.error(`No static export in ${outDir}: run \`npm run build\` first.`);
  process.exit(1);
}

function defaultPages(): string[] {
  const postsDir = path.join(outDir, 'posts');
  const first = existsSync(postsDir) ? readdirSync(postsDir).sort()[0] : undefined;
  return first ? ['/', `/posts/${first}/`] : ['/'];
}

const pages = values.pages
  ? values.pages.split(',')
  : values.pictures
    ? ['/', `/posts/${PICTURE_POST}/`]
    : defaultPages();

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}
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
    const all: LighthouseScores[] = [];
    let failing: string[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await runLighthouse(
        `${server.url}${route}`,
        path.join(reports, runs > 1 ? `${name}-${run + 1}` : name),
      );
      all.push(result.scores);
      failing = result.failing;
    }
    const scores: LighthouseScores = {
      performance: median(all.map((each) => each.performance)),
      accessibility: median(all.map((each) => each.accessibility)),
      'best-practices': median(all.map((each) => each['best-practices'])),
      seo: median(all.map((each) => each.seo)),
    };
    if (runs > 1)
      console.log(
        `${route}: performance ${all.map((each) => each.performance).join(', ')} (median ${scores.performance})`,
      );
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
