/**
 * The full-text search index (Pagefind), made from the posts themselves (lib/api.ts), not from
 * pages a build wrote. Each published post becomes one small HTML document in which the rendered
 * body is the only indexed text, so result excerpts are body text; the title, date, author and
 * tags are metadata, searchable and shown beside a result but never part of its excerpt. Tags are
 * filters too. Drafts and scheduled posts are never in the index.
 */
import { rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import { getAllPosts, getPostBySlug, type Post } from './api';
import { formatPostDate } from './dates';
import { site } from './site';
import { basePath, postPath } from './urls';
import { htmlEscape } from './xml-text';

/** What Pagefind indexes for one post: its result URL and an HTML document. */
export type SearchDocument = { url: string; content: string };

/**
 * The URL a result links to, as Pagefind stores it. The search page gives Pagefind the base path
 * as `baseUrl` (components/search-box.tsx), which Pagefind puts in front of every stored URL, so
 * the stored one is the post's path below the base path.
 */
function searchUrl(slug: string): string {
  const href = postPath(slug);
  return basePath && href.startsWith(`${basePath}/`) ? href.slice(basePath.length) : href;
}

function meta(name: string, value: string): string {
  return `<p data-pagefind-meta="${name}">${htmlEscape(value)}</p>`;
}

/**
 * The document Pagefind indexes for `post`: metadata outside the `data-pagefind-body` element,
 * the sanitized body inside it (its headings keep their weight and their ids, which Pagefind
 * uses for sub-results). The body cannot carry `data-pagefind-*` attributes of its own: the
 * sanitizer drops `data-` attributes.
 */
export function searchDocument(post: Post): SearchDocument {
  const tags = post.tags.map((tag) => `<li data-pagefind-filter="tag">${htmlEscape(tag.name)}</li>`).join('');
  const content = [
    `<!doctype html><html lang="${htmlEscape(site.locale)}"><head><meta charset="utf-8"></head><body>`,
    `<h1 data-pagefind-meta="title">${htmlEscape(post.title)}</h1>`,
    meta('date', formatPostDate(post.date, site.locale, site.timeZone)),
    meta('author', post.author.name),
    post.tags.length > 0 ? `${meta('tags', post.tags.map((tag) => tag.name).join(', '))}<ul>${tags}</ul>` : '',
    `<main data-pagefind-body>${post.html}</main>`,
    '</body></html>',
  ].join('\n');
  return { url: searchUrl(post.slug), content };
}

async function succeeded<T extends { errors: string[] }>(step: string, response: Promise<T>): Promise<T> {
  const result = await response;
  if (result.errors.length > 0) throw new Error(`pagefind, ${step}: ${result.errors.join('; ')}`);
  return result;
}

/** Posts rendered ahead of the one being indexed, so that rendering and indexing overlap. */
const RENDERED_AHEAD = 4;

/**
 * Indexes every published post and writes the index (Pagefind's files, `pagefind.js` among them)
 * to `outputPath`, replacing what was there. A blog without posts gets an empty index, so the
 * search page still loads. Resolves with the number of posts indexed.
 */
export async function writeSearchIndex(outputPath: string): Promise<{ posts: number }> {
  const slugs = (await getAllPosts()).filter((post) => post.status === 'published').map((post) => post.slug);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    const waiting = slugs.values();
    const ahead: Promise<Post | null>[] = [];
    const renderNext = () => {
      const slug = waiting.next();
      if (slug.done) return;
      const post = getPostBySlug(slug.value);
      post.catch(() => undefined); // awaited in its turn below; until then not an unhandled rejection
      ahead.push(post);
    };
    for (let count = 0; count < RENDERED_AHEAD; count += 1) renderNext();
    let indexed = 0;
    for (let post = ahead.shift(); post; post = ahead.shift()) {
      renderNext();
      const rendered = await post;
      // null: it failed to render, and lib/api.ts has said why; it has no page either.
      if (!rendered) continue;
      const document = searchDocument(rendered);
      await succeeded(`indexing ${document.url}`, index.addHTMLFile(document));
      indexed += 1;
    }
    await rm(outputPath, { recursive: true, force: true });
    await succeeded(`writing ${outputPath}`, index.writeFiles({ outputPath }));
    return { posts: indexed };
  } finally {
    await pagefind.close();
  }
}
