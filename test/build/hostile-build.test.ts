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
import { beforeAll, describe, expect, it } from 'vitest';
import { copyProject, removeCopy, runNpm } from './project';
import { HOSTILE_POSTS, LONG_SLUG, LONG_TAG, sharedBuild, type SharedBuild } from './shared-builds';

function parsesAsXml(text: string): void {
  const parser = new SaxesParser();
  parser.write(text).close();
}

describe('check and build agree on hostile and unlucky posts', () => {
  let dir: string;
  let build: SharedBuild;

  beforeAll(async () => {
    // The shared export holds every post of HOSTILE_POSTS among the others.
    build = await sharedBuild('export');
    dir = build.dir;
  });

  it('passes check and builds', () => {
    expect(build.code, build.output).toBe(0);
    expect(Object.keys(HOSTILE_POSTS)).toHaveLength(7);
  });

  it('publishes every post at its address, with a card where it has no cover', () => {
    const out = path.join(dir, 'out');
    for (const slug of ['no-posts-yet', 'emoji', '日本語の記事', 'arabic', 'cdata', LONG_SLUG, 'v1.2_Notes']) {
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
    expect(existsSync(path.join(out, 'tags', LONG_TAG, 'index.html'))).toBe(true);
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
    const copy = await copyProject('evil', []);
    try {
      const marker = path.join(copy, 'ran');
      await writeFile(
        path.join(copy, '_posts', 'evil.md'),
        `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'Evil'), date: '2020-01-01' }\n---\n\nBody.\n`,
      );
      const result = await runNpm(copy, ['run', 'build']);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('_posts/evil.md:1:4: error: front matter must be YAML data, but "---js"');
      expect(existsSync(marker)).toBe(false);
      expect(existsSync(path.join(copy, '.next'))).toBe(false);
    } finally {
      await removeCopy(copy);
    }
  });
});
