#!/usr/bin/env node
/**
 * Serves the static export in `out/` the way a static host does: `/x/` serves `x/index.html`,
 * `/x` redirects to `/x/` when that folder exists, unknown paths get `404.html` with status 404,
 * `/_next/static/` files are cached for a year, and text is gzipped for browsers that accept it. For local previews and tests, not production.
 *
 *   node scripts/serve-out.mjs [--dir out] [--port 3000] [--host 127.0.0.1] [--base /blog]
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out' },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    // The sub-path the site is served under, as a host would for a BASE_PATH=/blog export.
    base: { type: 'string', default: '' },
  },
});

const root = path.resolve(values.dir);
const base = values.base.replace(/\/+$/, '');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

async function fileAt(target) {
  try {
    const info = await stat(target);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

/** Text types are gzipped when the browser accepts it, as every static host and CDN does. */
const compressible = new Set(['.html', '.css', '.js', '.json', '.txt', '.xml', '.svg']);

function send(request, response, status, file, size, extraHeaders = {}) {
  const extension = path.extname(file).toLowerCase();
  const headers = {
    'content-type': types[extension] ?? 'application/octet-stream',
    ...extraHeaders,
  };
  const gzip = compressible.has(extension) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (compressible.has(extension)) headers.vary = 'accept-encoding';
  if (gzip) {
    response.writeHead(status, { ...headers, 'content-encoding': 'gzip' });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(createGzip()).pipe(response);
    return;
  }
  response.writeHead(status, { ...headers, 'content-length': size });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file).pipe(response);
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '/__bad_request__';
  }
  if (base) {
    if (pathname === base) {
      response.writeHead(308, { location: `${base}/${url.search}` });
      return response.end();
    }
    // Outside the sub-path there is nothing of this site: the host's own plain 404.
    if (!pathname.startsWith(`${base}/`)) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end('Not found (outside the site)');
    }
    pathname = pathname.slice(base.length);
  }
  // Resolve inside the export folder only.
  const target = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
  if (!target.startsWith(root)) pathname = '/__outside__';

  if (pathname.endsWith('/')) {
    const index = path.join(target, 'index.html');
    const info = await fileAt(index);
    if (info) return send(request, response, 200, index, info.size, { 'cache-control': 'no-cache' });
  } else {
    const info = await fileAt(target);
    if (info) {
      const immutable = pathname.startsWith('/_next/static/');
      return send(request, response, 200, target, info.size, {
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (await fileAt(path.join(target, 'index.html'))) {
      response.writeHead(308, { location: `${url.pathname}/${url.search}` });
      return response.end();
    }
  }
  const notFound = path.join(root, '404.html');
  const info = await fileAt(notFound);
  if (info) return send(request, response, 404, notFound, info.size, { 'cache-control': 'no-cache' });
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Not found');
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Serving ${path.relative(process.cwd(), root) || '.'} at http://${values.host}:${values.port}${base}/`);
});
