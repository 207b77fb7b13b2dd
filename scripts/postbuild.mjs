/**
 * After a static export (`postbuild`): moves what `npm run check -- --build` staged in `.build/`
 * (scripts/lib/stage-export.ts) into `out/`: the search index becomes `out/pagefind/`, and the
 * placeholder pages of routes with nothing to show are removed. Plain Node: it starts in a few
 * tens of milliseconds, where a TypeScript loader and the content layer took over a second.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

const stage = path.resolve('.build');
const out = path.resolve('out');
const planFile = path.join(stage, 'postbuild.json');

if (process.env.BLOG_OUTPUT === 'server') {
  console.error('postbuild: BLOG_OUTPUT=server is built by `npm run build:server`, which also writes the search index a server keeps');
  process.exit(1);
}
if (!existsSync(planFile)) {
  console.error('postbuild: nothing staged in .build/: run `npm run build`, whose first step (npm run check -- --build) stages it');
  process.exit(1);
}
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
/** A folder inside `base`, given as a relative path of plain names: nothing else is touched. */
const inside = (base, relative) => {
  if (typeof relative !== 'string' || !/^[\w.-]+(\/[\w.-]+)*$/.test(relative) || relative.split('/').includes('..')) {
    throw new Error(`postbuild: ${planFile} names ${JSON.stringify(relative)}, not a folder inside ${base}`);
  }
  return path.join(base, relative);
};
if (!Array.isArray(plan.remove) || typeof plan.indexedPosts !== 'number') {
  throw new Error(`postbuild: ${planFile} is not what npm run check -- --build writes`);
}
for (const folder of plan.remove) await rm(inside(out, folder), { recursive: true, force: true });
const index = path.join(out, 'pagefind');
await rm(index, { recursive: true, force: true });
await rename(inside(stage, plan.searchIndex), index);
await rm(stage, { recursive: true, force: true });
const posts = plan.indexedPosts;
console.log(`Search index: ${posts} post${posts === 1 ? '' : 's'}, in out/pagefind/`);
