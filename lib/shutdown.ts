/**
 * Shutting a server down without dropping requests, for a load balancer or an orchestrator that
 * sends SIGTERM (Docker, Kubernetes, systemd). Next's own handler stops accepting connections and
 * lets the requests in flight finish; this module adds what an operator needs around it:
 * `/healthz/` answers 503 from the signal on (app/healthz/route.server.ts), so a balancer that
 * still asks stops sending traffic; the drain has a bound ({@link SHUTDOWN_GRACE_MS}, or
 * `SHUTDOWN_GRACE_MS`), past which the process exits with 1 and says so; and a drain that completed
 * ends the process with 0 (Next exits with 143, which supervisors report as a failure).
 * Installed once per server process by instrumentation.ts.
 */

/** How long requests in flight may take to finish after SIGTERM. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Shared through the process, not a module variable: the route and instrumentation are separate bundles. */
const STATE = Symbol.for('markdown-blog.shutdown');

type ShutdownState = { draining: boolean; installed: boolean };

function state(): ShutdownState {
  const holder = globalThis as typeof globalThis & { [STATE]?: ShutdownState };
  holder[STATE] ??= { draining: false, installed: false };
  return holder[STATE];
}

/** Whether the server got SIGTERM and is finishing its last requests. */
export function isDraining(): boolean {
  return state().draining;
}

/** The drain's bound: `SHUTDOWN_GRACE_MS` when it is a positive number, else {@link SHUTDOWN_GRACE_MS}. */
export function graceFrom(env: Record<string, string | undefined>): number {
  const value = Number(env.SHUTDOWN_GRACE_MS);
  return Number.isFinite(value) && value > 0 ? value : SHUTDOWN_GRACE_MS;
}

/** Installs the SIGTERM behaviour described in the module comment, once per process. */
export function installShutdown(
  graceMs = graceFrom(process.env),
  log: (message: string) => void = (message) => console.log(message),
): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  process.once('SIGTERM', () => {
    current.draining = true;
    log(`SIGTERM: finishing the requests in flight (at most ${graceMs / 1000} s), accepting no new ones.`);
    setTimeout(() => {
      log(`Requests still in flight after ${graceMs / 1000} s: exiting anyway.`);
      process.exit(1);
    }, graceMs).unref();
  });
  process.on('exit', (code) => {
    // Next ends a completed drain with 128 + SIGTERM; that is a clean stop.
    if (current.draining && code === 143) process.exitCode = 0;
  });
}
