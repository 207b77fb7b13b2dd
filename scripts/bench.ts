/**
 * `npm run bench -- [--posts 1000] [--lighthouse] [--keep]`
 *
 * Generates N realistic posts into a copy of the project, runs the static export build (and the same
 * build with 3 posts, for the marginal cost per post), and prints a table of figures; the same
 * figures go to `.bench/results-<N>.json`. Figures, never pass/fail: budgets live in the tests.
 * Both builds also hold the picture posts (scripts/lib/generate-pictures.ts), whose pictures are
 * encoded from a cold image cache by the first: the bench prints how many files each build's image
 * step encoded (the second, and a third run of the step with nothing changed, encode none), and
 * the bytes a phone downloads for the 4000×3000-cover post against the originals it used to get.
 *
 * `npm run bench -- --reference DIR|floor [--runs 3] [--posts N] [--no-covers] [--rebuild] [--next-alone]`
 *
 * Paired cold builds against another Next.js project that reads `_posts/` (scripts/lib/paired-bench.ts):
 * each project's own posts, or N generated posts for both; medians and the ratio. `floor` is a bare
 * Next.js project with one trivial page per post, topped up to as many routes as the blog writes
 * (scripts/lib/floor-project.ts): what Next itself costs. `--next-alone` also times the blog's
 * `next build` by itself, bodies from the render cache: what Next costs for the blog's own pages.
 *
 * `npm run bench -- --server [--posts 100] [--seconds 30] [--connections 50] [--keep]`
 *
 * Server mode under load: two instances sharing a real Redis, autocannon, posts changing meanwhile
 * (scripts/lib/server-bench.ts).
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import { renderMarkdown } from '../lib/markdown';
import { PICTURE_POST, writePicturePosts } from './lib/generate-pictures';
import { generatedPost, generatePosts, postSlug } from './lib/generate-posts';
import { runLighthouse } from './lib/lighthouse';
import { makeProjectCopy, projectRoot, runNext, runNpm, startStatic } from './lib/next-project';
import { pairedBench } from './lib/paired-bench';
import { appShape, makeFloorProject, setFloorExtraRoutes } from './lib/floor-project';
import { serverBench } from './lib/server-bench';
import { firstLoadScripts, scrollThroughPage } from './lib/page-weight';

const { values } = parseArgs({
  options: {
    posts: { type: 'string' },
    lighthouse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reference: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'no-covers': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'next-alone': { type: 'boolean', default: false },
    server: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
  },
});
const count = Number(values.posts ?? '1000');
if (!Number.isInteger(count) || count < 4)
  throw new Error(`--posts must be a whole number of at least 4, found ${values.posts}`);

const benchDir = path.join(projectRoot, '.bench');

function progress(text: string) {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
  else process.stderr.write(`${text}\n`);
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
async function treeRss(root: number): Promise<number> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const page = 4096;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(name));
      children.set(parent, list);
      rss.set(Number(name), Number(fields[21]) * page);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

type ImageStep = { line: string; encoded: number; seconds: number };

type BuildFigures = { posts: number; seconds: number; peakRssBytes: number; dir: string; images: ImageStep };

/** Runs the image step of a build (`npm run check -- --images`) in `dir` and reads its summary line. */
async function imageStep(dir: string): Promise<ImageStep> {
  const result = await runNpm(dir, ['run', 'check', '--', '--images']);
  // The summary, not the progress lines before it.
  const line = /^Images: .* files encoded, .* from cache, .*$/m.exec(result.output)?.[0];
  if (result.code !== 0 || !line) throw new Error(`the image step failed:\n${result.output}`);
  const number = (pattern: RegExp) => Number(pattern.exec(line)?.[1] ?? Number.NaN);
  return { line, encoded: number(/(\d+) files encoded/), seconds: number(/in ([\d.]+) s/) };
}

