/**
 * The floor: what Next.js itself costs on this machine, for `npm run bench -- --reference floor`.
 * A bare App Router project, plain JavaScript, that writes one page per markdown file in `_posts/`
 * (its name as a heading, nothing read from the file) and a home page, as a static export. Its
 * paired time against the blog, at a few posts and at many, gives Next's fixed cost (compile,
 * export) and its cost per page, below which no target can go.
 *
 * The blog writes more routes than it has posts (list, tag, feed and card routes), from more route
 * files. So that the floor writes as many routes, it also writes `/extra/<n>/` for n below the
 * number in `extra-routes.txt` ({@link setFloorExtraRoutes}); the paired bench sets it from the
 * blog's own route count. With a shape ({@link appShape}) it also has as many route files, each
 * trivial: `npm run bench -- --reference floor` is then what Next itself costs for an app of the
 * blog's shape and size, whatever the pages hold.
 */
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './next-project';

const files: Record<string, string> = {
  'package.json': '{ "private": true, "type": "module" }\n',
  'next.config.mjs':
    "export default { output: 'export', trailingSlash: true, images: { unoptimized: true } };\n",
  'app/layout.jsx': `export const metadata = { title: 'Floor' };
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/page.jsx': `import { readdirSync } from 'node:fs';
export default function Home() {
  const slugs = readdirSync('_posts').filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
  return <main><h1>Posts</h1><p>{slugs.length} posts</p></main>;
}
`,
  'app/posts/[slug]/page.jsx': `import { readdirSync } from 'node:fs';
export function generateStaticParams() {
  return readdirSync('_posts').filter((name) => name.endsWith('.md')).map((name) => ({ slug: name.slice(0, -3) }));
}
export const dynamicParams = false;
export default async function Post({ params }) {
  const { slug } = await params;
  return <main><h1>{slug}</h1></main>;
}
`,
  'extra-routes.txt': '0\n',
  'app/extra/[n]/page.jsx': `import { readFileSync } from 'node:fs';
export function generateStaticParams() {
  const count = Number(readFileSync('extra-routes.txt', 'utf8'));
  // An export needs at least one path per dynamic route.
  return Array.from({ length: Math.max(1, count) }, (_, n) => ({ n: String(n) }));
}
export const dynamicParams = false;
export default async function Extra({ params }) {
  const { n } = await params;
  return <main><h1>Route {n}</h1></main>;
}
`,
};

/**
 * The shape of the blog's app: how many page files and route-handler files (metadata routes such as
 * `sitemap.ts` and `icon.svg` count as handlers) a static export compiles. Next compiles each one
 * as an entry of its own, so the floor has as many, each trivial.
 */
export type AppShape = { pages: number; handlers: number };

/** Counts the route files of `appDir` that a static export builds (not `*.server.ts` or `*.dev.ts`). */
export async function appShape(appDir: string): Promise<AppShape> {
  const shape: AppShape = { pages: 0, handlers: 0 };
  for (const entry of await readdir(appDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(server|dev)\.tsx?$/.test(entry.name)) continue;
    if (/^page\.tsx?$/.test(entry.name)) shape.pages++;
    else if (/^route\.tsx?$/.test(entry.name) || /^(sitemap|robots)\.ts$|^(icon|apple-icon)\.\w+$/.test(entry.name))
      shape.handlers++;
  }
  return shape;
}

/** The floor's own page files: home, one per post, and the extra routes. */
const FLOOR_PAGES = 3;

/**
 * Adds trivial route files until the floor has as many page and handler files as `shape`, each
 * writing one route (handlers answer with a short text, prerendered).
 */
async function addShape(dir: string, shape: AppShape): Promise<void> {
  const write = async (name: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  };
  for (let k = 0; k < shape.pages - FLOOR_PAGES; k++) {
    await write(
      `app/p${k}/[n]/page.jsx`,
      `export function generateStaticParams() { return [{ n: '0' }]; }
export const dynamicParams = false;
export default async function Page({ params }) {
  const { n } = await params;
  return <main><h1>Page ${k}, {n}</h1></main>;
}
`,
    );
  }
  for (let k = 0; k < shape.handlers; k++) {
    await write(
      `app/h${k}/[n]/route.js`,
      `export function generateStaticParams() { return [{ n: 'x' }]; }
export const dynamicParams = false;
export async function GET(request, { params }) {
  const { n } = await params;
  return new Response('Route ${k} ' + n, { headers: { 'Content-Type': 'text/plain' } });
}
`,
    );
  }
}

/**
 * The routes the floor writes besides one per post and the extra ones: /, /_not-found, Next's
 * global error page, and one for each route file added for the shape.
 */
function fixedRoutes(shape: AppShape | undefined): number {
  return 3 + (shape ? Math.max(0, shape.pages - FLOOR_PAGES) + shape.handlers : 0);
}

/** Makes the floor write `count` routes in all for `posts` posts (at least one per post, plus its fixed routes and one extra). */
export async function setFloorExtraRoutes(dir: string, posts: number, count: number, shape?: AppShape): Promise<void> {
  await writeFile(path.join(dir, 'extra-routes.txt'), `${Math.max(1, count - posts - fixedRoutes(shape))}\n`);
}

/**
 * Writes a fresh floor project under `base` (with the blog's node_modules linked) and returns its
 * folder; with `shape`, it has as many page and handler files as the blog.
 */
export async function makeFloorProject(base: string, shape?: AppShape): Promise<string> {
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, 'floor-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  if (shape) await addShape(dir, shape);
  await mkdir(path.join(dir, '_posts'));
  await symlink(path.relative(dir, path.join(projectRoot, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}
