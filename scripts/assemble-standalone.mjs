#!/usr/bin/env node
/**
 * After `npm run build:server`: completes `.next/standalone/` so that it runs on its own with
 * `node .next/standalone/server.js`. Next leaves out what it serves as files: `public/` and
 * `.next/static/` (and so the pictures the build made, in `public/_img/`); the posts are read at
 * run time, so `_posts/` is copied too (or point `POSTS_DIR` at a folder of your choice when you
 * start the server), with the image manifest pages look pictures up in (`.images/`), and so are the
 * fonts that Open Graph cards are drawn with (lib/og-fonts.ts reads them by path, so Next does not
 * trace them), the search index the build wrote (`.next/search-index/`) and Pagefind's program,
 * which the server runs to rebuild it (found by a path Next cannot trace).
 */
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const root = process.cwd();

/**
 * Where server.js is: `.next/standalone/` itself, or deeper when the project sits below the
 * tracing root (a monorepo, or the project copies the tests build): Next records that offset.
 */
async function standaloneAppDir() {
  const manifest = JSON.parse(await readFile(path.join(root, '.next', 'required-server-files.json'), 'utf8'));
  const offset = typeof manifest.relativeAppDir === 'string' ? manifest.relativeAppDir : '';
  return path.join(root, '.next', 'standalone', offset);
}

let standalone;
try {
  standalone = await standaloneAppDir();
  await stat(path.join(standalone, 'server.js'));
} catch {
  console.error('No .next/standalone/server.js: run `npm run build:server` first.');
  process.exit(1);
}

/**
 * The Open Graph cards' fonts (lib/og-fonts.ts): of every `@fontsource` package, its `unicode.json`
 * and its weight 400 and 700 WOFF files; and Noto Emoji's two TrueType files.
 */
async function cardFonts() {
  const fontsource = path.join('node_modules', '@fontsource');
  const files = [];
  for (const id of await readdir(path.join(root, fontsource)).catch(() => [])) {
    files.push(path.join(fontsource, id, 'unicode.json'));
    const names = await readdir(path.join(root, fontsource, id, 'files')).catch(() => []);
    files.push(
      ...names
        .filter((name) => /-(400|700)-normal\.woff$/.test(name))
        .map((name) => path.join(fontsource, id, 'files', name)),
    );
  }
  const emoji = path.join('node_modules', '@expo-google-fonts', 'noto-emoji');
  files.push(
    path.join(emoji, '400Regular', 'NotoEmoji_400Regular.ttf'),
    path.join(emoji, '700Bold', 'NotoEmoji_700Bold.ttf'),
  );
  return files;
}

/** Pagefind's program for this platform (`@pagefind/linux-x64`, …), as npm installed it. */
async function pagefindPrograms() {
  const scope = path.join('node_modules', '@pagefind');
  return (await readdir(path.join(root, scope)).catch(() => [])).map((name) => path.join(scope, name));
}

for (const [from, to] of [
  ['public', 'public'],
  [path.join('.next', 'static'), path.join('.next', 'static')],
  ['_posts', '_posts'],
  // The rendering worker's bundle (lib/render-pool.ts), loaded by path in a worker thread.
  ['.render-worker', '.render-worker'],
  // The image manifest (lib/images/manifest.ts); the pictures themselves are in public/_img/.
  ['.images', '.images'],
  // The search index's first version (lib/live-search-index.ts) and the program that rebuilds it.
  [path.join('.next', 'search-index'), path.join('.next', 'search-index')],
  ...(await pagefindPrograms()).map((folder) => [folder, folder]),
  // The Open Graph cards' fonts, read by path when a card is drawn at run time.
  ...(await cardFonts()).map((file) => [file, file]),
]) {
  const source = path.join(root, from);
  const target = path.join(standalone, to);
  await rm(target, { recursive: true, force: true });
  try {
    await cp(source, target, { recursive: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') continue; // e.g. no _posts/ yet
    throw error;
  }
}
console.log(`Standalone server ready: node ${path.relative(root, path.join(standalone, 'server.js'))}`);
