/**
 * Markdown fixtures: each `test/fixtures/markdown/<case>/input.md` is rendered and compared with
 * `output.html` beside it. After a deliberate change, regenerate them with `npm run fixtures:update`
 * (UPDATE=1) and review the diff like code.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/markdown';

const root = path.join(import.meta.dirname, '..', 'fixtures', 'markdown');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('markdown fixtures', () => {
  it('has fixtures to compare', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  it.each(cases)('%s renders as output.html', async (name) => {
    const input = readFileSync(path.join(root, name, 'input.md'), 'utf8');
    const outputFile = path.join(root, name, 'output.html');
    const { html } = await renderMarkdown(input);
    if (process.env.UPDATE === '1') writeFileSync(outputFile, html);
    // A case without its expected output fails: an output is written only on purpose (UPDATE=1) and reviewed.
    expect(existsSync(outputFile), `${name}/output.html is missing: run npm run fixtures:update and review it`).toBe(
      true,
    );
    expect(html).toBe(readFileSync(outputFile, 'utf8'));
  });
});

/** Behaviour the fixtures show, stated so that a careless regeneration cannot hide a regression. */
describe('markdown safety and structure', () => {
  const render = async (name: string) =>
    (await renderMarkdown(readFileSync(path.join(root, name, 'input.md'), 'utf8'))).html;

  it('removes scripts, frames, styles, event handlers and javascript: URLs', async () => {
    const html = await render('sanitize');
    for (const bad of [
      '<script',
      '<iframe',
      '<style',
      '<object',
      '<form',
      'onerror',
      'onclick',
      'onload',
      'javascript:',
      'alert(',
    ]) {
      expect(html.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    expect(html).toContain('alt="handler"');
    expect(html).toContain('javascript link');
    expect(html).not.toContain('display: none');
  });

  it('keeps ordinary raw markup', async () => {
    const html = await render('raw-html');
    for (const good of [
      '<strong>strong</strong>',
      '<em>em</em>',
      '<code>code</code>',
      '<kbd>Ctrl</kbd>',
      '<details>',
      '<summary>Summary</summary>',
      '<em>inside</em>',
      'href="https://example.com"',
      'alt="A raw picture"',
    ]) {
      expect(html).toContain(good);
    }
    expect(html).toContain('<p id="user-content-anchor">');
    expect(html).toContain('<a href="#user-content-anchor">link to it</a>');
  });

  it('links footnote references and back-references to ids that exist, with no doubled prefix', async () => {
    const html = await render('footnotes');
    expect(html).not.toContain('user-content-user-content-');
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThanOrEqual(5);
    for (const target of targets) expect(ids.has(target), target).toBe(true);
  });

  it('highlights code at build time in both themes, labels the language, and shows unknown languages as plain text', async () => {
    const html = await render('code-and-images');
    expect(html).toContain(
      '<div class="code-block" data-language="ts"><div class="code-language">TypeScript</div><pre class="shiki',
    );
    expect(html).toMatch(/<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">const<\/span>/);
    expect(html).toContain('"&#x3C;hello>"');
    expect(html).toContain('<div class="code-language">klingon</div>');
    expect(html).toContain("<span>Qapla'</span>");
    // A block without a language stays plain, unlabelled.
    expect(html).toContain('<pre><code>plain block');
  });

  it('makes each heading a link to itself and lists h2/h3 for a table of contents', async () => {
    const { html, headings } = await renderMarkdown(
      '## One\n\n### Two `code`\n\n#### Four\n\n## [Linked](https://example.com)\n\nA note[^1].\n\n[^1]: Source.\n',
    );
    expect(html).toContain('<h2 id="one"><a href="#one" class="heading-anchor">One</a></h2>');
    expect(html).toContain('<h4 id="four"><a href="#four" class="heading-anchor">Four</a></h4>');
    // A heading that holds a link stays as written (links cannot nest); the footnotes' label is not a section.
    expect(html).toContain('<h2 id="linked"><a href="https://example.com">Linked</a></h2>');
    expect(html).toContain('<h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>');
    expect(headings).toEqual([
      { depth: 2, id: 'one', text: 'One' },
      { depth: 3, id: 'two-code', text: 'Two code' },
      { depth: 2, id: 'linked', text: 'Linked' },
    ]);
  });

  it('gives headings unique ids that in-page links reach', async () => {
    const html = await render('headings');
    expect(html).toContain('<h2 id="getting-started">');
    expect(html).toContain('<h2 id="getting-started-1">');
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? '')));
    for (const m of html.matchAll(/ href="#([^"]+)"/g))
      expect(ids.has(decodeURIComponent(m[1] ?? '')), m[1]).toBe(true);
  });

  it('keeps the page to one h1 when the body has its own', async () => {
    const html = await render('edge-cases');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<h2 id="a-body-with-its-own-h1">');
    expect(html).toContain('<h6 id="sixth-level-stays-sixth">');
  });

  it('renders GFM tables, task lists, strikethrough and autolinks', async () => {
    const html = await render('gfm');
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="done">');
    expect(html).toContain('<input type="checkbox" disabled aria-label="to do">');
    expect(html).toContain('<del>strikethrough</del>');
    expect(html).toContain('<a href="https://example.com/path?q=1">');
    expect(html).toContain('<a href="mailto:mail@example.com">');
  });
});

