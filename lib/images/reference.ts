/**
 * What a picture reference written in a post names, worked out without touching the disk: a remote
 * URL (left alone, never downloaded), a file under `public/` (`/assets/x.png`), or a file beside the
 * post (`diagram.png`, `./diagram.png`, `my-post/diagram.png`), resolved from the post's own folder.
 *
 * A post is untrusted input, so a relative reference may never leave its post's folder (for
 * `_posts/<name>/index.md`) or the posts folder (for `_posts/<name>.md`): `..` that climbs out,
 * `%2e%2e`, absolute paths after decoding (`%2Fetc%2Fpasswd`), backslashes, hidden files and names
 * that are not pictures are refused here; symbolic links, sizes and contents are judged by
 * lib/images/inspect.ts when the file is read.
 */
import path from 'node:path';
import { POST_FOLDER_INDEX } from '../posts/folder';

/** The picture formats the pipeline takes, by file extension (lower case). */
export const PICTURE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.svg'] as const;

export type PictureReference =
  /** An http(s) URL or `//host/…`: shown as written, never fetched. */
  | { kind: 'remote'; url: string }
  /**
   * A file under `public/`: `sitePath` decoded (`/assets/my pic.png`); `picture` when its name is
   * one the pipeline makes sizes of (others, such as `.ico`, are published as they are).
   */
  | { kind: 'public'; key: string; sitePath: string; picture: boolean }
  /** A file beside the post: `relative` to the posts folder, with `/` separators. */
  | { kind: 'relative'; key: string; relative: string }
  /** Another scheme (`data:`, `mailto:`): not a file; sanitizing decides what a page keeps. */
  | { kind: 'other' }
  /** Not a picture the site can publish; `reason` ends a sentence that starts with the reference. */
  | { kind: 'invalid'; reason: string };

/** Where a post's relative pictures are looked for, relative to the posts folder. */
export type PostLocation = {
  /** The post file, relative to the posts folder with `/` separators (`hello.md`, `trip/index.md`). */
  file: string;
};

/** A post file's location relative to `postsDir`, as {@link resolvePictureReference} wants it. */
export function postLocation(postsDir: string, postFile: string): PostLocation {
  return { file: path.relative(postsDir, postFile).split(path.sep).join('/') };
}

/**
 * The folder a post's relative pictures must stay inside, relative to the posts folder: the post's
 * own folder for `<name>/index.md`, the posts folder itself (`''`) for `<name>.md`.
 */
export function pictureRoot(post: PostLocation): string {
  const folder = path.posix.dirname(post.file);
  return path.posix.basename(post.file) === POST_FOLDER_INDEX && folder !== '.' ? folder : '';
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Control characters have no place in a file name a post names.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Percent-decoded, or `undefined` for a broken escape. */
function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function isPictureName(name: string): boolean {
  const extension = path.posix.extname(name).toLowerCase();
  return PICTURE_EXTENSIONS.some((allowed) => allowed === extension);
}

/** The key under which a file of `public/` is kept in the image manifest. */
export function publicKey(sitePath: string): string {
  return `public:${sitePath}`;
}

/** The key under which a file beside the posts is kept in the image manifest. */
export function relativeKey(relative: string): string {
  return `posts:${relative}`;
}

/**
 * What `reference` (as written in front matter or markdown, percent-encoding allowed) names, for
 * the post at `post`. Pure: the same answer for check, the image pipeline and the page.
 */
export function resolvePictureReference(reference: string, post: PostLocation): PictureReference {
  const written = reference.trim();
  if (/^https?:\/\//i.test(written) || written.startsWith('//')) return { kind: 'remote', url: written };
  if (written === '') return { kind: 'invalid', reason: 'is empty' };
  if (SCHEME.test(written)) return { kind: 'other' };
  const pathPart = written.split(/[?#]/)[0] ?? '';
  const plain = decoded(pathPart);
  if (plain === undefined) return { kind: 'invalid', reason: 'has a broken %-escape' };
  if (CONTROL.test(plain) || plain.includes('\\'))
    return { kind: 'invalid', reason: 'holds a backslash or a control character' };
  if (written.startsWith('/')) {
    const parts = plain.split('/').filter(Boolean);
    if (parts.some((part) => part === '..' || part === '.'))
      return { kind: 'invalid', reason: 'has a "." or ".." part' };
    const sitePath = `/${parts.join('/')}`;
    return { kind: 'public', key: publicKey(sitePath), sitePath, picture: isPictureName(plain) };
  }
  if (!isPictureName(plain))
    return { kind: 'invalid', reason: `is not a picture file (${PICTURE_EXTENSIONS.join(', ')})` };
  // Decoding may have made it absolute (`%2Fetc%2Fpasswd`): a relative reference must stay relative.
  if (plain.startsWith('/')) return { kind: 'invalid', reason: 'is an absolute path once decoded' };
  const normalized = path.posix.normalize(plain);
  if (normalized === '..' || normalized.startsWith('../'))
    return { kind: 'invalid', reason: "leaves the post's folder" };
  if (normalized.split('/').some((part) => part.startsWith('.')))
    return { kind: 'invalid', reason: 'names a hidden file or folder (starting with ".")' };
  const root = pictureRoot(post);
  const relative = path.posix.join(path.posix.dirname(post.file), normalized);
  // The post's folder is the root for folder posts, so `..` was all that could climb out; stated again
  // here so that a change above cannot quietly widen it.
  if (root !== '' && !relative.startsWith(`${root}/`)) return { kind: 'invalid', reason: "leaves the post's folder" };
  if (relative.startsWith('../') || path.posix.isAbsolute(relative))
    return { kind: 'invalid', reason: 'leaves the posts folder' };
  return { kind: 'relative', key: relativeKey(relative), relative };
}

/**
 * Whether a front-matter value may name a picture: a site path, an http(s) URL, or a relative
 * path (checked fully by {@link resolvePictureReference} once the post's place is known).
 */
export function isPictureReference(value: string): boolean {
  const written = value.trim();
  if (written === '' || written.startsWith('//')) return false;
  if (/^https?:\/\/[^/\s]+/i.test(written)) return true;
  return !SCHEME.test(written);
}
