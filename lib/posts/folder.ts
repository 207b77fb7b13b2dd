/**
 * How posts are laid out in the posts folder: `<name>.md`, or a folder `<name>/index.md` with the
 * post's pictures beside it. Pure, so that the schema and the picture references can ask too.
 */
import path from 'node:path';

/** The file a folder post is written in: `_posts/<name>/index.md`. */
export const POST_FOLDER_INDEX = 'index.md';

/** The slug a post file's name gives: `<name>.md`, or `<name>/index.md`. */
export function fileSlugOf(file: string): string {
  const base = path.basename(file);
  return base === POST_FOLDER_INDEX ? path.basename(path.dirname(file)) : path.basename(file, '.md');
}
