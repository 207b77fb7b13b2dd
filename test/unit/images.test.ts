/**
 * Pictures (lib/images/): what a reference may name, finding and reading files as an attacker
 * would have them, the sharp pipeline with its cache and limits, and the markup pages get.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, formatCheckProblem } from '@/lib/check';
import { FileTree, readPicture } from '@/lib/images/files';
import type { Picture } from '@/lib/images/manifest';
import { PICTURE_SIZES, pictureHtml, withPictures } from '@/lib/images/markup';
import { inspectPicture, ogSizeFor, runPipeline, widthsFor, type WantedPicture } from '@/lib/images/pipeline';
import { bodyPictureLookup, postPictures } from '@/lib/images/post-pictures';
import { pictureRoot, resolvePictureReference } from '@/lib/images/reference';
import { LIMITS } from '@/lib/limits';
import { catalogOf, type Renderer } from '@/lib/posts/catalog';
import { postFilesIn } from '@/lib/posts/source';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'images-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();

/** A PNG whose header claims `width`×`height` pixels, with no pixels behind it. */
function pngHeader(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 2, 0, 0, 0], 8);
  const type = Buffer.from('IHDR', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, type, data, crc]);
}

describe('picture references', () => {
  const folderPost = { file: 'trip/index.md' };
  const flatPost = { file: 'trip.md' };

  it('resolves a relative picture from the post file, inside its folder post or the posts folder', () => {
    expect(resolvePictureReference('boat.jpg', folderPost)).toEqual({
      kind: 'relative',
      key: 'posts:trip/boat.jpg',
      relative: 'trip/boat.jpg',
    });
    expect(resolvePictureReference('./shots/boat%201.jpg?v=2#x', folderPost)).toMatchObject({
      relative: 'trip/shots/boat 1.jpg',
    });
    expect(resolvePictureReference('trip/boat.jpg', flatPost)).toMatchObject({ relative: 'trip/boat.jpg' });
    expect(resolvePictureReference('shots/../boat.jpg', folderPost)).toMatchObject({ relative: 'trip/boat.jpg' });
    expect(pictureRoot(folderPost)).toBe('trip');
    expect(pictureRoot(flatPost)).toBe('');
    // A post file named index.md directly in the posts folder is a flat post.
    expect(pictureRoot({ file: 'index.md' })).toBe('');
  });

  it.each([
    ['../../etc/passwd.png', "leaves the post's folder"],
    ['../other-post/secret.png', "leaves the post's folder"],
    ['%2e%2e/x.png', "leaves the post's folder"],
    ['.%2E/.%2e/x.png', "leaves the post's folder"],
    ['%2Fetc%2Fpasswd.png', 'is an absolute path once decoded'],
    ['..%5C..%5Cwin.png', 'holds a backslash or a control character'],
    ['a%00.png', 'holds a backslash or a control character'],
    ['%E0%A4%A.png', 'has a broken %-escape'],
    ['.git/x.png', 'names a hidden file or folder (starting with ".")'],
    ['notes.txt', 'is not a picture file (.jpg, .jpeg, .png, .webp, .avif, .gif, .svg)'],
    ['/assets/../../etc/x.png', 'has a "." or ".." part'],
  ])('refuses %s in a folder post: it %s', (reference, reason) => {
    expect(resolvePictureReference(reference, folderPost)).toEqual({ kind: 'invalid', reason });
  });

  it('refuses ../ from a flat post, which would leave the posts folder', () => {
    expect(resolvePictureReference('../x.png', flatPost)).toEqual({
      kind: 'invalid',
      reason: "leaves the post's folder",
    });
  });

  it('tells public, remote and other references apart', () => {
    expect(resolvePictureReference('/assets/my%20pic.png', flatPost)).toEqual({
      kind: 'public',
      key: 'public:/assets/my pic.png',
      sitePath: '/assets/my pic.png',
      picture: true,
    });
    expect(resolvePictureReference('/favicon.ico', flatPost)).toMatchObject({ kind: 'public', picture: false });
    expect(resolvePictureReference('https://cdn.example/a.jpg', flatPost)).toEqual({
      kind: 'remote',
      url: 'https://cdn.example/a.jpg',
    });
    expect(resolvePictureReference('data:image/png;base64,AAAA', flatPost)).toEqual({ kind: 'other' });
  });
});

