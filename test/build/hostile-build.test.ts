/**
 * `npm run check` and the build agree, on posts an attacker or an unlucky author writes: what
 * check accepts (titles in any script or with emoji, `]]>` in text, names like the empty-blog
 * placeholders, addresses at the length limit) publishes at a working address; what it refuses
 * (front matter that would run as code) stops `npm run build` before anything runs or is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/limits';
import { copyProject, removeCopy, runNpm } from './project';

const post = (title: string, extra = '', body = 'Body text.') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: 2020-01-01\n${extra}---\n\n${body}\n`;

const longSlug = 'a'.repeat(LIMITS.urlSegmentBytes);
const longTag = '記'.repeat(Math.floor(LIMITS.urlSegmentBytes / 3));

const posts: Record<string, string> = {
  // Named like the empty blog's placeholders, which an export deletes after the build.
  'no-posts-yet.md': post('Named like a placeholder', 'tags: [no-tags-yet]\naliases: [/no-aliases-yet/]\n'),
  'emoji.md': post('Ship it 🚀 ✨ today'),
  '日本語の記事.md': post('日本語の記事のタイトル', `tags: [${longTag}]\n`),
  'arabic.md': post('مرحبا بالعالم'),
  'cdata.md': post('A ]]> B ]]> <x/> & done', '', 'Text with ]]> twice ]]> and <b>bold</b>.'),
  'long.md': post('At the length limit', `slug: ${longSlug}\n`),
  'v1.2_Notes.md': post('Dots and underscores'),
};

function parsesAsXml(text: string): void {
  const parser = new SaxesParser();
  parser.write(text).close();
}

describe('check and build agree on hostile and unlucky posts', () => {
  let dir: string;
  let build: { code: number; output: string };

  beforeAll(async () => {
    dir = await copyProject('hostile', []);
    for (const [name, text] of Object.entries(posts)) await writeFile(path.join(dir, '_posts', name), text);
    build = await runNpm(dir, ['run', 'build']);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('passes check and builds', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain('7 posts checked');
    // Built without SITE_URL: said once, loudly.
    expect(build.output.match(/warning: SITE_URL is not set/g)).toHaveLength(1);
  });

  it('publishes every post at its address, with a card where it has no cover', () => {
    const out = path.join(dir, 'out');
    for (const slug of ['no-posts-yet', 'emoji', '日本語の記事', 'arabic', 'cdata', longSlug, 'v1.2_Notes']) {
      expect(existsSync(path.join(out, 'posts', slug, 'index.html')), slug).toBe(true);
      expect(existsSync(path.join(out, 'og', `${slug}.png`)), slug).toBe(true);
    }
    expect(readFileSync(path.join(out, 'posts', 'no-posts-yet', 'index.html'), 'utf8')).toContain(
      'Named like a placeholder',
    );
  });

  it('keeps a real tag and alias named like the placeholders', () => {
    const out = path.join(dir, 'out');
    expect(readFileSync(path.join(out, 'tags', 'no-tags-yet', 'index.html'), 'utf8')).toContain(
      'Named like a placeholder',
    );
    expect(readFileSync(path.join(out, 'no-aliases-yet', 'index.html'), 'utf8')).toContain('/posts/no-posts-yet/');
    expect(existsSync(path.join(out, 'tags', longTag, 'index.html'))).toBe(true);
  });

  it('writes feeds that parse, with the text as written', () => {
    const out = path.join(dir, 'out');
    for (const feed of ['feed.xml', 'atom.xml', path.join('tags', 'no-tags-yet', 'feed.xml')]) {
      const text = readFileSync(path.join(out, feed), 'utf8');
      expect(() => parsesAsXml(text), feed).not.toThrow();
    }
    const json: unknown = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8'));
    expect(JSON.stringify(json)).toContain('A ]]> B ]]> <x/> & done');
  });

  it('stops npm run build at check when a post would run code, before anything runs', async () => {
    const marker = path.join(dir, 'ran');
    await writeFile(
      path.join(dir, '_posts', 'evil.md'),
      `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'Evil'), date: '2020-01-01' }\n---\n\nBody.\n`,
    );
    const result = await runNpm(dir, ['run', 'build']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('_posts/evil.md:1:4: error: front matter must be YAML data, but "---js"');
    expect(existsSync(marker)).toBe(false);
  });
});
