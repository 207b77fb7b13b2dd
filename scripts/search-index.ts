/**
 * The full-text search index (Pagefind), built from the rendered HTML of the posts after a build:
 * - after `npm run build` (`postbuild`): from `out/`, written to `out/pagefind/`;
 * - after `npm run build:server` (`postbuild:server`): from the pages Next pre-rendered into
 *   `.next/server/app/`, written to `public/pagefind/` (served by `next start` and copied into the
 *   standalone server). Posts added after the build are found once the server is built again.
 * Only post bodies are indexed (`data-pagefind-body`), so drafts and scheduled posts, which have
 * no page, never are.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

const server = process.env.BLOG_OUTPUT === 'server';
const root = process.cwd();

async function check<T extends { errors: string[] }>(step: string, response: Promise<T>): Promise<T> {
  const result = await response;
  if (result.errors.length > 0) throw new Error(`pagefind ${step}: ${result.errors.join('; ')}`);
  return result;
}

const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);

let pages: number;
let outputPath: string;
if (server) {
  // Next keeps each pre-rendered post as .next/server/app/posts/<slug>.html.
  const dir = path.join(root, '.next', 'server', 'app', 'posts');
  const files = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.html'));
  for (const name of files) {
    const slug = name.slice(0, -'.html'.length);
    const content = await readFile(path.join(dir, name), 'utf8');
    await check(`adding ${name}`, index.addHTMLFile({ url: `/posts/${slug}/`, content }));
  }
  pages = files.length;
  outputPath = path.join(root, 'public', 'pagefind');
} else {
  pages = (await check('indexing out/', index.addDirectory({ path: path.join(root, 'out') }))).page_count;
  outputPath = path.join(root, 'out', 'pagefind');
}
await rm(outputPath, { recursive: true, force: true });
await check('writing', index.writeFiles({ outputPath }));
await pagefind.close();
console.log(
  `Search index: ${pages} HTML files read (post bodies indexed), written to ${path.relative(root, outputPath)}/`,
);