describe('finding and reading picture files', () => {
  let posts: string;

  beforeAll(async () => {
    posts = path.join(dir, 'find');
    await mkdir(path.join(posts, 'trip', 'shots'), { recursive: true });
    await writeFile(path.join(posts, 'trip', 'boat.jpg'), await jpeg(10, 10));
    await symlink('/etc/passwd', path.join(posts, 'trip', 'passwd.png'));
    await symlink(path.join(posts, 'trip'), path.join(posts, 'linked'));
    await writeFile(path.join(posts, 'trip', 'huge.png'), '');
    await truncate(path.join(posts, 'trip', 'huge.png'), LIMITS.imageBytes + 1);
  });

  it('finds names with exact case and refuses symbolic links beside the posts', async () => {
    const tree = new FileTree(posts, false);
    expect(await tree.locate('trip/boat.jpg')).toEqual({ ok: true, file: path.join(posts, 'trip', 'boat.jpg') });
    expect(await tree.locate('trip/Boat.jpg')).toEqual({
      ok: false,
      reason: 'does not exist (names are case-sensitive)',
    });
    expect(await tree.locate('trip/passwd.png')).toEqual({
      ok: false,
      reason: 'is a symbolic link, which is not followed',
    });
    expect(await tree.locate('linked/boat.jpg')).toEqual({
      ok: false,
      reason: 'is a symbolic link, which is not followed',
    });
    expect(await tree.locate('trip/shots')).toEqual({ ok: false, reason: 'is not a regular file' });
    // public/ is the operator's own: links there are followed.
    expect(await new FileTree(posts, true).locate('linked/boat.jpg')).toMatchObject({ ok: true });
  });

  it('refuses a file past the size limit before reading it, and a link when opening', async () => {
    expect(await readPicture(path.join(posts, 'trip', 'huge.png'), false)).toEqual({
      ok: false,
      reason: `is ${(LIMITS.imageBytes + 1).toLocaleString('en-US')} bytes, over the limit of ${LIMITS.imageBytes.toLocaleString('en-US')}: make it smaller`,
    });
    expect(await readPicture(path.join(posts, 'trip', 'passwd.png'), false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^could not be opened: ELOOP/),
    });
  });
});

describe('judging a picture by its contents', () => {
  it('reads the size and format of a real picture', async () => {
    expect(await inspectPicture(await jpeg(300, 200))).toEqual({
      ok: true,
      facts: { format: 'jpeg', width: 300, height: 200, passThrough: false },
    });
  });

  it('refuses bytes that are not a picture, whatever the name', async () => {
    expect(await inspectPicture(Buffer.from('#!/bin/sh\necho not a picture\n'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^is not a picture that can be read/),
    });
  });

  it('refuses a header that claims more pixels than the limit (a decompression bomb), without decoding it', async () => {
    const result = await inspectPicture(pngHeader(20_000, 20_000));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(
      /20000×20000 pixels, over the limit|is not a picture that can be read/,
    );
  });

  it('passes animated GIFs and SVGs through', async () => {
    // Two frames of 8×16, a red one and a green one.
    const pixels = Buffer.alloc(8 * 32 * 4);
    for (let index = 0; index < 8 * 32; index++)
      pixels.set(index < 8 * 16 ? [255, 0, 0, 255] : [0, 255, 0, 255], index * 4);
    const animated = await sharp(pixels, { raw: { width: 8, height: 32, channels: 4, pageHeight: 16 } })
      .gif({ loop: 0 })
      .toBuffer();
    expect(await inspectPicture(animated)).toEqual({
      ok: true,
      facts: { format: 'gif', width: 8, height: 16, passThrough: true },
    });
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
    );
    expect(await inspectPicture(svg)).toEqual({
      ok: true,
      facts: { format: 'svg', width: 40, height: 20, passThrough: true },
    });
  });
});

