/**
 * Posts with pictures beside them, made on the spot with sharp (no binary fixtures in the
 * repository): a camera-sized 4000×3000 JPEG cover and three body pictures of other shapes and
 * formats, in both layouts a post may use (`<name>/index.md`, or `<name>.md` with `<name>/`). For the
 * build tests, the browser test, the bench and Lighthouse.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** A picture with smooth gradients, shapes and some fine detail, so that encoders have real work. */
export async function samplePicture(width: number, height: number, format: 'jpeg' | 'png', hue = 210): Promise<Buffer> {
  const shapes = Array.from({ length: 24 }, (_, index) => {
    const x = ((index * 7919) % 97) / 97;
    const y = ((index * 104729) % 89) / 89;
    const r = 0.03 + (((index * 31) % 13) / 13) * 0.12;
    return `<circle cx="${(x * width).toFixed(0)}" cy="${(y * height).toFixed(0)}" r="${(r * Math.min(width, height)).toFixed(0)}" fill="hsl(${(hue + index * 23) % 360},70%,${40 + (index % 5) * 8}%)" fill-opacity="0.7"/>`;
  }).join('');
  const lines = Array.from(
    { length: 60 },
    (_, index) =>
      `<line x1="0" y1="${((index / 60) * height).toFixed(0)}" x2="${width}" y2="${(((index + 7) / 60) * height).toFixed(0)}" stroke="white" stroke-opacity="0.25" stroke-width="${Math.max(1, Math.round(width / 800))}"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},60%,30%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},60%,70%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}${lines}</svg>`;
  const image = sharp(Buffer.from(svg));
  return format === 'jpeg' ? image.jpeg({ quality: 88 }).toBuffer() : image.png().toBuffer();
}

/** The folder post of {@link writePicturePosts}: a 4000×3000 cover and three body pictures. */
export const PICTURE_POST = 'photo-essay';
/** The other layout: `<name>.md` with its pictures in `<name>/`. */
export const FLAT_PICTURE_POST = 'photo-notes';

/**
 * Writes into `postsDir` a folder post `photo-essay/` (index.md, a 4000×3000 JPEG cover, three body
 * pictures: 2400×1600 JPEG, 1200×900 PNG, 640×480 JPEG in a sub-folder) and a post
 * `photo-notes.md` with one picture in `photo-notes/`. Dated `date` (default 2021-03-01).
 */
export async function writePicturePosts(postsDir: string, date = '2021-03-01'): Promise<void> {
  const folder = path.join(postsDir, PICTURE_POST);
  await mkdir(path.join(folder, 'detail'), { recursive: true });
  await writeFile(path.join(folder, 'cover.jpg'), await samplePicture(4000, 3000, 'jpeg', 200));
  await writeFile(path.join(folder, 'harbour.jpg'), await samplePicture(2400, 1600, 'jpeg', 20));
  await writeFile(path.join(folder, 'chart.png'), await samplePicture(1200, 900, 'png', 120));
  await writeFile(path.join(folder, 'detail', 'small.jpg'), await samplePicture(640, 480, 'jpeg', 300));
  const words = (topic: string) =>
    `A paragraph about ${topic}, long enough to push the next picture further down the page. `.repeat(6);
  await writeFile(
    path.join(folder, 'index.md'),
    `---
title: "A photo essay"
date: ${date}
coverImage: cover.jpg
tags: [Photos]
---

Pictures kept beside the post, in its own folder.

${words('the harbour')}

![Boats in the harbour at dusk](harbour.jpg)

${words('the chart')}

![A chart of the catch by month](./chart.png)

${words('the details')}

![A small detail of a net](detail/small.jpg)
`,
  );
  await mkdir(path.join(postsDir, FLAT_PICTURE_POST), { recursive: true });
  await writeFile(path.join(postsDir, FLAT_PICTURE_POST, 'sketch.png'), await samplePicture(900, 600, 'png', 60));
  await writeFile(
    path.join(postsDir, `${FLAT_PICTURE_POST}.md`),
    `---
title: "Photo notes"
date: ${date}
---

A post file with its pictures in a folder of the same name.

![A sketch of the bay](${FLAT_PICTURE_POST}/sketch.png)
`,
  );
}
