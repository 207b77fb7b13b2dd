/**
 * A post's pictures as pages show them, looked up in the image manifest (no file is read): its
 * cover, its author's picture, the image link previews show, and each picture of its body.
 * Remote pictures stay as written (with the size the front matter gives, if any); a local picture
 * the manifest lacks (`next dev` before any build) is shown as a plain `<img>` of the file in
 * `public/`, or not at all when it is beside the post, which nothing serves as it is.
 */
import type { FrontMatterFields } from '../post-schema';
import { assetUrl, basePath, ogImagePath } from '../urls';
import { pictureOf, type Manifest, type Picture } from './manifest';
import { resolvePictureReference, type PostLocation } from './reference';

/** The image of a post's link previews (`og:image`), with its size when known. */
export type ShareImage = { url: string; width?: number; height?: number };

export type PostPictures = {
  cover?: Picture;
  /** The first author's picture (the one lists show), when there is one. */
  avatar?: Picture;
  /** Each author's picture, in the order of the post's authors (`undefined` for one without). */
  avatars?: (Picture | undefined)[];
  share: ShareImage;
};

/** Generated cards are drawn at this size (app/og/[image]/route.tsx). */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

/** The picture a front-matter reference names, for the post at `post`. */
export function frontMatterPicture(
  reference: string,
  post: PostLocation,
  manifest: Manifest | undefined,
  size: { width?: number | undefined; height?: number | undefined } = {},
): Picture | undefined {
  const resolved = resolvePictureReference(reference, post);
  switch (resolved.kind) {
    case 'remote':
      return {
        src: resolved.url,
        ...(size.width && size.height ? { width: size.width, height: size.height } : {}),
        sources: [],
      };
    case 'public':
    case 'relative': {
      const entry = manifest?.pictures[resolved.key];
      if (entry) return pictureOf(entry);
      return resolved.kind === 'public' ? { src: assetUrl(resolved.sitePath), sources: [] } : undefined;
    }
    case 'other':
    case 'invalid':
      return undefined;
  }
}

/** The link-preview image: the `ogImage`, else the cover (1200×630 JPEG when local), else the post's card. */
function shareImage(
  fields: Pick<FrontMatterFields, 'ogImage' | 'coverImage'>,
  slug: string,
  post: PostLocation,
  manifest: Manifest | undefined,
): ShareImage {
  const written = fields.ogImage?.url ?? fields.coverImage?.url;
  if (!written) return { url: ogImagePath(slug), ...CARD_SIZE };
  const resolved = resolvePictureReference(written, post);
  if (resolved.kind === 'remote') {
    const size = fields.ogImage ? undefined : fields.coverImage;
    return { url: resolved.url, ...(size?.width && size.height ? { width: size.width, height: size.height } : {}) };
  }
  if (resolved.kind === 'invalid' || resolved.kind === 'other') return { url: ogImagePath(slug), ...CARD_SIZE };
  const og = manifest?.pictures[resolved.key]?.og;
  if (og) return { url: assetUrl(og.path), width: og.width, height: og.height };
  return resolved.kind === 'public' ? { url: assetUrl(resolved.sitePath) } : { url: ogImagePath(slug), ...CARD_SIZE };
}

/** Every picture of a post's front matter, as its pages show them. */
export function postPictures(
  fields: Pick<FrontMatterFields, 'ogImage' | 'coverImage' | 'author'>,
  slug: string,
  post: PostLocation,
  manifest: Manifest | undefined,
): PostPictures {
  const cover = fields.coverImage
    ? frontMatterPicture(fields.coverImage.url, post, manifest, fields.coverImage)
    : undefined;
  const avatars = fields.author.map((author) =>
    author.picture ? frontMatterPicture(author.picture, post, manifest) : undefined,
  );
  const [avatar] = avatars;
  return {
    ...(cover ? { cover } : {}),
    ...(avatar ? { avatar } : {}),
    avatars,
    share: shareImage(fields, slug, post, manifest),
  };
}

/**
 * The body's pictures by their `src` in the rendered HTML (site paths carry the base path there,
 * lib/markdown.ts): what lib/images/markup.ts's `withPictures` asks.
 */
export function bodyPictureLookup(
  post: PostLocation,
  manifest: Manifest | undefined,
): (src: string) => Picture | undefined {
  return (src) => {
    if (!manifest) return undefined;
    let reference = src;
    if (basePath && src.startsWith(`${basePath}/`)) reference = src.slice(basePath.length);
    const resolved = resolvePictureReference(reference, post);
    if (resolved.kind !== 'public' && resolved.kind !== 'relative') return undefined;
    const entry = manifest.pictures[resolved.key];
    return entry ? pictureOf(entry) : undefined;
  };
}