describe('the pipeline', () => {
  let source: string;
  let cacheDir: string;
  let outputDir: string;
  const wanted = (name: string, og = false): WantedPicture => ({
    key: `posts:${name}`,
    file: path.join(source, name),
    followLinks: false,
    og,
  });

  beforeAll(async () => {
    source = path.join(dir, 'pipeline');
    cacheDir = path.join(dir, 'cache');
    outputDir = path.join(dir, 'out-img');
    await mkdir(source, { recursive: true });
    await writeFile(path.join(source, 'wide.jpg'), await jpeg(1000, 500));
    await writeFile(path.join(source, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  });

  it('publishes widths that fit the layout, never wider than the picture', () => {
    expect(widthsFor(4000)).toEqual([240, 480, 768, 1200, 1600]);
    expect(widthsFor(1600)).toEqual([240, 480, 768, 1200, 1600]);
    expect(widthsFor(1000)).toEqual([240, 480, 768, 1000]);
    expect(widthsFor(100)).toEqual([100]);
    expect(ogSizeFor(4000, 3000)).toEqual({ width: 1200, height: 630 });
    expect(ogSizeFor(1000, 500)).toEqual({ width: 952, height: 500 });
  });

  it('encodes AVIF, WebP, a fallback and the link-preview JPEG once, then only from the cache', async () => {
    const first = await runPipeline([wanted('wide.jpg', true), wanted('icon.svg')], { cacheDir, outputDir });
    expect(first.failed).toEqual(new Map());
    const entry = first.manifest.pictures['posts:wide.jpg'];
    expect(entry).toMatchObject({ width: 1000, height: 500, og: { width: 952, height: 500 } });
    expect(entry?.sources.map((item) => [item.type, item.files.map((file) => file.width)])).toEqual([
      ['image/avif', [240, 480, 768, 1000]],
      ['image/webp', [240, 480, 768, 1000]],
    ]);
    expect(entry?.fallback).toEqual({ path: expect.stringMatching(/^\/_img\/[0-9a-f]{20}-1000\.jpg$/), width: 1000 });
    // The SVG as it is.
    expect(first.manifest.pictures['posts:icon.svg']).toMatchObject({ sources: [], fallback: { width: 10 } });
    expect(first.encoded).toBe(4 + 4 + 1 + 1 + 1);
    const published = await readdir(outputDir);
    expect(published).toHaveLength(11);
    const avif = await sharp(
      path.join(outputDir, published.find((name) => name.endsWith('-768.avif')) ?? ''),
    ).metadata();
    expect([avif.width, avif.height, avif.format]).toEqual([768, 384, 'heif']);

    const again = await runPipeline([wanted('wide.jpg', true), wanted('icon.svg')], { cacheDir, outputDir });
    expect([again.encoded, again.cached]).toEqual([0, 11]);
    expect(again.manifest).toEqual(first.manifest);
  });

  it("makes a broken picture that picture's problem, and removes the files of pictures no longer used", async () => {
    await writeFile(path.join(source, 'broken.png'), 'not a png');
    const result = await runPipeline([wanted('broken.png'), wanted('icon.svg')], { cacheDir, outputDir });
    expect(result.failed.get('posts:broken.png')).toMatch(/^is not a picture that can be read/);
    expect(Object.keys(result.manifest.pictures)).toEqual(['posts:icon.svg']);
    expect(await readdir(outputDir)).toEqual([expect.stringMatching(/^[0-9a-f]{20}\.svg$/)]);
  });
});

describe('picture markup', () => {
  const picture: Picture = {
    src: '/_img/abc-768.jpg',
    width: 1600,
    height: 900,
    sources: [
      { type: 'image/avif', srcset: '/_img/abc-480.avif 480w, /_img/abc-768.avif 768w' },
      { type: 'image/webp', srcset: '/_img/abc-480.webp 480w, /_img/abc-768.webp 768w' },
    ],
  };

  it('writes <picture> with sources sized for the place, and an <img> with the real size', () => {
    expect(pictureHtml(picture, { alt: 'A "quoted" <b> & co', sizes: PICTURE_SIZES.body })).toBe(
      `<picture><source type="image/avif" srcset="/_img/abc-480.avif 480w, /_img/abc-768.avif 768w" sizes="${PICTURE_SIZES.body}">` +
        `<source type="image/webp" srcset="/_img/abc-480.webp 480w, /_img/abc-768.webp 768w" sizes="${PICTURE_SIZES.body}">` +
        '<img src="/_img/abc-768.jpg" alt="A &quot;quoted&quot; &lt;b&gt; &amp; co" width="1600" height="900" loading="lazy" decoding="async"></picture>',
    );
    expect(pictureHtml(picture, { alt: '', sizes: '1px', priority: true })).toContain(
      'loading="eager" decoding="async" fetchpriority="high"',
    );
    expect(pictureHtml({ src: 'https://cdn.example/x.jpg', sources: [] }, { alt: 'x', sizes: '1px' })).toBe(
      '<img src="https://cdn.example/x.jpg" alt="x" loading="lazy" decoding="async">',
    );
  });

  it("replaces the body images the manifest knows, keeps an asked width, and leaves an author's <picture> alone", () => {
    const html =
      '<p><img src="boat.jpg" alt="A &#x22;boat&#x22;" loading="lazy" decoding="async"></p>' +
      '<p><img src="https://x.example/y.png" alt="remote"></p>' +
      '<picture><source srcset="boat.jpg"><img src="boat.jpg" alt="theirs"></picture>' +
      '<p><img src="boat.jpg" alt="small" width="400"></p>';
    const out = withPictures(html, (src) => (src === 'boat.jpg' ? picture : undefined));
    expect(out).toContain('<p><picture><source type="image/avif"');
    expect(out).toContain('alt="A &quot;boat&quot;" width="1600" height="900"');
    expect(out).toContain('<img src="https://x.example/y.png" alt="remote">');
    expect(out).toContain('<picture><source srcset="boat.jpg"><img src="boat.jpg" alt="theirs"></picture>');
    expect(out).toContain('alt="small" width="400" height="225"');
  });

  it('looks body pictures and covers up in the manifest, and keeps a remote cover as written, with its size', () => {
    const manifest = {
      version: 1 as const,
      pictures: {
        'posts:trip/boat.jpg': {
          width: 1600,
          height: 900,
          fallback: { path: '/_img/abc-1200.jpg', width: 1200 },
          sources: [{ type: 'image/avif' as const, files: [{ path: '/_img/abc-480.avif', width: 480 }] }],
          og: { path: '/_img/abc-og.jpg', width: 1200, height: 630 },
        },
      },
    };
    const post = { file: 'trip/index.md' };
    expect(bodyPictureLookup(post, manifest)('boat.jpg')).toMatchObject({ src: '/_img/abc-1200.jpg', width: 1600 });
    expect(bodyPictureLookup(post, manifest)('../trip/boat.jpg')).toBeUndefined();
    const local = postPictures({ coverImage: { url: 'boat.jpg' }, author: [{ name: 'A' }] }, 'trip', post, manifest);
    expect(local.share).toEqual({ url: '/_img/abc-og.jpg', width: 1200, height: 630 });
    const remote = postPictures(
      { coverImage: { url: 'https://cdn.example/c.jpg', width: 800, height: 400 }, author: [{ name: 'A' }] },
      'trip',
      post,
      manifest,
    );
    expect(remote.cover).toEqual({ src: 'https://cdn.example/c.jpg', width: 800, height: 400, sources: [] });
    expect(postPictures({ author: [{ name: 'A' }] }, 'trip', post, manifest).share).toEqual({
      url: '/og/trip.png',
      width: 1200,
      height: 630,
    });
  });
});

describe('posts in folders, and check of the pictures beside them', () => {
  let posts: string;
  let publicDir: string;

  beforeAll(async () => {
    posts = path.join(dir, 'check-posts');
    publicDir = path.join(dir, 'check-public');
    await mkdir(path.join(posts, 'trip', 'shots'), { recursive: true });
    await mkdir(path.join(posts, 'only-pictures'), { recursive: true });
    await mkdir(path.join(posts, 'notes'), { recursive: true });
    await mkdir(publicDir, { recursive: true });
    await writeFile(path.join(posts, 'trip', 'shots', 'boat.jpg'), await jpeg(100, 50));
    await writeFile(path.join(posts, 'trip', 'fake.png'), 'text, named like a picture');
    await writeFile(path.join(posts, 'only-pictures', 'a.jpg'), await jpeg(10, 10));
    await writeFile(path.join(posts, 'notes', 'sketch.jpg'), await jpeg(10, 10));
    await symlink(path.join(posts, 'trip', 'index.md'), path.join(posts, 'only-pictures', 'index.md'));
    await writeFile(
      path.join(posts, 'trip', 'index.md'),
      '---\ntitle: Trip\ndate: 2020-01-01\ncoverImage: shots/boat.jpg\n---\n\n![A boat](shots/boat.jpg)\n\n![Gone](gone.jpg)\n\n![Out](../notes/sketch.jpg) ![Fake](fake.png)\n',
    );
    await writeFile(
      path.join(posts, 'notes.md'),
      '---\ntitle: Notes\ndate: 2020-01-02\n---\n\n![A sketch](notes/sketch.jpg)\n',
    );
    await writeFile(
      path.join(posts, 'draft.md'),
      '---\ntitle: Draft\ndate: 2020-01-03\ndraft: true\n---\n\n![A sketch](notes/sketch.jpg)\n',
    );
  });

  it('takes <name>/index.md as a post, not a folder without one or with a linked one', async () => {
    const files = await postFilesIn(posts);
    expect([...files.values()].sort()).toEqual(['draft', 'notes', 'trip']);
    expect(files.get(path.join(posts, 'trip', 'index.md'))).toBe('trip');
  });

  it('reports <name>.md beside <name>/index.md as two posts at one address', async () => {
    const both = path.join(dir, 'both');
    await mkdir(path.join(both, 'same'), { recursive: true });
    await writeFile(path.join(both, 'same.md'), '---\ntitle: A\ndate: 2020-01-01\n---\nA\n');
    await writeFile(path.join(both, 'same', 'index.md'), '---\ntitle: B\ndate: 2020-01-02\n---\nB\n');
    const render: Renderer = async (markdown) => ({
      html: markdown,
      headings: [],
      facts: { ids: [], links: [], images: [], invalid: [] },
      firstParagraph: markdown,
      words: 1,
      scripts: [],
    });
    const { posts: found, problems } = await catalogOf(await postFilesIn(both), render);
    expect(found).toHaveLength(1);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^\/posts\/same\/ is also the URL of .*same(\.md|\/index\.md): rename one/),
    ]);
  });

  it('reports a missing, escaping or fake picture at its line and column, and lists the good ones', async () => {
    const { problems, pictures } = await checkPosts(posts, publicDir);
    const lines = problems.map((problem) => formatCheckProblem(problem).replace(`${posts}/`, ''));
    expect(lines.filter((line) => !line.includes('warning'))).toEqual([
      expect.stringMatching(
        /^.*trip\/index\.md:9:1: error: image gone\.jpg names .*trip\/gone\.jpg, which does not exist \(names are case-sensitive\)$/,
      ),
      expect.stringMatching(/^.*trip\/index\.md:11:1: error: image \.\.\/notes\/sketch\.jpg leaves the post's folder$/),
      expect.stringMatching(/^.*trip\/index\.md:11:29: error: image fake\.png is not a picture that can be read/),
    ]);
    // The draft's picture is not published (next dev asks for it with includeDrafts).
    expect(pictures.map((picture) => [picture.key, picture.og])).toEqual([
      ['posts:notes/sketch.jpg', false],
      ['posts:trip/shots/boat.jpg', true],
    ]);
    expect(pictures[1]?.usedAt).toMatchObject({ line: 4, column: 1, url: 'shots/boat.jpg' });
  });
});
