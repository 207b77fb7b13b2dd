/**
 * `npm run bench -- --server [--posts 100] [--seconds 30] [--connections 50] [--keep]`
 *
 * Server mode under load, as several instances behind a load balancer run it: a server build of
 * the shipped posts plus N generated ones, a real `redis-server` (scripts/lib/redis-server.ts) and
 * two `next start` instances on 127.0.0.1 sharing it. autocannon's connections are spread over both
 * (p50 and p99 are those of the slower instance):
 * first on a post page, then on the home page, then on both while posts are added, edited, broken
 * (invalid front matter), fixed and deleted every few seconds and each change is announced to one
 * instance through `/api/revalidate/`. Prints requests per second, latency (p50, p99), non-2xx
 * responses and each server's memory before and after; after every change, whether both instances
 * show the same content, and any 5xx. Figures, never pass/fail; written to `.bench/server-results.json`.
 */
import { cp, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { generatePosts, postSlug } from './generate-posts';
import { makeProjectCopy, projectRoot, runNpm, startNext, type RunningServer } from './next-project';
import { startRedis } from './redis-server';

export type ServerBenchOptions = {
  benchDir: string;
  posts: number;
  seconds: number;
  connections: number;
  keep: boolean;
  treeRss: (pid: number) => Promise<number>;
  progress: (text: string) => void;
};

const SECRET = 'bench-secret';
const CHURN_SLUG = 'churning-post';
const CHURN_EVERY_MS = 3_000;

type LoadFigures = {
  target: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  status5xx: number;
  errors: number;
  rssBeforeBytes: number[];
  rssAfterBytes: number[];
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function load(
  servers: RunningServer[],
  routes: string[],
  options: ServerBenchOptions,
  label: string,
): Promise<LoadFigures> {
  const rssBeforeBytes = await Promise.all(servers.map((server) => options.treeRss(server.pid)));
  options.progress(`${label}: ${options.connections} connections for ${options.seconds} s...\n`);
  // Connections spread evenly over the instances (and routes), as a balancer would: one autocannon
  // per address, all at once.
  const urls = servers.flatMap((server) => routes.map((route) => `${server.url}${route}`));
  const each = Math.max(1, Math.floor(options.connections / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections: each, duration: options.seconds })));
  const rssAfterBytes = await Promise.all(servers.map((server) => options.treeRss(server.pid)));
  const sum = (pick: (result: autocannon.Result) => number) => results.reduce((total, result) => total + pick(result), 0);
  const worst = (pick: (result: autocannon.Result) => number) => Math.max(...results.map(pick));
  return {
    target: label,
    requestsPerSecond: Math.round(sum((result) => result.requests.average)),
    latencyP50Ms: worst((result) => result.latency.p50),
    latencyP99Ms: worst((result) => result.latency.p99),
    requests: sum((result) => result.requests.total),
    non2xx: sum((result) => result.non2xx),
    status5xx: sum((result) => result['5xx']),
    errors: sum((result) => result.errors),
    rssBeforeBytes,
    rssAfterBytes,
  };
}

/** Yesterday: newer than every other post, so the churning post heads the home page, and published. */
const CHURN_DATE = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const churnPost = (title: string, body: string) => `---\ntitle: "${title}"\ndate: ${CHURN_DATE}\n---\n\n${body}\n`;

/** The changes of the churn run, in order, each with what a reader should then see. */
const CHANGES: { name: string; text: string | null; shown: string | null }[] = [
  { name: 'added', text: churnPost('Churn, first version', 'First body.'), shown: 'Churn, first version' },
  { name: 'edited', text: churnPost('Churn, edited', 'Edited body.'), shown: 'Churn, edited' },
  { name: 'broken', text: `---\ntitle: [unclosed\ndate: ${CHURN_DATE}\n---\n\nBroken.\n`, shown: null },
  { name: 'fixed', text: churnPost('Churn, fixed', 'Fixed body.'), shown: 'Churn, fixed' },
  { name: 'deleted', text: null, shown: null },
];

type ChurnFigures = { changes: number; consistent: number; inconsistencies: string[]; status5xx: number };

