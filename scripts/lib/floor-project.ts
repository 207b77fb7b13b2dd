/**
 * The floor: what Next.js itself costs on this machine, for `npm run bench -- --reference floor`.
 * A bare App Router project, plain JavaScript, that writes one page per markdown file in `_posts/`
 * (its name as a heading, nothing read from the file) and a home page, as a static export. Its
 * paired time against the blog, at a few posts and at many, gives Next's fixed cost (compile,
 * export) and its cost per page, below which no target can go.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
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
};

/** Writes a fresh floor project under `base` (with the blog's node_modules linked) and returns its folder. */
export async function makeFloorProject(base: string): Promise<string> {
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, 'floor-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  await mkdir(path.join(dir, '_posts'));
  await symlink(path.relative(dir, path.join(projectRoot, 'node_modules')), path.join(dir, 'node_modules'));
  return dir;
}
