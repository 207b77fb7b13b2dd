/**
 * Running the real `next build` / `next start` on a copy of the project, for the build tests and
 * the benchmark. Copies live inside the project (`.test-builds/`, `.bench/`), so Turbopack's root
 * (the folder with the lockfile) contains them and `node_modules` resolves through a relative link.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

const projectFiles = [
  'app',
  'components',
  'lib',
  'public',
  'scripts',
  'package.json',
  'tsconfig.json',
  'next.config.ts',
  'proxy.ts',
  'instrumentation.ts',
  'tailwind.config.ts',
  '.postcssrc.json',
];

/**
 * A fresh copy of the project's code in a new folder under `base` (which must be inside the project,
 * so that Turbopack's root, the folder with the lockfile, contains it), with an empty `_posts/` and
 * `node_modules` linked to the project's.
 */
export async function makeProjectCopy(base: string, name: string): Promise<string> {
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, `${name}-`));
  for (const entry of projectFiles) await cp(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  await symlink(path.relative(dir, path.join(projectRoot, 'node_modules')), path.join(dir, 'node_modules'));
  await mkdir(path.join(dir, '_posts'));
  return dir;
}

const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Vitest's own settings, which must not leak into Next. */
const testOnlyVariables = new Set(['NODE_ENV', 'VITEST', 'POSTS_DIR']);

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !testOnlyVariables.has(name) && !name.startsWith('VITEST_'),
  );
  // `next build` and `next start` run in production; Vitest's NODE_ENV=test must not reach them.
  return { ...Object.fromEntries(inherited), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs `command args` in `cwd` to completion; resolves with its exit code and combined output. */
function run(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a caller can stop the whole tree (npm, next, its workers) at once.
    const child = spawn(command, args, { cwd, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    onSpawn?.(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs `next <args>` in `cwd` to completion. */
export function runNext(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ code: number; output: string }> {
  return run(cwd, process.execPath, [nextBin, ...args], env, onSpawn);
}

/** Runs `npm <args>` in `cwd` to completion, as an author would (so `pre` scripts run too). */
export function runNpm(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ code: number; output: string }> {
  return run(cwd, 'npm', args, env, onSpawn);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export type RunningServer = {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
  /** The process id of the server. */
  pid: number;
  /** Resolves with the server's exit code (`null` when a signal ended it) once it has exited. */
  exited: Promise<number | null>;
};

/** Starts `node <script> ...args` (given the port) in `cwd` and waits until it answers on 127.0.0.1. */
async function startServer(
  cwd: string,
  name: string,
  command: (port: number) => string[],
  env: Record<string, string> | ((port: number) => Record<string, string>) = {},
): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, command(port), {
    cwd,
    env: baseEnv(typeof env === 'function' ? env(port) : env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`);
    try {
      await fetch(`${url}/`, { redirect: 'manual' });
      return { url, output: () => output, stop, pid: child.pid ?? 0, exited };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await stop();
  throw new Error(`${name} did not answer within 60 s:\n${output}`);
}

/** Starts `next start` on 127.0.0.1 in a built project and waits until it answers. */
export function startNext(cwd: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(cwd, 'next start', (port) => [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], env);
}

/** Starts `next dev` on 127.0.0.1 in a project copy and waits until it answers (its first compile). */
export function startDev(cwd: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(cwd, 'next dev', (port) => [nextBin, 'dev', '-H', '127.0.0.1', '-p', String(port)], {
    NODE_ENV: 'development',
    ...env,
  });
}

/**
 * Serves a static export folder with `scripts/serve-out.mjs` (a static host's behaviour) on
 * 127.0.0.1, under `base` (such as `/blog`) when given.
 */
export function startStatic(outDir: string, base = ''): Promise<RunningServer> {
  const script = path.join(projectRoot, 'scripts', 'serve-out.mjs');
  return startServer(projectRoot, 'serve-out', (port) => [
    script,
    '--dir',
    outDir,
    '--port',
    String(port),
    '--base',
    base,
  ]);
}

/** Starts a standalone server (`node server.js` in `standalone`, the folder that holds it) on 127.0.0.1. */
export function startStandalone(standalone: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(
    standalone,
    'standalone server',
    () => [path.join(standalone, 'server.js')],
    (port) => ({
      ...env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
    }),
  );
}
