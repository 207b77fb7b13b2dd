/**
 * The build-time picture pipeline, with sharp: every local raster picture a page uses becomes AVIF
 * and WebP at the widths that fit the layout (never wider than the picture itself) plus one file in
 * its own format for old browsers, and a 1200×630 JPEG when link previews show it. Animated GIFs
 * and WebPs and SVGs pass through unchanged.
 *
 * Work once per content: each output is named by a hash of the picture's bytes and of these
 * settings, and kept in `node_modules/.cache/markdown-blog/images/`; a picture whose files are all
 * there is never decoded again. A picture is untrusted input: its size, its pixels and its
 * encoding time have limits (lib/limits.ts), and whatever goes wrong is that picture's problem.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { LIMITS } from '../limits';
import { readPicture } from './files';
import { IMAGE_FOLDER, type Manifest, type ManifestEntry } from './manifest';

/** Everything the outputs depend on besides the picture; changing any of it makes new files. */
export const IMAGE_SETTINGS = {
  version: 1,
  /** Widths for the layout: avatar (48 px at 2×–5×), phone column, tablet, the 960 px cover at 1.25×, 2×. */
  widths: [240, 480, 768, 1200, 1600],
  /** The width of the one file old browsers get. */
  fallbackWidth: 1200,
  og: { width: 1200, height: 630 },
  avif: { quality: 55, effort: 2 },
  webp: { quality: 78, effort: 4 },
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9 },
} as const;

const STAMP = `${JSON.stringify(IMAGE_SETTINGS)}|sharp ${sharp.versions.sharp}|vips ${sharp.versions.vips}`;

/** What a picture is, read from its header (no pixels decoded). */
export type PictureFacts = {
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'svg';
  width: number;
  height: number;
  /** Animated GIF or WebP, or SVG: published as they are. */
  passThrough: boolean;
};

export type Inspected = { ok: true; facts: PictureFacts } | { ok: false; reason: string };

const sharpOptions = { limitInputPixels: LIMITS.imagePixels, failOn: 'error' } as const;

/** What the picture in `bytes` is, or why the site cannot publish it. */
export async function inspectPicture(bytes: Buffer): Promise<Inspected> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, sharpOptions).metadata();
  } catch (error) {
    return { ok: false, reason: `is not a picture that can be read (${describe(error)})` };
  }
  const format = formatOf(metadata);
  if (!format) return { ok: false, reason: `is a ${metadata.format} file, not a JPEG, PNG, WebP, AVIF, GIF or SVG` };
  const width = metadata.autoOrient?.width ?? metadata.width;
  const height = metadata.autoOrient?.height ?? metadata.height;
  if (!width || !height) return { ok: false, reason: 'has no width and height' };
  if (width * height > LIMITS.imagePixels) {
    return {
      ok: false,
      reason: `is ${width}×${height} pixels, over the limit of ${LIMITS.imagePixels.toLocaleString('en-US')} pixels: make it smaller`,
    };
  }
  const animated = (metadata.pages ?? 1) > 1 && (format === 'gif' || format === 'webp');
  return { ok: true, facts: { format, width, height, passThrough: animated || format === 'svg' } };
}

