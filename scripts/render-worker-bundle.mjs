/**
 * Bundles the rendering worker (lib/render-worker.ts and the markdown pipeline it imports) into
 * `.render-worker/`, plain JavaScript that a worker thread of `next build`, `next start` or the
 * standalone server can load. Next's bundler does not build worker-thread entries for the server,
 * and a post is untrusted input that must render off the event loop, within a budget
 * (lib/render-pool.ts). Called by next.config.ts while building; skipped when nothing it is made
 * from has changed (a hash of the sources, the lockfile and the base path).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the bundle goes, relative to the project (and to the standalone server's folder). */
const RENDER_WORKER_DIR = '.render-worker';
const RENDER_WORKER_ENTRY = 'render-worker.js';

/**
 * What the pipeline is made of: every `*.ts` file under `lib/` (sub-folders such as lib/posts/
 * included) and every `*.ts`/`*.tsx` file under `app/og/` (the generated cards, kept in the same
 * cache), as paths from the project, sorted.
 */
function pipelineSources(root) {
  return ['lib', path.join('app', 'og')]
    .flatMap((folder) =>
      existsSync(path.join(root, folder))
        ? readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
            .filter((name) => /\.tsx?$/.test(name))
            .map((name) => path.join(folder, name).split(path.sep).join('/'))
        : [],
    )
    .sort();
}

/** The stamp of the bundle and of everything kept across builds (lib/content-cache.ts). */
function inputsHash(root) {
  const hash = createHash('sha256');
  for (const name of pipelineSources(root)) hash.update(name).update(readFileSync(path.join(root, name)));
  const lockfile = path.join(root, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  hash.update(`base:${process.env.BASE_PATH ?? ''}`);
  return hash.digest('hex');
}

/** Writes `<root>/.render-worker/` unless it is up to date; returns the entry's path. */
export async function bundleRenderWorker(root = process.cwd()) {
  const target = path.join(root, RENDER_WORKER_DIR);
  const entry = path.join(target, RENDER_WORKER_ENTRY);
  const stamp = path.join(target, 'inputs.sha256');
  const hash = inputsHash(root);
  if (existsSync(entry) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return entry;
  const { build, stop } = await import('esbuild');
  const temporary = `${target}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  await build({
    entryPoints: { 'render-worker': path.join(root, 'lib', 'render-worker.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: temporary,
    logLevel: 'warning',
    // Some dependencies are CommonJS and call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  }).finally(() =>
    // esbuild's service process keeps what it bundled (180 MB) until the process exits: check then
    // renders every body and writes the search index beside it. A later call starts a new one.
    stop(),
  );
  writeFileSync(path.join(temporary, 'inputs.sha256'), hash);
  writeFileSync(path.join(temporary, 'package.json'), '{ "type": "module" }\n');
  // Swapped in whole, so that a build running beside this one never sees half a bundle.
  rmSync(target, { recursive: true, force: true });
  renameSync(temporary, target);
  return entry;
}
