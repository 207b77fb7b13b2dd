/**
 * The image manifest: for every local picture the posts use, its real size and the files the
 * build-time pipeline (lib/images/pipeline.ts) made of it under `public/_img/`. Written by
 * `npm run check -- --images` (which `npm run build` and `build:server` run first), read by pages,
 * so that a page never decodes a picture: it only looks one up. Kept in `.images/manifest.json`,
 * outside `public/`, so that pictures of posts not yet out are not listed for everyone.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { assetUrl } from '../urls';

/** Where the pipeline writes the files readers download: `public/_img/`, served at `/_img/`. */
export const IMAGE_FOLDER = '_img';

const file = z.object({ path: z.string(), width: z.number().int().positive() });

export const manifestEntrySchema = z.object({
  /** The picture's own size, upright (after its EXIF orientation). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The file an old browser gets (the original format), as a site path. */
  fallback: file,
  /** AVIF and WebP at the widths that fit the layout, never wider than the picture; none for pass-through pictures. */
  sources: z.array(z.object({ type: z.enum(['image/avif', 'image/webp']), files: z.array(file) })),
  /** The 1200×630 (or smaller, never upscaled) JPEG that link previews show, when the picture is a post's cover or ogImage. */
  og: z.object({ path: z.string(), width: z.number(), height: z.number() }).optional(),
});

export type ManifestEntry = z.output<typeof manifestEntrySchema>;

export const manifestSchema = z.object({
  version: z.literal(1),
  /** By key (lib/images/reference.ts): `public:/assets/x.png`, `posts:trip/boat.jpg`. */
  pictures: z.record(z.string(), manifestEntrySchema),
});

export type Manifest = z.output<typeof manifestSchema>;

/** The manifest file, in the working directory (the project, or the standalone server's folder). */
export function manifestFile(root = /* turbopackIgnore: true */ process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ root, '.images', 'manifest.json');
}

let kept: { mtimeMs: number; manifest: Manifest | undefined } | undefined;

/**
 * The manifest, read again only when the file changes; `undefined` when there is none (no build
 * yet, `next dev` before any) or it is damaged: pages then fall back to plain `<img>`.
 */
export function readManifest(file = manifestFile()): Manifest | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    kept = undefined;
    return undefined;
  }
  if (kept?.mtimeMs === mtimeMs) return kept.manifest;
  let manifest: Manifest | undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    manifest = parsed.success ? parsed.data : undefined;
  } catch {
    manifest = undefined;
  }
  kept = { mtimeMs, manifest };
  return manifest;
}

/** A picture as markup needs it: hrefs (with the base path) and, when known, its size. */
export type Picture = {
  src: string;
  width?: number;
  height?: number;
  /** `<source>` elements, best format first; none for remote and pass-through pictures. */
  sources: { type: string; srcset: string }[];
};

/** The `srcset` of files at several widths. */
function srcset(files: { path: string; width: number }[]): string {
  return files.map((item) => `${assetUrl(item.path)} ${item.width}w`).join(', ');
}

/** A manifest entry as a {@link Picture}. */
export function pictureOf(entry: ManifestEntry): Picture {
  return {
    src: assetUrl(entry.fallback.path),
    width: entry.width,
    height: entry.height,
    sources: entry.sources
      .filter((source) => source.files.length > 0)
      .map((source) => ({
        type: source.type,
        srcset: srcset(source.files),
      })),
  };
}