/** The excerpt: the first paragraph with text, as a reader sees it, from the render's own tree. */
describe('firstParagraph', () => {
  const tricky: [string, string, string][] = [
    ['plain', 'First words here.\n\nSecond paragraph.\n', 'First words here.'],
    ['after a heading', '## Intro\n\nThe opening.\n\nMore.\n', 'The opening.'],
    ['setext heading, not a paragraph', 'Looks like a paragraph\n===\n\nThe real one.\n', 'The real one.'],
    [
      'reference link defined at the end',
      'See [the docs][docs] first.\n\nMore.\n\n[docs]: https://example.com\n',
      'See the docs first.',
    ],
    ['footnote in the first paragraph', 'A claim[^1] made.\n\nMore.\n\n[^1]: The source.\n', 'A claim made.'],
    ['image-only first paragraph', '![A chart](/a.png)\n\nThe caption text.\n', 'The caption text.'],
    ['unclosed fence before any text', '```\ncode\n\nstill code\n```\n\nAfter the code.\n', 'After the code.'],
    ['raw HTML first', '<div>\n\n**Inside** a div.\n\n</div>\n\nAfter.\n', 'Inside a div.'],
    ['list first', '- one\n- two\n\nThen text.\n', 'Then text.'],
    ['only a heading', '# Title only\n', ''],
    ['empty', '', ''],
    ['lazy continuation', 'Line one\nline two\n\nNext.\n', 'Line one line two'],
    ['table first', '| a | b |\n| - | - |\n| 1 | 2 |\n\nAfter the table.\n', 'After the table.'],
    ['strikethrough', 'It was ~~wrong~~ right.\n\nMore.\n', 'It was wrong right.'],
    ['bare URL', 'Read www.example.com today.\n\nMore.\n', 'Read www.example.com today.'],
    ['emphasis and code', 'Some *emphasis*, `code` and **bold**.\n\nMore.\n', 'Some emphasis, code and bold.'],
    [
      'a reference defined far below',
      `See [the docs][docs].\n\n${'Filler words here. '.repeat(400)}\n\n[docs]: https://example.com\n`,
      'See the docs.',
    ],
  ];

  it.each(tricky)('%s', async (_name, markdown, expected) => {
    expect((await renderMarkdown(markdown)).firstParagraph).toBe(expected);
  });
});

/** The reading time's word count: what a reader reads, from the same tree. */
describe('words', () => {
  const counted: [string, string, number][] = [
    ['plain words', 'One two three.\n\nFour five.\n', 5],
    ['contractions and hyphens are one word', "Don't over-think it.\n", 3],
    ['paragraphs do not run together', 'end\n\nstart\n', 2],
    [
      'link targets and image addresses are not read',
      '[two words](https://example.com/a/b/c) ![alt text](/x/y.png)\n',
      2,
    ],
    ['code is read', 'Run `npm test` now.\n\n```sh\nnpm run build\n```\n', 7],
    ['raw HTML markup is not read', '<details>\n<summary>Open</summary>\n\nHidden words here.\n\n</details>\n', 3],
    ['Chinese and Japanese characters count two to a word', '日本語の記事です\n', 4],
    ['mixed scripts', 'Next.js と React\n', 3.5],
  ];

  it.each(counted)('%s', async (_name, markdown, expected) => {
    expect((await renderMarkdown(markdown)).words).toBe(expected);
  });
});