function formatOf(metadata: Metadata): PictureFacts['format'] | undefined {
  switch (metadata.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
    case 'svg':
      return metadata.format;
    case 'heif':
      return metadata.compression === 'av1' ? 'avif' : undefined;
    default:
      return undefined;
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/** Where encoded files are kept between builds. */
export function imageCacheDirectory(root = process.cwd()): string {
  return path.join(root, 'node_modules', '.cache', 'markdown-blog', 'images');
}

const EXTENSION: Record<PictureFacts['format'], string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
  svg: 'svg',
};

/** The widths a picture `width` pixels wide is published at: the layout's, up to its own. */
export function widthsFor(width: number): number[] {
  const below: number[] = IMAGE_SETTINGS.widths.filter((candidate) => candidate < width);
  return below.length === IMAGE_SETTINGS.widths.length ? below : [...below, width];
}

/** The size of the link-preview JPEG: 1200×630, or the largest 1200:630 crop of a smaller picture. */
export function ogSizeFor(width: number, height: number): { width: number; height: number } {
  const { og } = IMAGE_SETTINGS;
  const scale = Math.min(1, width / og.width, height / og.height);
  return { width: Math.max(1, Math.round(og.width * scale)), height: Math.max(1, Math.round(og.height * scale)) };
}

type Job = { name: string; make: () => Promise<Buffer> };

/** The manifest entry and the files to make for a picture, named by `hash`. */
function plan(
  hash: string,
  bytes: Buffer,
  facts: PictureFacts,
  wantsOg: boolean,
): { entry: ManifestEntry; jobs: Job[] } {
  const url = (name: string) => `/${IMAGE_FOLDER}/${name}`;
  const jobs: Job[] = [];
  const decoded = () =>
    sharp(bytes, { ...sharpOptions, animated: false })
      .autoOrient()
      .timeout({ seconds: LIMITS.imageSeconds });
  let og: ManifestEntry['og'];
  if (wantsOg) {
    const size = ogSizeFor(facts.width, facts.height);
    const name = `${hash}-og.jpg`;
    og = { path: url(name), ...size };
    jobs.push({
      name,
      make: () =>
        decoded()
          .resize({ ...size, fit: 'cover' })
          .flatten({ background: '#ffffff' })
          .jpeg(IMAGE_SETTINGS.jpeg)
          .toBuffer(),
    });
  }
  if (facts.passThrough) {
    const name = `${hash}.${EXTENSION[facts.format]}`;
    jobs.push({ name, make: () => Promise.resolve(bytes) });
    return {
      entry: {
        width: facts.width,
        height: facts.height,
        fallback: { path: url(name), width: facts.width },
        sources: [],
        og,
      },
      jobs,
    };
  }
  const widths = widthsFor(facts.width);
  const sources: ManifestEntry['sources'] = [];
  for (const format of ['avif', 'webp'] as const) {
    const files = widths.map((width) => {
      const name = `${hash}-${width}.${format}`;
      jobs.push({
        name,
        make: () =>
          format === 'avif'
            ? decoded().resize({ width }).avif(IMAGE_SETTINGS.avif).toBuffer()
            : decoded().resize({ width }).webp(IMAGE_SETTINGS.webp).toBuffer(),
      });
      return { path: url(name), width };
    });
    sources.push({ type: `image/${format}`, files });
  }
  // Old browsers get one file in the picture's own format (AVIF, which they cannot show either, as JPEG).
  const fallbackWidth = Math.min(facts.width, IMAGE_SETTINGS.fallbackWidth);
  const fallbackFormat = facts.format === 'avif' ? 'jpeg' : facts.format;
  const fallbackName = `${hash}-${fallbackWidth}.${EXTENSION[fallbackFormat]}`;
  jobs.push({
    name: fallbackName,
    make: () => {
      const resized = decoded().resize({ width: fallbackWidth });
      if (fallbackFormat === 'png') return resized.png(IMAGE_SETTINGS.png).toBuffer();
      if (fallbackFormat === 'webp') return resized.webp(IMAGE_SETTINGS.webp).toBuffer();
      return resized.jpeg(IMAGE_SETTINGS.jpeg).toBuffer();
    },
  });
  return {
    entry: {
      width: facts.width,
      height: facts.height,
      fallback: { path: url(fallbackName), width: fallbackWidth },
      sources,
      og,
    },
    jobs,
  };
}

/** One local picture the posts use, found by `npm run check` (lib/check.ts). */
export type WantedPicture = {
  /** Its manifest key (lib/images/reference.ts). */
  key: string;
  /** The file, as lib/images/files.ts located it. */
  file: string;
  /** Whether a symbolic link may stand for it (`public/`), or must be refused (beside the posts). */
  followLinks: boolean;
  /** Whether link previews show it (a post's cover or ogImage). */
  og: boolean;
};

export type PipelineResult = {
  manifest: Manifest;
  /** Pictures that could not be encoded, by key, with why. */
  failed: Map<string, string>;
  /** Files encoded by this run, and files that were already in the cache. */
  encoded: number;
  cached: number;
  /** Bytes of every file published under `public/_img/`. */
  publishedBytes: number;
  seconds: number;
};

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** Writes whole or not at all: another build may read the cache at the same moment. */
async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

/** Runs `work` on each item, at most `parallel` at a time. */
async function eachLimited<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(lanes);
}

