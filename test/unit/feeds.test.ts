/**
 * Feeds stay well-formed whatever an author writes: hostile posts (CDATA terminators, markup,
 * ampersands, XML-forbidden control characters, lone surrogates, long text) go through the real
 * route handlers, and every feed is read back with saxes, a conformant XML 1.0 parser (fast-xml-parser's
 * validator accepts control characters, `<` in attributes and `]]>` in text, so it proves nothing here).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as atomGet } from '@/app/atom.xml/route';
import { GET as jsonGet } from '@/app/feed.json/route';
import { GET as rssGet } from '@/app/feed.xml/route';
import { GET as tagRssGet } from '@/app/tags/[tag]/feed.xml/route';
import { getPostBySlug } from '@/lib/api';
import { atom1, json1, rss2, type Feed } from '@/lib/feeds';
import { slugify } from '@/lib/slug';
import { absoluteUrl } from '@/lib/urls';
import { htmlEscape, xmlSafe } from '@/lib/xml-text';

/** One element as a reader sees it: its qualified name, attributes, and the text directly inside it. */
type Element = { name: string; attributes: Record<string, string>; text: string };

/** Every element of `xml`, in document order; throws on anything a conformant parser refuses. */
function parseStrict(xml: string): Element[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: Element[] = [];
  const open: Element[] = [];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const element = { name: tag.name, attributes, text: '' };
    elements.push(element);
    open.push(element);
  });
  const addText = (text: string) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return elements;
}

const named = (elements: Element[], name: string) => elements.filter((element) => element.name === name);
const texts = (elements: Element[], name: string) => named(elements, name).map((element) => element.text);

/** Plain text as an HTML reader shows it. */
function htmlText(html: string): string {
  return html.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code))
  .filter((char) => !'\t\n\r'.includes(char))
  .join('');
/** In YAML double quotes: every forbidden control character, U+FFFE, U+FFFF and two lone surrogates. */
const YAML_FORBIDDEN = `${[...C0].map((char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}\\uFFFE\\uFFFF\\uD800\\uDC00`;

const hostile = [
  {
    file: 'cdata.md',
    title: 'A ]]> B ]]> <x/>',
    yamlTitle: '"A ]]> B ]]> <x/>"',
    excerpt: 'Sum ]]> up <b>not bold</b> & "quoted" ]]>',
    yamlExcerpt: '"Sum ]]> up <b>not bold</b> & \\"quoted\\" ]]>"',
    author: 'Eve ]]> <i>the</i> & ]]> "hacker"',
    yamlAuthor: '"Eve ]]> <i>the</i> & ]]> \\"hacker\\""',
    tags: ['t ]]> <y> & "z" ]]>', 'a&amp;b <c>'],
    yamlTags: '["t ]]> <y> & \\"z\\" ]]>", "a&amp;b <c>"]',
    body: `Body ]]> one ]]> two <![CDATA[ three ]]>.\n\n${'Repeat ]]> '.repeat(2000)}\n\n\`code ]]> <x/>\``,
  },
  {
    file: 'entities.md',
    title: '&amp; is written &amp;amp; <script>alert(1)</script> \'q\' "qq"',
    yamlTitle: '"&amp; is written &amp;amp; <script>alert(1)</script> \'q\' \\"qq\\""',
    excerpt: '&lt;not a tag&gt; &#38;',
    yamlExcerpt: '"&lt;not a tag&gt; &#38;"',
    author: 'Ann &amp; Bob',
    yamlAuthor: '"Ann &amp; Bob"',
    tags: ['x&y'],
    yamlTags: '["x&y"]',
    body: 'Text with &amp;amp; and a [link](/posts/x/) and a [fragment](#top).',
  },
  {
    // Control characters in a title, an author or a tag are refused by the schema
    // (test/unit/hostile-posts.test.ts); an excerpt and a body may still hold them.
    file: 'controls.md',
    title: 'Ctl \uD800\uDC00 end',
    yamlTitle: '"Ctl \\uD800\\uDC00 end"',
    excerpt: `Ex${C0} end`,
    yamlExcerpt: `"Ex${YAML_FORBIDDEN.slice(0, 4 * 29)} end"`,
    author: 'Au thor',
    yamlAuthor: '"Au thor"',
    tags: ['tag ]]> x', 'tag y'],
    yamlTags: '["tag ]]> x", "tag y"]',
    body: `Raw controls \u0001\u0002\u0008\u000B\u000C\u001F\uFFFE\uFFFF in the body ]]>, and an emoji 😀.`,
  },
];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feeds-'));
  process.env.POSTS_DIR = dir;
  await Promise.all(
    hostile.map((post, index) =>
      writeFile(
        path.join(dir, post.file),
        [
          '---',
          `title: ${post.yamlTitle}`,
          `date: 2020-01-0${index + 1}`,
          `excerpt: ${post.yamlExcerpt}`,
          `author: ${post.yamlAuthor}`,
          `tags: ${post.yamlTags}`,
          '---',
          '',
          post.body,
          '',
        ].join('\n'),
      ),
    ),
  );
});

afterAll(async () => {
  delete process.env.POSTS_DIR;
  await rm(dir, { recursive: true, force: true });
});

/** The posts as a reader must see them, newest first. */
const expected = [...hostile].reverse().map((post) => ({
  title: xmlSafe(post.title),
  excerpt: xmlSafe(post.excerpt),
  author: xmlSafe(post.author),
  tags: post.tags.map(xmlSafe),
}));