async function buildWith(posts: number): Promise<BuildFigures> {
  const dir = await makeProjectCopy(benchDir, `n${posts}`);
  progress(`generating ${posts} posts...`);
  await generatePosts(path.join(dir, '_posts'), posts);
  await writePicturePosts(path.join(dir, '_posts'));
  progress(`encoding pictures for ${posts} posts...`);
  const images = await imageStep(dir);
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const ticker = setInterval(
    () => progress(`building ${posts} posts: ${Math.round((performance.now() - started) / 1000)} s`),
    1000,
  );
  const result = await runNext(dir, ['build'], {}, (child) => {
    const poll = async () => {
      if (child.pid !== undefined) peak = Math.max(peak, await treeRss(child.pid));
      timer = setTimeout(() => void poll(), 200);
    };
    void poll();
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  clearTimeout(timer);
  progress(`built ${posts} posts in ${seconds.toFixed(1)} s\n`);
  if (result.code !== 0) throw new Error(`next build failed with ${posts} posts:\n${result.output}`);
  return { posts, seconds, peakRssBytes: peak, dir, images };
}

/** Lighthouse's phone: a Moto G Power, 412 CSS pixels wide at 1.75 device pixels each. */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

/**
 * Bytes of pictures a phone downloads reading the picture post of the export in `outDir` to its
 * end, against the bytes of the original files the post names (what a site without the pipeline sends).
 */
async function pictureBytes(
  outDir: string,
  postsDir: string,
): Promise<{ before: number; after: number; files: number }> {
  const folder = path.join(postsDir, PICTURE_POST);
  let before = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(jpe?g|png)$/.test(entry.name))
      before += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  const { launchBrowser } = await import('../test/e2e/browser');
  const server = await startStatic(outDir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'image')
        sizes.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        );
    });
    await page.goto(`${server.url}/posts/${PICTURE_POST}/`, { waitUntil: 'networkidle' });
    await scrollThroughPage(page);
    const after = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    return { before, after, files: sizes.length };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

async function pageFigures(outDir: string, route: string) {
  const html = await readFile(path.join(outDir, route, 'index.html'), 'utf8');
  const scripts = await firstLoadScripts(outDir, html);
  return {
    htmlBytes: Buffer.byteLength(html),
    jsBytes: scripts.raw,
    jsGzipBytes: scripts.gzip,
    ownJsGzipBytes: scripts.ownGzip,
  };
}

