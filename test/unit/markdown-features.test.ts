/**
 * What writers reach for, as readers get it: alerts, code block meta, math and video embeds
 * (fixtures in test/fixtures/markdown/{alerts,code-blocks,math,embeds} pin the whole output; these
 * state the behaviour, so that a careless regeneration cannot hide a regression), the scripts a
 * body asks for, and invalid TeX as a check error at its line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodeMeta } from '@/lib/code-blocks';
import { renderMarkdown } from '@/lib/markdown';
import { videoOf } from '@/lib/markdown-embeds';

describe('GitHub alerts', () => {
  it.each([
    ['NOTE', 'Note'],
    ['TIP', 'Tip'],
    ['IMPORTANT', 'Important'],
    ['WARNING', 'Warning'],
    ['CAUTION', 'Caution'],
  ])('> [!%s] is a callout titled "%s" with an icon hidden from screen readers', async (marker, title) => {
    const { html } = await renderMarkdown(`> [!${marker}]\n> Body **text**.\n`);
    expect(html).toMatch(
      new RegExp(
        `^<div class="markdown-alert markdown-alert-${marker.toLowerCase()}">\\n<p class="markdown-alert-title"><svg [^>]*aria-hidden="true"[^>]*><path d="[^"]+"></path></svg>${title}</p>\\n<p>Body <strong>text</strong>.</p>\\n</div>$`,
      ),
    );
  });

  it('leaves quotes that are no alert alone, and a post cannot write the classes itself', async () => {
    const { html } = await renderMarkdown(
      '> [!NOTE] on the same line as text\n\n> [!NOTE]\n\n<div class="markdown-alert">fake</div>\n',
    );
    expect(html).not.toContain('markdown-alert');
    expect(html.match(/<blockquote>/g)).toHaveLength(2);
  });
});

describe('code block meta', () => {
  it('reads a title, line ranges within the block, and showLineNumbers', () => {
    expect(parseCodeMeta('title="lib/api.ts" {1,3-4} showLineNumbers', 10)).toEqual({
      title: 'lib/api.ts',
      highlighted: new Set([1, 3, 4]),
      lineNumbers: true,
    });
    expect(parseCodeMeta("title='{2} in a title'", 5)).toEqual({
      title: '{2} in a title',
      highlighted: new Set(),
      lineNumbers: false,
    });
    // A hostile range costs no more than the block's own lines.
    expect(parseCodeMeta('{1-999999999}', 3).highlighted).toEqual(new Set([1, 2, 3]));
    expect(parseCodeMeta(undefined, 3)).toEqual({ highlighted: new Set(), lineNumbers: false });
  });

  it('shows the title, marks highlighted, added and removed lines, and drops the notation comments', async () => {
    const { html } = await renderMarkdown(
      '```js title="app.js" {1} showLineNumbers\nconst a = 1;\nconst b = 2; // [!code --]\nconst c = 3; // [!code ++]\n```\n',
    );
    expect(html).toContain('<div class="code-language code-title">app.js</div>');
    expect(html).toMatch(/<pre class="shiki [^"]*has-diff has-highlighted line-numbers"/);
    expect(html).toContain('<span class="line highlighted">');
    expect(html).toContain('<span class="line diff remove">');
    expect(html).toContain('<span class="line diff add">');
    expect(html).not.toContain('[!code');
  });

  it('colours the lines of a diff fence by their sign, not the file headers', async () => {
    const { html } = await renderMarkdown('```diff\n--- a\n+++ b\n-old\n+new\n same\n```\n');
    expect(html.match(/class="line diff remove"/g)).toHaveLength(1);
    expect(html.match(/class="line diff add"/g)).toHaveLength(1);
  });
});

describe('math', () => {
  it('renders $…$ and $$…$$ to MathML at build time, with no class that needs a stylesheet to read', async () => {
    const { html } = await renderMarkdown('Inline $x^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n');
    expect(html).toContain('<p>Inline <math><msup><mi>x</mi><mn class="tml-sml-pad">2</mn></msup></math> here.</p>');
    expect(html).toContain(
      '<div class="math-display" tabindex="0"><math display="block" class="tml-display"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></div>',
    );
    expect(html).not.toContain('style="display');
  });

  it('reads $5 and $10 as prices, not math', async () => {
    expect((await renderMarkdown('From $5 and $10.\n')).html).toBe('<p>From $5 and $10.</p>');
  });

  it('keeps invalid TeX on the page as written and reports it at its file line and column', async () => {
    const rendered = await renderMarkdown('Fine $x$.\n\nBroken $\\frac{a$ here.\n\n$$\n\\undefinedthing\n$$\n', 5);
    expect(rendered.html).toContain('<code class="language-math">\\frac{a</code>');
    expect(rendered.facts.invalid).toEqual([
      { line: 7, column: 8, message: expect.stringMatching(/^math: .*expected '}'/) },
      {
        line: 9,
        column: 1,
        message: expect.stringMatching(/^math: Undefined control sequence: \\undefinedthing|^math: .*\\undefinedthing/),
      },
    ]);
    expect((await renderMarkdown('$x$\n')).facts.invalid).toEqual([]);
  });

  it('is an error of npm run check, with file:line:column', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'math-check-'));
    try {
      await writeFile(path.join(dir, 'tex.md'), '---\ntitle: TeX\ndate: 2024-01-01\n---\n\nSee $\\frac{a$.\n');
      const { checkPosts, formatCheckProblem } = await import('@/lib/check');
      const { problems } = await checkPosts(dir, path.join(import.meta.dirname, '..', 'fixtures', 'public'));
      expect(problems.map(formatCheckProblem)).toEqual([
        expect.stringMatching(/tex\.md:6:5: error: math: .*\(character \d+ of the formula\)$/),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('video embeds', () => {
  it.each([
    [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
    ],
    [
      'https://youtu.be/dQw4w9WgXcQ?t=1m30s',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90',
    ],
    [
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
    ],
    [
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
      'youtube',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=42',
    ],
    ['https://vimeo.com/76979871', 'vimeo', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1'],
    [
      'https://vimeo.com/channels/staffpicks/76979871',
      'vimeo',
      'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1',
    ],
    [
      'https://vimeo.com/76979871/abcdef1234',
      'vimeo',
      'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=abcdef1234',
    ],
  ])('%s plays from the privacy-friendly player', (href, host, playerUrl) => {
    expect(videoOf(href)).toMatchObject({ host, playerUrl });
  });

  it.each([
    'https://www.youtube.com/watch?v=tooshort',
    'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
    'https://example.com/watch?v=dQw4w9WgXcQ',
    'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
    'https://vimeo.com/about',
  ])('%s is no video', (href) => {
    expect(videoOf(href)).toBeUndefined();
  });

  it('turns a lone link into a facade that links to the video without scripts, and loads nothing from the host', async () => {
    const { html, scripts } = await renderMarkdown('[A talk](https://youtu.be/dQw4w9WgXcQ)\n');
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" class="video-facade"');
    expect(html).toContain('data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"');
    expect(html).toContain('<img src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" alt="A talk"');
    expect(html).not.toContain('<iframe');
    expect(scripts).toEqual(['video-embed']);
  });

  it('leaves a video link inside a sentence alone, and still strips a raw iframe', async () => {
    const { html, scripts } = await renderMarkdown(
      'Watch https://youtu.be/dQw4w9WgXcQ now.\n\n<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n',
    );
    expect(html).toBe('<p>Watch <a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a> now.</p>\n');
    expect(scripts).toEqual([]);
  });
});

describe('scripts a body asks for', () => {
  it('asks for the copy button only where there is a code block', async () => {
    expect((await renderMarkdown('```\ncode\n```\n')).scripts).toEqual(['copy-code']);
    expect((await renderMarkdown('Just `inline` code and $x$ math.\n')).scripts).toEqual([]);
  });
});
