/**
 * Renders post bodies in worker threads, each body within a time and memory budget
 * (`LIMITS.renderMilliseconds`, `LIMITS.renderMemoryMegabytes`). A post is untrusted input: a body
 * that takes too long or too much memory stops its worker (a fresh one takes the next body) and
 * becomes that post's error, while the event loop of the server or the check stays free.
 *
 * A worker renders one body at a time, so that stopping it loses no other post's work.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { LIMITS } from './limits';
import type { RenderedMarkdown } from './markdown';
import { runtimeMode } from './posts/mode';
import { renderCache, type RenderCache } from './render-cache';
import { readySchema, renderReplySchema, type RenderRequest } from './render-protocol';
import { basePath } from './urls';

/** Why a body could not be rendered, in words for its author. */
class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/**
 * The time budget of one body: `LIMITS.renderMilliseconds`, or `RENDER_BUDGET_MS` for an operator
 * whose machine is much slower (or a test that needs a small one).
 */
function renderBudget(): number {
  const set = Number(process.env.RENDER_BUDGET_MS);
  return Number.isFinite(set) && set > 0 ? set : LIMITS.renderMilliseconds;
}

type Job = { request: RenderRequest; resolve: (rendered: RenderedMarkdown) => void; reject: (error: Error) => void };

/**
 * Whether this module runs bundled by Next (which inlines NEXT_RUNTIME), not from source under tsx.
 * Read here rather than in lib/posts/mode.ts: it is about how this code was loaded (and so where the
 * worker's code is), not about whether this process is a build, a server or `next dev`.
 */
const underNext = process.env.NEXT_RUNTIME === 'nodejs';

/** The worker's entry beside this file, when running from source. */
const workerSourceUrl = import.meta.url.replace(/render-pool\.[cm]?[jt]s$/, 'render-worker.ts');

/**
 * How bodies are rendered here:
 * - from source, a worker registers tsx and loads lib/render-worker.ts;
 * - under Next (`next build`, `next start`, the standalone server), a worker loads the bundle that
 *   next.config.ts had scripts/render-worker-bundle.mjs write to `.render-worker/`;
 * - in `next dev`, or when that bundle is missing, in this thread, without a time budget.
 */
type WorkerSource = { kind: 'tsx' } | { kind: 'bundle'; file: string } | { kind: 'in-process'; why?: string };

let chosenSource: WorkerSource | undefined;

/**
 * Renders with the worker bundle at `file` (written by scripts/render-worker-bundle.mjs), for a
 * command-line step that has one: the same code the build renders with, and its render cache.
 */
export function useRenderBundle(file: string): void {
  chosenSource = { kind: 'bundle', file };
  cache = undefined;
}

function workerSource(): WorkerSource {
  if (chosenSource) return chosenSource;
  if (!underNext) chosenSource = { kind: 'tsx' };
  else if (runtimeMode() === 'dev') chosenSource = { kind: 'in-process' };
  else {
    // Read by path at run time, not traced; scripts/assemble-standalone.mjs copies the folder.
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), '.render-worker', 'render-worker.js');
    chosenSource = existsSync(file)
      ? { kind: 'bundle', file }
      : { kind: 'in-process', why: `${file} is missing (it is written by next build)` };
  }
  if (chosenSource.kind === 'in-process' && chosenSource.why) {
    console.warn(`Rendering posts in the server's own thread, without a time budget: ${chosenSource.why}`);
  }
  return chosenSource;
}

let cache: { for: string; stamp: string | undefined; cache: RenderCache | undefined } | undefined;

/** The render cache of the bundle in use (keyed by its stamp), or none without a bundle. */
function cacheOf(source: WorkerSource): RenderCache | undefined {
  if (source.kind !== 'bundle') return undefined;
  if (cache?.for !== source.file) {
    let stamp: string | undefined;
    try {
      stamp = readFileSync(
        path.join(/* turbopackIgnore: true */ path.dirname(source.file), 'inputs.sha256'),
        'utf8',
      ).trim();
    } catch {
      stamp = undefined;
    }
    cache = { for: source.file, stamp, cache: stamp ? renderCache(stamp, basePath) : undefined };
  }
  return cache.cache;
}

/**
 * The stamp of the pipeline in use (the worker bundle's: a hash of `lib/`, `app/og/`, the lockfile
 * and the base path), which keys everything kept across builds (lib/content-cache.ts); none in
 * `next dev` or from source, where nothing is kept.
 */
export function pipelineStamp(): string | undefined {
  const source = workerSource();
  cacheOf(source);
  return source.kind === 'bundle' ? cache?.stamp : undefined;
}

async function renderInProcess(request: RenderRequest): Promise<RenderedMarkdown> {
  const { renderMarkdown } = await import('./markdown');
  try {
    return await renderMarkdown(request.markdown, request.bodyLine);
  } catch (error) {
    throw new RenderError(describeFailure(error instanceof Error ? error.message : String(error)));
  }
}

function describeFailure(message: string): string {
  if (/call stack/i.test(message))
    return 'the body nests too deeply to render (blockquotes, lists, links or emphasis inside each other)';
  return `the body could not be rendered: ${message}`;
}

