/**
 * Paired build timing against a reference project (`npm run bench -- --reference DIR`): the blog's
 * `npm run build` and the reference's `next build` run alternately, cold, on the same posts, and
 * the medians and their ratio are printed. A reference is any Next.js project that reads `_posts/`,
 * such as the official blog-starter (../shared/anchors/README.md says how to install a copy).
 *
 * Cold means: no `.next/`, no `out/`, no render cache, no worker bundle. `--rebuild` also times,
 * after each cold blog build, a second build with one post edited (caches kept), the case of an
 * author fixing a typo.
 *
 * `--next-alone` also times, after each cold blog build, the blog's `next build` by itself: no
 * check, no search index, `.next/` (and so Turbopack's cache) and the Open Graph cards removed, the
 * bodies read from the render cache the check wrote. That is what Next.js costs to compile and
 * render the blog's own pages, on top of which the blog's work per content comes; a target below
 * it cannot be met by the blog's code (docs/performance.md). With `--rebuild`, the same after one
 * more edit, `.next/` kept: Next's share of the rebuild.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generatePosts, postSlug } from './generate-posts';
import { makeProjectCopy, projectRoot } from './next-project';

export type PairedOptions = {
  reference: string;
  runs: number;
  /** Generated posts for both, or `undefined` for each project's own posts. */
  posts?: number;
  /** The blog's generated posts have no cover or ogImage (it draws cards); the reference's keep theirs. */
  covers: boolean;
  rebuild: boolean;
  /** Also time the blog's `next build` alone (see above). */
  nextAlone: boolean;
  benchDir: string;
  /** Resident memory of a process tree (bench.ts's /proc walk). */
  treeRss: (pid: number) => Promise<number>;
  /**
   * Called with the number of routes the blog's build wrote, before each reference build (which
   * then follows the blog's in every run): the floor writes as many (scripts/lib/floor-project.ts).
   */
  matchRoutes?: (routes: number) => Promise<void>;
};

type Timed = {
  seconds: number;
  peakBytes: number;
  /**
   * User + system CPU seconds of the whole process tree (from GNU time, when installed). Unlike
   * wall time, it hardly moves when other work shares the machine's cores.
   */
  cpuSeconds?: number;
  /** From Next's own output: "Compiled successfully in 12.6s". */
  compileSeconds?: number;
  /** From Next's own output: "Generating static pages … in 1139ms" (or "in 2.3s"). */
  pagesSeconds?: number;
  /** From the same line: the routes Next wrote ("(33/33)"). */
  routes?: number;
};

/** GNU time: its CPU figures include every descendant its child waited for (Next's workers, check's threads). */
const GNU_TIME = '/usr/bin/time';
const CPU_MARK = 'bench-cpu-seconds';

function nextPhases(output: string): Pick<Timed, 'compileSeconds' | 'pagesSeconds' | 'routes'> {
  // Next writes durations as 250ms, 3.2s, 45s or (from two minutes) 2.5min.
  const seconds = (value: string | undefined, unit: string | undefined) =>
    value === undefined ? undefined : Number(value) * (unit === 'ms' ? 0.001 : unit === 'min' ? 60 : 1);
  const compiled = /Compiled successfully in ([\d.]+)(ms|s|min)\b/.exec(output);
  const pages = /Generating static pages[^\n]*\(\d+\/(\d+)\) in ([\d.]+)(ms|s|min)\b/.exec(output);
  return {
    compileSeconds: seconds(compiled?.[1], compiled?.[2]),
    pagesSeconds: seconds(pages?.[2], pages?.[3]),
    routes: pages?.[1] === undefined ? undefined : Number(pages[1]),
  };
}

