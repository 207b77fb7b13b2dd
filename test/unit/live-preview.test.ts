/**
 * The live preview's parts that need no browser: the change stream wakes on a save in the posts
 * folder; a post saved invalid becomes lines to show only under `next dev`; and the events route
 * exists only there (a `.dev.ts` route is one only in the dev server's page extensions).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import config from '@/next.config';
import { InvalidPostsError } from '@/lib/api';
import { changeEvents, livePreviewOn, livePreviewScript, problemsToShow } from '@/lib/live-preview';
import { setRuntimeMode } from '@/lib/posts/mode';

afterEach(() => {
  setRuntimeMode(undefined);
  vi.unstubAllEnvs();
});

describe('live preview', () => {
  it('streams a change when a post is saved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'live-'));
    vi.stubEnv('POSTS_DIR', dir);
    const abort = new AbortController();
    const reader = changeEvents(abort.signal).getReader();
    const decoder = new TextDecoder();
    const next = async () => decoder.decode((await reader.read()).value);
    try {
      expect(await next()).toBe('data: ready\n\n');
      await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\n');
      expect(await next()).toBe('data: change\n\n');
    } finally {
      abort.abort();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows an invalid post on the page under next dev only, as file:line:column lines', () => {
    const error = new InvalidPostsError([
      { file: '_posts/a.md', line: 2, column: 8, field: 'title', message: 'expected a string' },
    ]);
    setRuntimeMode('dev');
    expect(livePreviewOn()).toBe(true);
    expect(problemsToShow(error)).toEqual(['_posts/a.md:2:8: title: expected a string']);
    expect(problemsToShow(new Error('other'))).toBeUndefined();
    for (const mode of ['build', 'server', 'script'] as const) {
      setRuntimeMode(mode);
      expect(livePreviewOn()).toBe(false);
      expect(problemsToShow(error)).toBeUndefined();
    }
  });

  it('refreshes with the router, or reloads where there is none', () => {
    const script = livePreviewScript();
    expect(script).toContain('const u="/live-preview/"');
    expect(script).toContain('new EventSource(u)');
    expect(script).toContain('r.refresh()');
    expect(script).toContain('location.reload()');
  });

  it('has its events route under next dev only', async () => {
    expect((await config(PHASE_DEVELOPMENT_SERVER)).pageExtensions).toContain('dev.ts');
    expect((await config(PHASE_PRODUCTION_SERVER)).pageExtensions ?? []).not.toContain('dev.ts');
  });
});