/**
 * `new Worker(…)` out of sight of Next's bundler, which would otherwise try to bundle the entry it
 * names (and, for a path known only at run time, trace the whole project).
 */
function startWorker(entry: string, options: WorkerOptions): Worker {
  const worker: Worker = Reflect.construct(Worker, [entry, options]);
  return worker;
}

/** How long a worker may take to load the pipeline before its first body. */
const STARTUP_MILLISECONDS = 60_000;

class RenderThread {
  private worker: Worker | undefined;
  private ready = false;
  private current: { job: Job; worker: Worker; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Job[] = [];

  render(request: RenderRequest): Promise<RenderedMarkdown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.next();
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  private start(): Worker {
    const options = {
      resourceLimits: { maxOldGenerationSizeMb: LIMITS.renderMemoryMegabytes },
      workerData: { basePath },
    };
    const source = workerSource();
    const worker =
      source.kind === 'bundle'
        ? // The bundle is plain JavaScript: the worker does not inherit the parent's `--import tsx`
          // (npm run check), whose hooks made every rendering about 2 ms slower (7.5 → 5.5 ms a body
          // at 1,000 posts; docs/performance.md).
          startWorker(source.file, { ...options, execArgv: [] })
        : startWorker(
            `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerSourceUrl)}); });`,
            { ...options, eval: true },
          );
    worker.unref();
    this.ready = false;
    worker.on('message', (message: unknown) => {
      if (readySchema.safeParse(message).success) {
        this.ready = true;
        this.startClock();
        return;
      }
      const reply = renderReplySchema.safeParse(message);
      const current = this.current;
      if (!reply.success || !current || reply.data.id !== current.job.request.id) return;
      this.finish();
      if (reply.data.ok) current.job.resolve(reply.data.rendered);
      else current.job.reject(new RenderError(describeFailure(reply.data.message)));
    });
    worker.on('error', (error) => this.fail(error.message, worker));
    worker.on('exit', () => this.fail('the rendering worker stopped', worker));
    return worker;
  }

  /** The worker died or was stopped: the body it was rendering fails, the next one gets a new worker. */
  private fail(reason: string, worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const current = this.current;
    if (!current) return;
    this.finish();
    const message = /memory/i.test(reason)
      ? `rendering the body used more than ${LIMITS.renderMemoryMegabytes} MB of memory`
      : describeFailure(reason);
    current.job.reject(new RenderError(message));
  }

  private finish(): void {
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    queueMicrotask(() => this.next());
  }

  private next(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: Worker;
    try {
      worker = this.worker ??= this.start();
    } catch (error) {
      job.reject(new RenderError(`no rendering worker could be started: ${String(error)}`));
      this.next();
      return;
    }
    // Until the worker is ready, the clock that runs is the startup's; the budget starts after.
    this.current = {
      job,
      worker,
      timer: this.alarm(worker, STARTUP_MILLISECONDS, 'the rendering worker did not start'),
    };
    if (this.ready) this.startClock();
  }

  /** Starts the body's budget once the worker can render, and sends it the body. */
  private startClock(): void {
    const current = this.current;
    if (!current || current.worker !== this.worker) return;
    clearTimeout(current.timer);
    const budget = renderBudget();
    current.timer = this.alarm(
      current.worker,
      budget,
      `rendering the body took longer than ${budget / 1000} s: simplify it or split it into several posts`,
    );
    current.worker.postMessage(current.job.request);
  }

  /** A timer that, unless cleared, stops `worker` and fails the body it holds with `message`. */
  private alarm(worker: Worker, milliseconds: number, message: string): NodeJS.Timeout {
    // The timer keeps the process alive while a body renders; the worker itself does not.
    return setTimeout(() => {
      const current = this.current;
      this.worker = undefined;
      this.finish();
      void worker.terminate();
      current?.job.reject(new RenderError(message));
    }, milliseconds);
  }
}

const threads: RenderThread[] = [];
let nextId = 0;

/**
 * Renders a body whose first line is file line `bodyLine`, in the least busy of `parallel` worker
 * threads (one suits a server; a check of many posts may use one per core). Rejects with a
 * {@link RenderError} when the body breaks a budget or the pipeline fails on it.
 */
export async function renderBody(markdown: string, bodyLine = 1, parallel = 1): Promise<RenderedMarkdown> {
  const source = workerSource();
  if (source.kind === 'in-process') return renderInProcess({ id: 0, markdown, bodyLine });
  const kept = cacheOf(source);
  const cached = await kept?.get(markdown, bodyLine);
  if (cached) return cached;
  while (threads.length < parallel) threads.push(new RenderThread());
  let chosen = threads[0];
  for (const thread of threads.slice(0, parallel)) if (chosen && thread.load < chosen.load) chosen = thread;
  if (!chosen) throw new RenderError('no rendering worker');
  nextId += 1;
  const rendered = await chosen.render({ id: nextId, markdown, bodyLine });
  await kept?.set(markdown, bodyLine, rendered);
  return rendered;
}

/** Stops every worker (a command-line run calls this when it is done, so that it can exit). */
export async function stopRenderWorkers(): Promise<void> {
  await Promise.all(threads.splice(0).map((thread) => thread.stop()));
}