/** Runs a command to completion, timing it and polling the memory of its process tree. */
async function timed(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  treeRss: (pid: number) => Promise<number>,
): Promise<Timed> {
  const started = performance.now();
  let peak = 0;
  let output = '';
  const counted = existsSync(GNU_TIME);
  const code = await new Promise<number>((resolve, reject) => {
    const child = counted
      ? spawn(GNU_TIME, ['-f', `${CPU_MARK} %U %S`, command, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      if (child.pid !== undefined && child.exitCode === null) peak = Math.max(peak, await treeRss(child.pid));
      timer = setTimeout(() => void poll(), 200);
    };
    void poll();
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(status ?? 1);
    });
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${output.slice(-4000)}`);
  const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(output);
  return {
    seconds: (performance.now() - started) / 1000,
    peakBytes: peak,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined,
    ...nextPhases(output),
  };
}

const cpuNote = (figures: Timed) => (figures.cpuSeconds === undefined ? '' : ` (CPU ${figures.cpuSeconds.toFixed(1)} s)`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    SITE_URL: 'https://blog.example.com',
    ...extra,
  };
};

export async function pairedBench(options: PairedOptions): Promise<void> {
  const reference = path.resolve(options.reference);
  const nextBin = path.join(reference, 'node_modules', 'next', 'dist', 'bin', 'next');
  if (!existsSync(nextBin)) throw new Error(`${reference} has no node_modules/next: run npm install there first`);
  const referencePosts = path.join(reference, '_posts');
  const kept = path.join(options.benchDir, 'reference-posts-kept');

  const blog = await makeProjectCopy(options.benchDir, 'paired');
  const blogPosts = path.join(blog, '_posts');
  // The render cache and the worker bundle live beside node_modules, which the copy links.
  const renderCache = path.join(projectRoot, 'node_modules', '.cache', 'markdown-blog');

  if (options.posts === undefined) {
    for (const name of await readdir(path.join(projectRoot, '_posts'))) {
      await writeFile(path.join(blogPosts, name), await readFile(path.join(projectRoot, '_posts', name)));
    }
  } else {
    await generatePosts(blogPosts, options.posts, { cover: options.covers });
    // The reference's own posts are kept aside and put back at the end.
    await rm(kept, { recursive: true, force: true });
    await rename(referencePosts, kept);
    await mkdir(referencePosts);
    await generatePosts(referencePosts, options.posts, { cover: true });
  }

  const label = `${options.posts === undefined ? 'each its own posts' : `${options.posts} generated posts`}${options.covers ? '' : ', the blog without covers'}`;
  const blogNext = path.join(blog, 'node_modules', 'next', 'dist', 'bin', 'next');
  const results: Record<'blog' | 'reference' | 'rebuild' | 'nextAlone' | 'nextAloneRebuild', Timed[]> = {
    blog: [],
    reference: [],
    rebuild: [],
    nextAlone: [],
    nextAloneRebuild: [],
  };
  try {
    for (let run = 1; run <= options.runs; run++) {
      // Alternate which goes first, so that neither always meets a warmer disk cache; a reference
      // that matches the blog's route count needs the blog's build first.
      const order = run % 2 === 1 && !options.matchRoutes ? ['reference', 'blog'] : ['blog', 'reference'];
      for (const which of order) {
        if (which === 'reference') {
          await rm(path.join(reference, '.next'), { recursive: true, force: true });
          await rm(path.join(reference, 'out'), { recursive: true, force: true });
          const blogRoutes = results.blog.at(-1)?.routes;
          if (options.matchRoutes && blogRoutes !== undefined) await options.matchRoutes(blogRoutes);
          const figures = await timed(reference, process.execPath, [nextBin, 'build'], env(), options.treeRss);
          results.reference.push(figures);
          process.stderr.write(`run ${run}: reference ${figures.seconds.toFixed(1)} s${cpuNote(figures)}\n`);
        } else {
          for (const folder of ['.next', 'out', '.render-worker']) {
            await rm(path.join(blog, folder), { recursive: true, force: true });
          }
          await rm(renderCache, { recursive: true, force: true });
          const figures = await timed(blog, 'npm', ['run', 'build'], env(), options.treeRss);
          results.blog.push(figures);
          process.stderr.write(`run ${run}: blog ${figures.seconds.toFixed(1)} s${cpuNote(figures)}\n`);
          if (options.rebuild) {
            const edited = path.join(
              blogPosts,
              options.posts === undefined ? 'welcome.md' : `${postSlug(Math.floor(options.posts / 2))}.md`,
            );
            await appendFile(edited, `\nEdited for the rebuild, run ${run}.\n`);
            const again = await timed(blog, 'npm', ['run', 'build'], env(), options.treeRss);
            results.rebuild.push(again);
            process.stderr.write(`run ${run}: blog rebuild after one edit ${again.seconds.toFixed(1)} s${cpuNote(again)}\n`);
            if (options.nextAlone) {
              // The same rebuild without the blog's own steps: Next's share of it.
              await appendFile(edited, `\nEdited again for Next's own rebuild, run ${run}.\n`);
              const nextAgain = await timed(blog, process.execPath, [blogNext, 'build'], env(), options.treeRss);
              results.nextAloneRebuild.push(nextAgain);
              process.stderr.write(`run ${run}: blog next build alone, rebuild ${nextAgain.seconds.toFixed(1)} s${cpuNote(nextAgain)}\n`);
            }
          }
          if (options.nextAlone) {
            for (const folder of ['.next', 'out']) await rm(path.join(blog, folder), { recursive: true, force: true });
            // Cards are drawn by next/og in Next's page workers: Next's work, so drawn again.
            await rm(path.join(renderCache, 'og'), { recursive: true, force: true });
            const alone = await timed(blog, process.execPath, [blogNext, 'build'], env(), options.treeRss);
            results.nextAlone.push(alone);
            process.stderr.write(`run ${run}: blog next build alone ${alone.seconds.toFixed(1)} s${cpuNote(alone)}\n`);
          }
        }
      }
    }
  } finally {
    if (options.posts !== undefined) {
      await rm(referencePosts, { recursive: true, force: true });
      await rename(kept, referencePosts);
    }
    await rm(blog, { recursive: true, force: true });
  }

  const seconds = (list: Timed[]) => median(list.map((figures) => figures.seconds));
  const memory = (list: Timed[]) => `${(median(list.map((figures) => figures.peakBytes)) / 1024 ** 3).toFixed(2)} GiB`;
  const blogSeconds = seconds(results.blog);
  const referenceSeconds = seconds(results.reference);
  const all = (list: Timed[]) => list.map((figures) => figures.seconds.toFixed(1)).join(', ');
  const phases = (list: Timed[]) => {
    const compile = median(list.map((figures) => figures.compileSeconds ?? Number.NaN));
    const pages = median(list.map((figures) => figures.pagesSeconds ?? Number.NaN));
    return `compile ${compile.toFixed(1)} s, pages ${pages.toFixed(1)} s, the rest ${(seconds(list) - compile - pages).toFixed(1)} s`;
  };
  console.log(
    `\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`paired cold builds, ${label}, ${options.runs} runs each (medians)`);
  console.log(
    `  reference next build   ${referenceSeconds.toFixed(1)} s  (${all(results.reference)}), peak ${memory(results.reference)}`,
  );
  console.log(
    `  blog npm run build     ${blogSeconds.toFixed(1)} s  (${all(results.blog)}), peak ${memory(results.blog)}`,
  );
  console.log(`  ratio blog / reference ${(blogSeconds / referenceSeconds).toFixed(2)}×`);
  const cpu = (list: Timed[]) => median(list.map((figures) => figures.cpuSeconds ?? Number.NaN));
  if (!Number.isNaN(cpu(results.blog))) {
    console.log(
      `  CPU time (all processes): reference ${cpu(results.reference).toFixed(1)} s, blog ${cpu(results.blog).toFixed(1)} s, ratio ${(cpu(results.blog) / cpu(results.reference)).toFixed(2)}×`,
    );
  }
  const routes = (list: Timed[]) => list.at(-1)?.routes ?? '?';
  console.log(`  routes written: reference ${routes(results.reference)}, blog ${routes(results.blog)}`);
  console.log(`  reference: ${phases(results.reference)}`);
  console.log(`  blog:      ${phases(results.blog)} (check, start-ups, search index, Next's own steps)`);
  if (options.rebuild) {
    const rebuildSeconds = seconds(results.rebuild);
    console.log(`  blog rebuild, one post edited ${rebuildSeconds.toFixed(1)} s  (${all(results.rebuild)})`);
    console.log(`  ratio rebuild / cold   ${(rebuildSeconds / blogSeconds).toFixed(2)}×`);
    if (!Number.isNaN(cpu(results.rebuild))) {
      console.log(`  CPU time, rebuild ${cpu(results.rebuild).toFixed(1)} s (${(cpu(results.rebuild) / cpu(results.blog)).toFixed(2)}× of cold)`);
    }
    console.log(`  rebuild:   ${phases(results.rebuild)}`);
  }
  if (options.nextAlone) {
    const aloneSeconds = seconds(results.nextAlone);
    console.log(
      `  blog next build alone  ${aloneSeconds.toFixed(1)} s  (${all(results.nextAlone)}), peak ${memory(results.nextAlone)}: no check, bodies from the render cache`,
    );
    console.log(
      `  ratio next alone / reference ${(aloneSeconds / referenceSeconds).toFixed(2)}×; the blog's own work on top: ${(blogSeconds - aloneSeconds).toFixed(1)} s`,
    );
    if (!Number.isNaN(cpu(results.nextAlone))) {
      console.log(`  CPU time, next alone ${cpu(results.nextAlone).toFixed(1)} s`);
    }
    console.log(`  next alone: ${phases(results.nextAlone)}`);
    if (options.rebuild) {
      const again = seconds(results.nextAloneRebuild);
      console.log(
        `  blog next build alone, rebuild after one edit ${again.toFixed(1)} s, ${(again / blogSeconds).toFixed(2)}× of the cold build`,
      );
      console.log(`  next alone, rebuild: ${phases(results.nextAloneRebuild)}`);
    }
  }
}
