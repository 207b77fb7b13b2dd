/**
 * Realistic posts for benchmarks and load tests: each about the size of the seed post, with
 * headings, a list, a code block, a table, a link to another post, an image from `public/`, tags
 * and varied dates. Deterministic: the same count gives the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const topics = [
  'routing',
  'caching',
  'markdown',
  'typescript',
  'accessibility',
  'performance',
  'css',
  'testing',
  'deployment',
  'fonts',
];
const words =
  'static pages render fast because the server does the work once and every reader gets the same bytes from a cache near them while the author keeps writing plain text files that a build turns into html'.split(
    ' ',
  );
const images = [
  '/assets/blog/welcome/cover.jpg',
  '/assets/blog/writing-a-post/cover.jpg',
  '/assets/blog/dynamic-routing/cover.jpg',
];

/** A small seeded generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number, length: number): string {
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'text');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  return Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(next, 8 + Math.floor(next() * 10))).join(
    ' ',
  );
}

export function postSlug(index: number): string {
  return `generated-post-${String(index).padStart(5, '0')}`;
}

export type GeneratedPostOptions = {
  /**
   * With a cover and an `ogImage` (the default), as the Next.js blog-starter's posts have them; without,
   * the blog draws a sharing card for each post.
   */
  cover?: boolean;
};

/**
 * Post number `index` of `count`. Its front matter is also what the Next.js blog-starter reads
 * (quoted date string, `author` with a picture, `ogImage`), so a benchmark can build the same posts
 * with both.
 */
export function generatedPost(index: number, count: number, { cover = true }: GeneratedPostOptions = {}): string {
  const next = random(index + 1);
  const topic = topics[index % topics.length] ?? 'markdown';
  // Dates spread over about ten years, some on the same day, some with a time.
  const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(next() * 3650) * 86_400_000);
  const date = index % 7 === 0 ? `${day.toISOString().slice(0, 10)}T09:30:00Z` : day.toISOString().slice(0, 10);
  const other = postSlug((index + 1) % count);
  const image = images[index % images.length] ?? images[0];
  const pictures = cover ? `coverImage: "${image}"\nogImage:\n  url: "${image}"\n` : '';
  return `---
title: "Notes on ${topic}, part ${index + 1}"
date: "${date}"
tags: [${topic}, ${topics[(index + 3) % topics.length]}]
${pictures}author:
  name: Bench Author
  picture: "/assets/blog/authors/jj.jpeg"
---

${paragraph(next)}

## Why ${topic} matters

${paragraph(next)}

${paragraph(next)}

- ${sentence(next, 6)}
- ${sentence(next, 7)}
- ${sentence(next, 5)}

## An example

\`\`\`ts
export function ${topic}Example(input: string): string {
  return input.trim().toLowerCase();
}
\`\`\`

| Option | Default | Effect |
| --- | --- | --- |
| cache | on | ${sentence(next, 4)} |
| retries | 3 | ${sentence(next, 4)} |

${paragraph(next)} See also [the next note](/posts/${other}/).

![A diagram for ${topic}](${image})

## Wrapping up

${paragraph(next)}

${paragraph(next)}
`;
}

/** Writes `count` generated posts into `dir` (created if needed). */
export async function generatePosts(dir: string, count: number, options: GeneratedPostOptions = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, offset) => {
        const index = start + offset;
        return writeFile(path.join(dir, `${postSlug(index)}.md`), generatedPost(index, count, options));
      }),
    );
  }
}
