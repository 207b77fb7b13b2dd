/** After an export (`postbuild`): removes the placeholder pages of empty routes from `out/` (see lib/placeholders.ts). */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { placeholderFolders } from '../lib/placeholders';

if (process.env.BLOG_OUTPUT !== 'server') {
  for (const folder of placeholderFolders) await rm(path.join('out', folder), { recursive: true, force: true });
}