describe('feeds with hostile text', () => {
  it('drops forbidden characters and mends lone surrogates', () => {
    expect(xmlSafe(`a\u0000b\uD800c\uDC00d\uD83D\uDE00`)).toBe('ab\uFFFDc\uFFFDd😀');
  });

  it('writes RSS that parses strictly and reads as written', async () => {
    const response = await rssGet();
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = parseStrict(await response.text());
    const items = named(rss, 'item');
    expect(items).toHaveLength(3);
    const itemTexts = (name: string) => texts(rss, name).slice(name === 'title' ? 1 : 0);
    expect(itemTexts('title')).toEqual(expected.map((post) => post.title));
    expect(itemTexts('description').slice(1)).toEqual(expected.map((post) => htmlEscape(post.excerpt)));
    expect(itemTexts('description').slice(1).map(htmlText)).toEqual(expected.map((post) => post.excerpt));
    expect(itemTexts('dc:creator')).toEqual(expected.map((post) => post.author));
    expect(itemTexts('category')).toEqual(expected.flatMap((post) => post.tags));
    const bodies = itemTexts('content:encoded');
    // Exactly the rendered body (this post has no site-relative links to make absolute).
    expect(bodies[2]).toBe((await getPostBySlug('cdata'))?.html);
    expect(bodies[2]?.split(']]>').length).toBeGreaterThan(2000);
    expect(bodies[1]).toContain(`href="${absoluteUrl('/posts/x/')}"`);
    expect(bodies[0]).toContain('😀');
  });

  it('writes Atom that parses strictly and reads as written, titles as text', async () => {
    const response = await atomGet();
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const atom = parseStrict(await response.text());
    const entries = named(atom, 'entry');
    expect(entries).toHaveLength(3);
    const titles = named(atom, 'title').slice(1);
    expect(titles.map((title) => title.text)).toEqual(expected.map((post) => post.title));
    for (const title of titles) expect(title.attributes.type ?? 'text').toBe('text');
    expect(texts(atom, 'summary')).toEqual(expected.map((post) => post.excerpt));
    expect(texts(atom, 'name').slice(1)).toEqual(expected.map((post) => post.author));
    expect(named(atom, 'category').map((category) => category.attributes.term)).toEqual(
      expected.flatMap((post) => post.tags),
    );
    const rssBodies = texts(parseStrict(await (await rssGet()).text()), 'content:encoded');
    expect(texts(atom, 'content')).toEqual(rssBodies);
  });

  it('writes JSON Feed that parses and reads as written', async () => {
    const response = await jsonGet();
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const text = await response.text();
    const json: unknown = JSON.parse(text);
    expect(json).toMatchObject({
      version: 'https://jsonfeed.org/version/1',
      items: expected.map((post) => ({
        title: post.title,
        summary: post.excerpt,
        author: { name: post.author },
        tags: post.tags,
      })),
    });
    const rssBodies = texts(parseStrict(await (await rssGet()).text()), 'content:encoded');
    expect(json).toMatchObject({ items: rssBodies.map((html) => ({ content_html: html })) });
    expect(text).not.toMatch(/\\u00[01]|\\ufff[ef]|\\ud[89a-f]/i);
  });

  it('writes each tag feed well-formed, with the tag name as written in its title', async () => {
    for (const tag of hostile.flatMap((post) => post.tags)) {
      const response = await tagRssGet(new Request('http://localhost/'), {
        params: Promise.resolve({ tag: slugify(tag) }),
      });
      expect(response.status).toBe(200);
      const rss = parseStrict(await response.text());
      const [channelTitle, ...itemTitles] = texts(rss, 'title');
      expect(channelTitle).toBe(`Markdown Blog: ${xmlSafe(tag)}`);
      expect(itemTitles.length).toBeGreaterThan(0);
      for (const title of itemTitles) expect(expected.map((post) => post.title)).toContain(title);
    }
  });
});

describe('feed writers with text no post can hold', () => {
  const long = `${'<x/> ]]> & "\u0000'.repeat(20_000)}\uD800`;
  const feed: Feed = {
    title: `Site ]]> ${long}`,
    description: `About <b> & ]]>\u0001`,
    pageUrl: 'http://localhost:3000/?a=1&b=<2>',
    feedUrl: 'http://localhost:3000/feed?x="y"',
    updated: new Date(0),
    items: [
      {
        url: 'http://localhost:3000/posts/a/?q=1&r="2"',
        title: long,
        date: new Date(0),
        updated: new Date(0),
        summary: long,
        html: `<p>${long}</p>`,
        author: long,
        tags: [long, '\t tab\nand line\r'],
        image: 'http://localhost:3000/cover.PNG?x=<1>&y="2"',
      },
    ],
  };
  const clean = xmlSafe(long);

  // A writer that went quadratic on this text would take minutes: the test's timeout is the guard,
  // not a timed assertion, which a busy machine can miss.
  it('keeps RSS and Atom well-formed and exact', () => {
    const rss = parseStrict(rss2(feed));
    const atom = parseStrict(atom1(feed));
    expect(texts(rss, 'title')).toEqual([xmlSafe(feed.title), clean]);
    expect(texts(rss, 'link')).toEqual(['http://localhost:3000/?a=1&b=<2>', feed.items[0]?.url]);
    expect(named(rss, 'enclosure')[0]?.attributes).toMatchObject({ url: feed.items[0]?.image, type: 'image/png' });
    expect(texts(atom, 'title')).toEqual([xmlSafe(feed.title), clean]);
    expect(named(atom, 'category').map((category) => category.attributes.term)).toEqual([clean, '\t tab\nand line\r']);
    expect(texts(atom, 'content')).toEqual([`<p>${clean}</p>`]);
  });

  it('keeps JSON Feed valid and exact', () => {
    const json: unknown = JSON.parse(json1(feed));
    expect(json).toMatchObject({
      title: xmlSafe(feed.title),
      items: [{ title: clean, tags: [clean, '\t tab\nand line\r'] }],
    });
  });
});
