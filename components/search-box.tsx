'use client';

import { useEffect, useRef, useState } from 'react';

/** What this page uses of Pagefind's browser API (pagefind.js, written next to the site at build). */
type PagefindResult = { data: () => Promise<unknown> };
type Pagefind = {
  options: (options: { baseUrl: string }) => Promise<void>;
  search: (query: string) => Promise<{ results: PagefindResult[] } | null>;
};
type SearchHit = { url: string; title: string; date: string; excerpt: string };

function isPagefind(value: unknown): value is Pagefind {
  return (
    typeof value === 'object' &&
    value !== null &&
    'search' in value &&
    typeof value.search === 'function' &&
    'options' in value &&
    typeof value.options === 'function'
  );
}

/** A result's data, checked: it comes from a file fetched at run time. */
function toHit(data: unknown): SearchHit | undefined {
  if (typeof data !== 'object' || data === null || !('url' in data) || typeof data.url !== 'string') return undefined;
  const meta = 'meta' in data && typeof data.meta === 'object' && data.meta !== null ? data.meta : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    url: data.url,
    title: text('title' in meta ? meta.title : '') || data.url,
    date: text('date' in meta ? meta.date : ''),
    excerpt: text('excerpt' in data ? data.excerpt : ''),
  };
}

const basePath = process.env.BLOG_BASE_PATH ?? '';

let loading: Promise<Pagefind> | undefined;

/** Loads Pagefind on first use: only this page ever downloads search code. */
function loadPagefind(): Promise<Pagefind> {
  loading ??= import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `${basePath}/pagefind/pagefind.js`).then(
    async (module: unknown) => {
      if (!isPagefind(module)) throw new Error('pagefind.js did not load');
      await module.options({ baseUrl: `${basePath}/` });
      return module;
    },
  );
  return loading;
}

/**
 * The search box and its first `resultsShown` results (`site.searchResults`, passed by the server
 * page so that no config module reaches the browser); the query is kept in the address (`?q=`), so
 * results can be shared.
 */
export function SearchBox({ resultsShown }: { resultsShown: number }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const initial = new URLSearchParams(window.location.search).get('q') ?? '';
    if (initial) setQuery(initial);
  }, []);

  useEffect(() => {
    const term = query.trim();
    const url = new URL(window.location.href);
    if (term) url.searchParams.set('q', term);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    if (!term) {
      setHits(undefined);
      return;
    }
    const run = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const pagefind = await loadPagefind();
        const found = await pagefind.search(term);
        const data = await Promise.all((found?.results ?? []).slice(0, resultsShown).map((result) => result.data()));
        if (run === latest.current) setHits(data.flatMap((item) => toHit(item) ?? []));
      } catch {
        if (run === latest.current) setFailed(true);
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [query, resultsShown]);

  const term = query.trim();
  return (
    <div>
      <form role="search" onSubmit={(event) => event.preventDefault()} className="mb-8">
        <label htmlFor="search-input" className="mb-2 block font-semibold">
          Search the posts
        </label>
        <input
          id="search-input"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
          className="w-full rounded-md border border-neutral-400 bg-white px-4 py-2 text-lg dark:border-neutral-600 dark:bg-neutral-900"
        />
      </form>
      <p role="status" className="mb-6 text-neutral-700 dark:text-neutral-300">
        {failed
          ? 'Search is not available right now.'
          : term && hits
            ? `${hits.length === 0 ? 'No' : hits.length} result${hits.length === 1 ? '' : 's'} for “${term}”`
            : ''}
      </p>
      {hits && hits.length > 0 ? (
        <ol className="space-y-8">
          {hits.map((hit) => (
            <li key={hit.url}>
              <a href={hit.url} className="text-xl font-bold text-accent hover:underline dark:text-accent-bright">
                {hit.title}
              </a>
              {hit.date ? <p className="text-sm text-neutral-700 dark:text-neutral-300">{hit.date}</p> : null}
              {/* Pagefind's excerpt: the page's text, escaped, with the matching words in <mark>. */}
              <p className="mt-1" dangerouslySetInnerHTML={{ __html: hit.excerpt }} />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
