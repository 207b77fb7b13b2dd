/**
 * Finding a picture's file from a path a post wrote, one name at a time with exact case (Linux
 * hosts are case-sensitive even when the author's disk is not), and reading it within the limits.
 * Beside the posts, symbolic links are never followed: a post's folder could otherwise point at
 * any file of the machine. Reading opens the file itself without following a link, and checks its
 * size before reading a byte.
 */
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LIMITS } from '../limits';

export type Located = { ok: true; file: string } | { ok: false; reason: string };

type Listing = Map<string, { directory: boolean; file: boolean; link: boolean }>;

/** The files under one folder (the posts folder, or `public/`), each folder listed once. */
export class FileTree {
  private readonly listings = new Map<string, Promise<Listing>>();

  /**
   * @param root the folder (absolute)
   * @param followLinks whether symbolic links count as what they point at (`public/`, the operator's
   *   own folder) or as nothing (the posts folder, which authors fill)
   */
  constructor(
    readonly root: string,
    private readonly followLinks: boolean,
  ) {}

  private list(dir: string): Promise<Listing> {
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = readdir(dir, { withFileTypes: true }).then(
        (entries) =>
          new Map(
            entries.map((entry) => [
              entry.name,
              { directory: entry.isDirectory(), file: entry.isFile(), link: entry.isSymbolicLink() },
            ]),
          ),
        () => new Map(),
      );
      this.listings.set(dir, listing);
    }
    return listing;
  }

  /** The file at `relative` (with `/` separators, already decoded and free of `..`) under the root. */
  async locate(relative: string): Promise<Located> {
    const parts = relative.split('/').filter(Boolean);
    if (parts.length === 0 || parts.some((part) => part === '..' || part === '.'))
      return { ok: false, reason: 'is not a file' };
    let dir = this.root;
    for (const [index, part] of parts.entries()) {
      const entry = (await this.list(dir)).get(part);
      const last = index === parts.length - 1;
      if (!entry) return { ok: false, reason: 'does not exist (names are case-sensitive)' };
      if (entry.link && !this.followLinks) return { ok: false, reason: 'is a symbolic link, which is not followed' };
      if (!entry.link && (last ? !entry.file : !entry.directory))
        return { ok: false, reason: last ? 'is not a regular file' : 'does not exist (names are case-sensitive)' };
      dir = path.join(dir, part);
    }
    return { ok: true, file: dir };
  }
}

export type ReadPicture = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * The bytes of a located picture, refused past `LIMITS.imageBytes` before any is read. Beside the
 * posts (`followLinks` false) the final name is opened with O_NOFOLLOW, so a link swapped in after
 * {@link FileTree.locate} looked is refused too.
 */
export async function readPicture(file: string, followLinks: boolean): Promise<ReadPicture> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (error) {
    return { ok: false, reason: `could not be opened: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'is not a regular file' };
    if (info.size > LIMITS.imageBytes) {
      return {
        ok: false,
        reason: `is ${info.size.toLocaleString('en-US')} bytes, over the limit of ${LIMITS.imageBytes.toLocaleString('en-US')}: make it smaller`,
      };
    }
    return { ok: true, bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}
