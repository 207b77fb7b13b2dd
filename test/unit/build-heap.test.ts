/**
 * The heap valve of `next build`'s page workers (lib/build-heap.ts): garbage past the ceiling is
 * collected within a few pages during a build, and never outside one.
 */
import { getHeapStatistics } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_HEAP_CEILING_BYTES, buildHeapCeiling, relieveBuildHeap } from '@/lib/build-heap';
import { setRuntimeMode } from '@/lib/posts/mode';

const used = () => getHeapStatistics().used_heap_size;

/** Leaves at least `bytes` of unreachable arrays on the heap (8 bytes a number). */
function garbage(bytes: number): number {
  let kept: number[][] | null = [];
  for (let made = 0; made < bytes; made += 8_000_000) kept.push(new Array<number>(1_000_000).fill(Math.random()));
  const count = kept.length;
  kept = null;
  return count;
}

afterEach(() => setRuntimeMode(undefined));

describe('build heap valve', () => {
  it('collects garbage past the ceiling within 25 pages of a build', () => {
    setRuntimeMode('build');
    garbage(BUILD_HEAP_CEILING_BYTES + 96 * 1024 * 1024);
    expect(used()).toBeGreaterThan(BUILD_HEAP_CEILING_BYTES);
    for (let page = 0; page < 25; page++) relieveBuildHeap();
    expect(used()).toBeLessThan(BUILD_HEAP_CEILING_BYTES / 2);
  });

  it('leaves the heap to V8 outside a build', () => {
    setRuntimeMode('server');
    garbage(BUILD_HEAP_CEILING_BYTES + 96 * 1024 * 1024);
    for (let page = 0; page < 50; page++) relieveBuildHeap();
    expect(used()).toBeGreaterThan(BUILD_HEAP_CEILING_BYTES);
  });

  it('takes another ceiling from BUILD_HEAP_CEILING_MB, 0 turning it off', () => {
    expect(buildHeapCeiling({})).toBe(BUILD_HEAP_CEILING_BYTES);
    expect(buildHeapCeiling({ BUILD_HEAP_CEILING_MB: '1024' })).toBe(1024 * 1024 * 1024);
    expect(buildHeapCeiling({ BUILD_HEAP_CEILING_MB: '0' })).toBe(0);
    expect(buildHeapCeiling({ BUILD_HEAP_CEILING_MB: 'lots' })).toBe(BUILD_HEAP_CEILING_BYTES);
  });
});
