/**
 * `npm run new -- "Post title"`: writes `_posts/<slug>.md` with a valid front matter (title,
 * today's date, `draft: true`, an empty excerpt) and a line to start from. Never overwrites.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { postsDirectory } from '../lib/posts/source';
import { isoDayIn } from '../lib/dates';
import { site } from '../lib/site';
import { slugify } from '../lib/slug';

const title = process.argv.slice(2).join(' ').trim();
if (!title) {
  console.error('Usage: npm run new -- "Post title"');
  process.exit(1);
}
const slug = slugify(title);
if (!slug) {
  console.error(`"${title}" has no letters or digits to make a file name from: choose another title.`);
  process.exit(1);
}

const directory = postsDirectory();
const file = path.join(directory, `${slug}.md`);
const shown = path.relative(process.cwd(), file);
const content = `---
title: ${JSON.stringify(title)}
date: ${isoDayIn(new Date(), site.timeZone)}
draft: true
excerpt: ""
---

Write your post here. It is a draft: \`npm run dev\` shows it with a "Draft" badge, builds leave it
out. Set \`draft: false\` (or delete the line) to publish it.
`;

await mkdir(directory, { recursive: true });
try {
  await writeFile(file, content, { flag: 'wx' });
} catch (error) {
  if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
    console.error(`${shown} already exists: edit it, or choose another title.`);
    process.exit(1);
  }
  throw error;
}
console.log(`Created ${shown}`);