/** Applies the changes in a loop until `until`, checking both instances after each revalidation. */
async function churn(dir: string, servers: RunningServer[], until: number): Promise<ChurnFigures> {
  const file = path.join(dir, '_posts', `${CHURN_SLUG}.md`);
  const figures: ChurnFigures = { changes: 0, consistent: 0, inconsistencies: [], status5xx: 0 };
  const [announcer] = servers;
  if (!announcer) return figures;
  for (let step = 0; Date.now() < until; step += 1) {
    const change = CHANGES[step % CHANGES.length];
    if (!change) break;
    if (change.text === null) await unlink(file).catch(() => undefined);
    else await writeFile(file, change.text);
    const response = await fetch(`${announcer.url}/api/revalidate/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [`/posts/${CHURN_SLUG}/`] }),
    });
    if (response.status >= 500) figures.status5xx += 1;
    figures.changes += 1;
    const seen = await Promise.all(
      servers.map(async (server) => {
        const page = await fetch(`${server.url}/posts/${CHURN_SLUG}/`);
        const home = await fetch(`${server.url}/`);
        const [pageText, homeText] = await Promise.all([page.text(), home.text()]);
        if (page.status >= 500 || home.status >= 500) figures.status5xx += 1;
        const onPage = change.shown !== null && pageText.includes(change.shown);
        const onHome = change.shown !== null && homeText.includes(change.shown);
        return `${page.status} ${onPage} ${onHome}`;
      }),
    );
    const expected = `${change.shown === null ? 404 : 200} ${change.shown !== null} ${change.shown !== null}`;
    if (seen.every((view) => view === expected)) figures.consistent += 1;
    else figures.inconsistencies.push(`${change.name}: expected ${expected}, saw ${seen.join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, CHURN_EVERY_MS));
  }
  await unlink(file).catch(() => undefined);
  return figures;
}

export async function serverBench(options: ServerBenchOptions): Promise<void> {
  const dir = await makeProjectCopy(options.benchDir, 'server');
  const servers: RunningServer[] = [];
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  try {
    await cp(path.join(projectRoot, '_posts'), path.join(dir, '_posts'), { recursive: true });
    await generatePosts(path.join(dir, '_posts'), options.posts);
    options.progress(`building the server with ${options.posts} generated posts...\n`);
    const build = await runNpm(dir, ['run', 'build:server'], { SITE_URL: 'https://blog.example.com' });
    if (build.code !== 0) throw new Error(`npm run build:server failed:\n${build.output}`);

    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REVALIDATE_SECRET: SECRET, SITE_URL: 'https://blog.example.com' };
    servers.push(await startNext(dir, env), await startNext(dir, env));
    const post = `/posts/${postSlug(0)}/`;
    // Warm: each instance renders what it is asked for once.
    for (const server of servers) for (const route of [post, '/']) await (await fetch(`${server.url}${route}`)).text();

    const runs = [
      await load(servers, [post], options, `post page ${post}`),
      await load(servers, ['/'], options, 'home page /'),
    ];
    const until = Date.now() + options.seconds * 1000;
    const [churned, underChurn] = await Promise.all([
      churn(dir, servers, until),
      load(servers, ['/', post], options, 'home and post, posts changing every 3 s'),
    ]);
    runs.push(underChurn);

    const outages = servers.map((server) => server.output().split('Shared cache (Redis) unavailable').length - 1);
    const figures = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} RAM, Node ${process.version}`,
      posts: options.posts,
      instances: servers.length,
      connections: options.connections,
      seconds: options.seconds,
      runs,
      churn: churned,
      redisOutagesLogged: outages,
    };

    console.log(`\n${figures.machine}`);
    console.log(
      `${servers.length} instances of next start sharing redis-server, ${options.posts} generated posts, autocannon ${options.connections} connections × ${options.seconds} s\n`,
    );
    const rows = [
      ['run', 'req/s', 'p50', 'p99', 'requests', 'non-2xx', '5xx', 'errors', 'RSS before → after (each instance)'],
      ...runs.map((run) => [
        run.target,
        String(run.requestsPerSecond),
        `${run.latencyP50Ms} ms`,
        `${run.latencyP99Ms} ms`,
        String(run.requests),
        String(run.non2xx),
        String(run.status5xx),
        String(run.errors),
        run.rssBeforeBytes.map((before, index) => `${mb(before)} → ${mb(run.rssAfterBytes[index] ?? 0)}`).join(', '),
      ]),
    ];
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
    console.log(
      `\nchurn: ${churned.changes} changes (add, edit, break, fix, delete), both instances showed the expected content after ${churned.consistent} of them; 5xx seen: ${churned.status5xx}`,
    );
    for (const line of churned.inconsistencies) console.log(`  differs: ${line}`);

    const file = path.join(options.benchDir, 'server-results.json');
    await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}