export type PipelineOptions = {
  /** Where the cache is (default: node_modules/.cache/markdown-blog/images/ in the working directory). */
  cacheDir?: string;
  /** Where the published files go (default: public/_img/ in the working directory). */
  outputDir?: string;
  /** Called after each picture with how far the run is. */
  progress?: (done: number, total: number, encoded: number) => void;
};

/**
 * Makes every file of every wanted picture that the cache lacks, then publishes exactly the
 * files of these pictures in the output folder (others, of pictures no longer used, are removed).
 * As many pictures at a time as there are cores (up to 4): sharp works on one thread per picture.
 */
export async function runPipeline(wanted: WantedPicture[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const started = performance.now();
  const cacheDir = options.cacheDir ?? imageCacheDirectory();
  const outputDir = options.outputDir ?? path.join(process.cwd(), 'public', IMAGE_FOLDER);
  await mkdir(cacheDir, { recursive: true });
  await mkdir(outputDir, { recursive: true });
  const pictures: Manifest['pictures'] = {};
  const failed = new Map<string, string>();
  const published = new Set<string>();
  let encoded = 0;
  let cached = 0;
  let done = 0;
  await eachLimited(wanted, Math.max(1, Math.min(os.availableParallelism(), 4)), async (picture) => {
    try {
      // Read and judged again, not trusted from check: the file may have changed since.
      const read = await readPicture(picture.file, picture.followLinks);
      if (!read.ok) throw new Error(read.reason);
      const inspected = await inspectPicture(read.bytes);
      if (!inspected.ok) throw new Error(inspected.reason);
      const hash = createHash('sha256').update(STAMP).update(read.bytes).digest('hex').slice(0, 20);
      const { entry, jobs } = plan(hash, read.bytes, inspected.facts, picture.og);
      for (const job of jobs) {
        const cachedFile = path.join(cacheDir, job.name);
        if (await exists(cachedFile)) cached += 1;
        else {
          await writeAtomically(cachedFile, await job.make());
          encoded += 1;
        }
      }
      pictures[picture.key] = entry;
      for (const job of jobs) published.add(job.name);
    } catch (error) {
      failed.set(picture.key, describe(error));
    }
    done += 1;
    options.progress?.(done, wanted.length, encoded);
  });
  let publishedBytes = 0;
  for (const name of published) {
    const from = path.join(cacheDir, name);
    const to = path.join(outputDir, name);
    const [source, target] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
    publishedBytes += source.size;
    if (target?.size === source.size) continue;
    await rm(to, { force: true });
    // A hard link costs no space; across disks, a copy.
    await link(from, to).catch(() => copyFile(from, to));
  }
  for (const name of await readdir(outputDir)) {
    if (!published.has(name)) await rm(path.join(outputDir, name), { force: true, recursive: true });
  }
  return {
    manifest: { version: 1, pictures },
    failed,
    encoded,
    cached,
    publishedBytes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Writes the manifest where pages read it (lib/images/manifest.ts). */
export async function writeManifest(file: string, manifest: Manifest): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, Buffer.from(`${JSON.stringify(manifest)}\n`));
}
