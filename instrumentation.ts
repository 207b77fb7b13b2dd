/**
 * Runs once when a Next.js server process starts (Next's instrumentation hook): installs the
 * SIGTERM behaviour of lib/shutdown.ts in servers (`next start`, the standalone server), not in
 * builds or `next dev`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { runtimeMode } = await import('./lib/posts/mode');
  if (runtimeMode() !== 'server') return;
  const { installShutdown } = await import('./lib/shutdown');
  installShutdown();
}
