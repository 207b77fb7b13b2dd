/**
 * How this process runs, read from the environment in one place, once: a build (`next build`), a
 * server (`next start`, the standalone server), `next dev`, or a plain script or test. The content
 * layer and the render pool ask this module; nothing else reads NEXT_PHASE or NODE_ENV.
 */

export type RuntimeMode =
  /** `next build`: the posts folder does not change while the process runs; a bad post stops it. */
  | 'build'
  /** `next start` or the standalone server: a bad post is left out and logged, the others served. */
  | 'server'
  /** `next dev`: drafts and scheduled posts are shown, marked; a bad post is an error on screen. */
  | 'dev'
  /** A command-line step (check, search index) or a test: a bad post is an error. */
  | 'script';

/** The mode the given environment describes. */
export function modeOf(env: { NEXT_PHASE?: string | undefined; NODE_ENV?: string | undefined }): RuntimeMode {
  if (env.NEXT_PHASE === 'phase-production-build') return 'build';
  if (env.NODE_ENV === 'development') return 'dev';
  if (env.NODE_ENV === 'production') return 'server';
  return 'script';
}

let current: RuntimeMode | undefined;

/** This process's mode, read from the environment on first use and kept. */
export function runtimeMode(): RuntimeMode {
  // Member reads, so that Next can inline NODE_ENV in the server bundle as it does everywhere else.
  current ??= modeOf({ NEXT_PHASE: process.env.NEXT_PHASE, NODE_ENV: process.env.NODE_ENV });
  return current;
}

/**
 * Sets this process's mode (tests that play a server or `next dev`); `undefined` reads the
 * environment again on next use.
 */
export function setRuntimeMode(mode: RuntimeMode | undefined): void {
  current = mode;
}

/** `next dev` shows drafts and scheduled posts (marked) so that authors can read them. */
export function showsUnpublished(mode = runtimeMode()): boolean {
  return mode === 'dev';
}

/**
 * Whether an invalid post stops everything. It does in a build (a broken site must not ship), in
 * `next dev` (the author sees the error at once) and in scripts. A running server leaves the broken
 * post out and logs it, so that one bad file does not take the other pages down.
 */
export function invalidPostsAreFatal(mode = runtimeMode()): boolean {
  return mode !== 'server';
}

/** Whether the posts folder stays as it is while this process runs: during `next build`. */
export function postsAreFixed(mode = runtimeMode()): boolean {
  return mode === 'build';
}

/**
 * `next dev` previews posts live: an edited post (or an image beside it) refreshes the open page,
 * and a post that became invalid shows its problems on the page (lib/live-preview.ts).
 */
export function previewsLive(mode = runtimeMode()): boolean {
  return mode === 'dev';
}
