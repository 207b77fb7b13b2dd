/**
 * A ceiling on the heap of `next build`'s page workers. Next starts them without the parent's
 * `--max-old-space-size` (its static workers drop it), so V8 sizes their heap against the
 * machine's memory: at 10,000 posts a worker held about 240 MB of live objects but let garbage pile
 * up to 700 MB between full collections, over 1 GB resident (docs/performance.md). Pages call
 * {@link relieveBuildHeap}; every few calls it looks at the heap and, past the ceiling, runs a full
 * collection at once. Outside `next build` it does nothing.
 *
 * The price is time: a forced collection stops the page worker, where V8's own marks beside it.
 * At 10,000 posts the pages phase took about a fifth longer (4.0 → 4.9 min, one run each) for a
 * peak 0.3 GiB lower. `BUILD_HEAP_CEILING_MB` sets another ceiling; `0` turns the valve off.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { postsAreFixed } from './posts/mode';

/** Collect when the used heap passes this, or twice what stayed alive after the last collection. */
export const BUILD_HEAP_CEILING_BYTES = 384 * 1024 * 1024;

/** The ceiling this process uses: `BUILD_HEAP_CEILING_MB` when it is a whole number, else the default; 0 is off. */
export function buildHeapCeiling(env: Record<string, string | undefined> = process.env): number {
  const value = env.BUILD_HEAP_CEILING_MB;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) * 1024 * 1024 : BUILD_HEAP_CEILING_BYTES;
}
/** Pages between two looks at the heap (a look costs a few microseconds; a collection, ~0.1 s). */
const CALLS_BETWEEN_LOOKS = 25;

let calls = 0;
let ceiling: number | undefined;
let collect: (() => void) | null | undefined;

/** V8's own full collection, made callable once (what `node --expose-gc` gives as `gc`). */
function collector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : null;
  } catch {
    return null;
  }
}

/**
 * Runs a full collection now, where V8 allows it (false when it does not). For a step about to
 * start something big beside garbage it no longer needs: the check, before Pagefind's index.
 */
export function collectGarbage(): boolean {
  collect ??= collector();
  collect?.();
  return collect !== null;
}

/** Called by pages as a build renders them: keeps the worker's heap under the ceiling. */
export function relieveBuildHeap(): void {
  if (!postsAreFixed()) return;
  calls += 1;
  if (calls % CALLS_BETWEEN_LOOKS !== 0) return;
  const base = buildHeapCeiling();
  if (base === 0 || getHeapStatistics().used_heap_size < (ceiling ??= base)) return;
  if (!collectGarbage()) return;
  // A site whose live objects outgrow the ceiling gets a higher one, not a collection per look.
  ceiling = Math.max(base, 2 * getHeapStatistics().used_heap_size);
}