async function markdownThroughput(posts: number): Promise<number> {
  const bodies = Array.from(
    { length: Math.min(posts, 1000) },
    (_, index) => matter(generatedPost(index, posts)).content,
  );
  for (const body of bodies.slice(0, 20)) await renderMarkdown(body); // warm up
  const started = performance.now();
  for (const body of bodies) await renderMarkdown(body);
  return bodies.length / ((performance.now() - started) / 1000);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  // Cold: the first build encodes every picture (the cache is only ever a cache).
  await rm(path.join(projectRoot, 'node_modules', '.cache', 'markdown-blog', 'images'), {
    recursive: true,
    force: true,
  });
  const small = await buildWith(3);
  const large = await buildWith(count);
  progress('running the image step again, nothing changed...\n');
  const again = await imageStep(small.dir);
  progress('measuring what a phone downloads...\n');
  const pictures = await pictureBytes(path.join(small.dir, 'out'), path.join(small.dir, '_posts'));
  const outDir = path.join(large.dir, 'out');
  const out = await folderSize(outDir);
  const home = await pageFigures(outDir, '');
  const post = await pageFigures(outDir, path.join('posts', postSlug(0)));
  progress('timing the markdown pipeline...');
  const postsPerSecond = await markdownThroughput(count);
  progress('\n');

  let lighthouse: Awaited<ReturnType<typeof runLighthouse>> | undefined;
  if (values.lighthouse) {
    progress('running Lighthouse on the home page...\n');
    const server = await startStatic(outDir);
    try {
      lighthouse = await runLighthouse(`${server.url}/`, path.join(benchDir, `lighthouse-home-${count}`));
    } finally {
      await server.stop();
    }
  }

  const figures = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} RAM, Node ${process.version}`,
    posts: count,
    buildSeconds: Number(large.seconds.toFixed(2)),
    buildSeconds3: Number(small.seconds.toFixed(2)),
    marginalMsPerPost: Number((((large.seconds - small.seconds) * 1000) / (count - 3)).toFixed(2)),
    peakRssBytes: large.peakRssBytes,
    outBytes: out.bytes,
    outFiles: out.files,
    home,
    post,
    markdownPostsPerSecond: Math.round(postsPerSecond),
    images: { first: small.images, second: large.images, unchanged: again },
    pictureBytes: pictures,
    ...(lighthouse ? { lighthouseHome: lighthouse } : {}),
  };

  const rows: [string, string][] = [
    ['posts', String(count)],
    ['export build, wall time', `${figures.buildSeconds} s (3 posts: ${figures.buildSeconds3} s)`],
    ['marginal cost per post', `${figures.marginalMsPerPost} ms`],
    ['peak memory, process tree', mb(figures.peakRssBytes)],
    ['out/ size', `${mb(out.bytes)} in ${out.files} files`],
    ['home page HTML', kb(home.htmlBytes)],
    ['post page HTML', kb(post.htmlBytes)],
    ['first-load JS, home', `${kb(home.jsBytes)} raw, ${kb(home.jsGzipBytes)} gzipped`],
    ['first-load JS, post', `${kb(post.jsBytes)} raw, ${kb(post.jsGzipBytes)} gzipped`],
    ['own client JS, post', `${kb(post.ownJsGzipBytes)} gzipped`],
    ['markdown pipeline', `${figures.markdownPostsPerSecond} posts/s`],
    ['images, first build (cold)', `${small.images.encoded} files encoded in ${small.images.seconds} s`],
    ['images, next builds', `${large.images.encoded} encoded, then ${again.encoded} with nothing changed`],
    [
      `${PICTURE_POST} on a phone`,
      `${kb(pictures.after)} in ${pictures.files} pictures (originals: ${mb(pictures.before)})`,
    ],
  ];
  if (lighthouse) {
    const scores = Object.entries(lighthouse.scores).map(([name, score]) => `${name} ${score}`);
    rows.push(['Lighthouse, home (mobile)', scores.join(', ')]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\n${figures.machine}`);
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);

  const file = path.join(benchDir, `results-${count}.json`);
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);

  if (!values.keep) {
    await rm(small.dir, { recursive: true, force: true });
    await rm(large.dir, { recursive: true, force: true });
  }
}

if (values.server) {
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  if (!(seconds > 0) || !Number.isInteger(connections) || connections < 1)
    throw new Error(`--seconds must be positive and --connections a whole number, found ${values.seconds}, ${values.connections}`);
  await serverBench({
    benchDir,
    posts: values.posts === undefined ? 100 : count,
    seconds,
    connections,
    keep: values.keep,
    treeRss,
    progress,
  });
} else if (values.reference !== undefined) {
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a whole number of at least 1, found ${values.runs}`);
  // `floor`: a bare Next.js project with one page per post and the blog's route count (scripts/lib/floor-project.ts).
  let reference = values.reference;
  let matchRoutes: ((routes: number) => Promise<void>) | undefined;
  if (reference === 'floor') {
    const shape = await appShape(path.join(projectRoot, 'app'));
    const floor = await makeFloorProject(benchDir, shape);
    reference = floor;
    console.log(`floor: ${shape.pages} page files and ${shape.handlers} route handlers, as the blog's app/ has`);
    let ownPosts = 0;
    for (const name of await readdir(path.join(projectRoot, '_posts'))) {
      if (!name.endsWith('.md')) continue;
      await writeFile(path.join(floor, '_posts', name), await readFile(path.join(projectRoot, '_posts', name)));
      ownPosts++;
    }
    // The floor writes as many routes as the blog: one per post, the rest trivial extra pages.
    matchRoutes = (routes) => setFloorExtraRoutes(floor, values.posts === undefined ? ownPosts : count, routes, shape);
  }
  await pairedBench({
    reference,
    runs,
    posts: values.posts === undefined ? undefined : count,
    covers: !values['no-covers'],
    rebuild: values.rebuild,
    nextAlone: values['next-alone'],
    benchDir,
    treeRss,
    matchRoutes,
  });
} else {
  await main();
}
