/**
 * Hostile and unlucky posts: front matter is data and never runs, every bad file is its own
 * problem (with file, line and column) and leaves the others alone, every cost has a limit, and
 * whatever `npm run check` accepts has a working address.
 *
 * Without the limits, the worst of these inputs took minutes; with them, about a second. The
 * project's 30 s test timeout is what fails a test that regresses to minutes: no test here asserts a
 * duration, which a busy machine could miss. (Durations are figures: docs/reliability.md.)
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAllPosts, getPostBySlug } from '@/lib/api';
import { screenBody } from '@/lib/body-screen';
import { checkPosts, formatCheckProblem } from '@/lib/check';
import { LIMITS } from '@/lib/limits';
import { setRuntimeMode } from '@/lib/posts/mode';
import { stopRenderWorkers } from '@/lib/render-pool';
import { aliasProblem } from '@/lib/urls';

const publicDir = path.join(import.meta.dirname, '..', 'fixtures', 'public');
let dir: string;

const post = (title: string, body = 'Body text.', extra = '') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: 2020-01-01\n${extra}---\n\n${body}\n`;

async function write(name: string, content: string | Buffer) {
  await writeFile(path.join(dir, name), content);
}

/** `npm run check` on the folder, as the lines it prints (errors and warnings). */
async function check(): Promise<string[]> {
  const { problems } = await checkPosts(dir, publicDir);
  return problems.map((problem) => formatCheckProblem(problem).replace(`${dir}/`, ''));
}

/** What a running server (`next start`) shows, with what it logged. */
async function asServer<T>(run: () => Promise<T>): Promise<{ result: T; logged: string }> {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  setRuntimeMode('server');
  try {
    const result = await run();
    return { result, logged: log.mock.calls.map((call) => call.join(' ')).join('\n') };
  } finally {
    setRuntimeMode(undefined);
    log.mockRestore();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hostile-'));
  process.env.POSTS_DIR = dir;
});

afterEach(async () => {
  delete process.env.POSTS_DIR;
  await rm(dir, { recursive: true, force: true });
});

afterAll(() => stopRenderWorkers());

describe('front matter is YAML data, never code', () => {
  const marker = () => path.join(dir, 'ran');
  const code = () =>
    `(globalThis.__frontMatterRan = true, require('fs').writeFileSync(${JSON.stringify(marker())}, 'x'), 'Pwned')`;

  it.each(['js', 'javascript', 'JS', ' js ', 'coffee', 'json', 'toml'])(
    'refuses "---%s" at line 1 without running it',
    async (tag) => {
      await write('fine.md', post('Fine'));
      await write('evil.md', `---${tag}\n{ title: ${code()}, date: '2020-01-01' }\n---\n\nBody.\n`);
      const lines = await check();
      expect(lines).toEqual([expect.stringMatching(/^evil\.md:1:4: error: front matter must be YAML data, but "---/)]);
      const { result, logged } = await asServer(getAllPosts);
      expect(result.map((p) => p.slug)).toEqual(['fine']);
      expect(logged).toMatch(/evil\.md:1:4: front matter must be YAML data/);
      expect(Reflect.get(globalThis, '__frontMatterRan')).toBeUndefined();
      expect(existsSync(marker())).toBe(false);
    },
  );

  it('accepts "---yaml" and "---yml", and a byte-order mark before the opening line', async () => {
    await write('a.md', post('A').replace(/^---/, '---yaml'));
    await write('b.md', post('B').replace(/^---/, '---yml'));
    await write('c.md', `\uFEFF${post('C')}`);
    expect(await check()).toEqual([]);
    expect((await getAllPosts()).map((p) => p.title).sort()).toEqual(['A', 'B', 'C']);
  });

  it('stops a YAML alias bomb before it expands, as a problem of that file', async () => {
    const bomb = [
      '---',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'title: Bomb',
      'date: 2020-01-01',
      '---',
      '',
      'Body.',
    ].join('\n');
    await write('bomb.md', bomb);
    await write('fine.md', post('Fine'));
    expect(await check()).toEqual([
      expect.stringMatching(/^bomb\.md:\d+:\d+: error: invalid YAML front matter: too many aliases/),
    ]);
  });

  it('reports unclosed, non-map and oversized front matter with a position', async () => {
    await write('list.md', '---\n- a\n- b\n---\n\nBody.\n');
    await write(
      'big.md',
      `---\ntitle: Big\ndate: 2020-01-01\nexcerpt: "${'x'.repeat(LIMITS.frontMatterBytes)}"\n---\n\nBody.\n`,
    );
    await write('tabs.md', '---\ntitle: "unterminated\ndate: 2020-01-01\n---\n\nBody.\n');
    const lines = await check();
    expect(lines).toContainEqual(
      expect.stringMatching(/^list\.md:2:1: error: front matter must be a list of "field: value" lines/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^big\.md:1:1: error: front matter is \d+ bytes, over the limit/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^tabs\.md:\d+:\d+: error: invalid YAML front matter/));
  });
});

describe('one bad file is its own problem', () => {
  it('refuses a file over the size limit without reading it, and keeps the others', async () => {
    await write('huge.md', post('Huge', 'word '.repeat(LIMITS.fileBytes / 5 + 10)));
    await write('fine.md', post('Fine'));
    expect(await check()).toEqual([
      expect.stringMatching(/^huge\.md:1:1: error: the file is [\d,]+ bytes, over the limit of 1,000,000/),
    ]);
    const { result } = await asServer(getAllPosts);
    expect(result.map((p) => p.slug)).toEqual(['fine']);
  });

  it('warns about a large body well below the limit', async () => {
    await write('long.md', post('Long', 'word '.repeat(LIMITS.fileWarningBytes / 5 + 10)));
    expect(await check()).toEqual([expect.stringMatching(/^long\.md:6:1: warning: the body is [\d,]+ bytes/)]);
  });

  it.each([
    [
      'blockquotes thousands deep',
      `${'>'.repeat(5000)} deep`,
      /^deep\.md:8:1: error: blockquotes or lists nested 5000 deep/,
    ],
    [
      'lists inside lists',
      Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      // Item 65 is the first indented past 128 columns.
      /^deep\.md:73:131: error: a line indented 130 columns: lists nested more than 32 deep/,
    ],
    [
      'a long run of emphasis marks',
      `${'*'.repeat(20_000)}a${'*'.repeat(20_000)}`,
      /^deep\.md:8:1: error: a run of 20000 "\*" characters/,
    ],
  ])('refuses %s before parsing, at its line', async (_, body, message) => {
    await write('deep.md', post('Deep', `Intro.\n\n${body}`));
    await write('fine.md', post('Fine'));
    const lines = await check();
    expect(lines).toEqual([expect.stringMatching(message)]);
  });

  it('keeps a thematic break and long runs inside code', async () => {
    const body = `${'*'.repeat(80)}\n\n\`\`\`\n${'*'.repeat(500)}\n${' '.repeat(300)}x\n\`\`\`\n`;
    expect(screenBody(body, 1)).toBeUndefined();
  });

  it('stops a body that renders too slowly, in a worker, and serves the other posts meanwhile', async () => {
    vi.stubEnv('RENDER_BUDGET_MS', '300');
    try {
      // Prose where every other word is emphasised: tens of seconds for micromark at this size.
      await write('slow.md', post('Slow', '*a* '.repeat(200_000)));
      await write('fine.md', post('Fine'));
      const { result, logged } = await asServer(async () => {
        let ticks = 0;
        const timer = setInterval(() => (ticks += 1), 20);
        const [slow, fine] = await Promise.all([getPostBySlug('slow'), getPostBySlug('fine')]);
        clearInterval(timer);
        return { slow, fine, ticks };
      });
      expect(result.slow).toBeNull();
      expect(result.fine?.html).toContain('Body text.');
      // The event loop kept turning while the slow body was tried (it ran in a worker).
      expect(result.ticks).toBeGreaterThan(3);
      expect(logged).toMatch(/slow\.md:6:1: rendering the body took longer than 0\.3 s/);
      // Check reports the same failure (kept with the unchanged file: one budget spent, not two).
      expect(await check()).toEqual([
        expect.stringMatching(
          /^slow\.md:6:1: error: rendering the body took longer than 0\.3 s: simplify it or split it/,
        ),
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('check accepts only what the build can publish at a working address', () => {
  it.each(['a#b', 'a?b', 'a\\b', 'a b', 'a%20b', `${'a'.repeat(230)}`, `${'日本'.repeat(40)}`])(
    'refuses the file name %j unless slug: gives another address',
    async (name) => {
      await write(`${name}.md`, post('Named'));
      await write('named-ok.md', post('Renamed', 'Body.', `slug: renamed-${name.length}\n`));
      const lines = await check();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /:1:1: error: the file name gives the address .*rename the file \(for example to .*\.md\) or set slug:/,
      );
      const { result } = await asServer(getAllPosts);
      expect(result.map((p) => p.title)).toEqual(['Renamed']);
    },
  );

  it('accepts file names in any script, with dots, underscores and capitals', async () => {
    for (const name of ['日本語の記事', 'café', 'v1.2-notes', 'my_post', 'Hello-World'])
      await write(`${name}.md`, post(name));
    expect(await check()).toEqual([]);
  });

  it('refuses a slug, a tag or a title past its limit', async () => {
    await write('slug.md', post('Slug', 'Body.', `slug: ${'a'.repeat(LIMITS.urlSegmentBytes + 1)}\n`));
    await write('tag.md', post('Tag', 'Body.', `tags: [${'タ'.repeat(70)}]\n`));
    await write(
      'tags.md',
      post('Tags', 'Body.', `tags: [${Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`).join(', ')}]\n`),
    );
    await write('title.md', post('T'.repeat(LIMITS.titleCharacters + 1)));
    const lines = await check();
    expect(lines).toEqual([
      expect.stringMatching(/^slug\.md:4:1: error: slug: expected a URL segment of at most 200 bytes/),
      expect.stringMatching(/^tag\.md:4:1: error: tags\.0: expected a list of at most 50 names/),
      expect.stringMatching(/^tags\.md:4:1: error: tags: expected a list of at most 50 names/),
      expect.stringMatching(/^title\.md:2:1: error: title: expected a non-empty string of at most 300 characters/),
    ]);
  });

  it.each([
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/robots.txt',
    '/og/x.png',
    '/404.html',
    '/404/',
    '/./',
    '/',
    '/search/',
    '/page/2/',
    '/tags/x/',
    '/posts/x/',
    '/Feed.XML',
    '/_next/static/x.js',
    '/pagefind/pagefind.js',
    '/a/../b/',
    '/a//b/',
    '/%zz/',
    '/.hidden/',
    '/a\\b/',
    `/${'a'.repeat(250)}/`,
    '/x/__next.posts.txt',
  ])('refuses the alias %j', async (alias) => {
    await write('moved.md', post('Moved', 'Body.', `aliases: [${JSON.stringify(alias)}]\n`));
    const lines = await check();
    expect(lines).toEqual([expect.stringMatching(/^moved\.md:4:1: error: aliases/)]);
  });

  it('accepts old addresses that are free, and refuses one that is a file in public/', async () => {
    expect(aliasProblem('/2020/03/old-name/')).toBeUndefined();
    expect(aliasProblem("/blog/what's-new-(2020)/")).toBeUndefined();
    expect(aliasProblem('/2020/03/caf%C3%A9/')).toBeUndefined();
    await write('moved.md', post('Moved', 'Body.', 'aliases: [/2020/03/old-name/, /assets/blog/exists.jpg]\n'));
    expect(await check()).toEqual([
      expect.stringMatching(
        /^moved\.md:4:1: error: aliases: \/assets\/blog\/exists\.jpg is already a file in public\//,
      ),
    ]);
  });
});

describe('text fields', () => {
  it('refuses control characters in a title, an author or a tag, naming the character', async () => {
    await write('t.md', post('Bell\u0007 title'));
    await write('a.md', post('Author', 'Body.', 'author: "Ann\\u0000"\n'));
    await write('g.md', post('Tag', 'Body.', 'tags: ["a\\u001Bb"]\n'));
    expect(await check()).toEqual([
      expect.stringMatching(/^a\.md:4:1: error: author\.name: .*it holds the control character U\+0000/),
      expect.stringMatching(/^g\.md:4:1: error: tags\.0: .*it holds the control character U\+001B/),
      expect.stringMatching(/^t\.md:2:1: error: title: .*it holds the control character U\+0007/),
    ]);
  });
});

describe('the README states the limits in force', () => {
  it('lists every value of lib/limits.ts in its Reliability table', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Reliability'), readme.indexOf('What else a bad input gets'));
    const number = (value: number) => value.toLocaleString('en-US');
    const rows: [string, string][] = [
      ['File size', `${number(LIMITS.fileBytes)} bytes`],
      ['Body size', `${number(LIMITS.fileWarningBytes)} bytes`],
      ['Front matter', `${number(LIMITS.frontMatterBytes)} bytes`],
      ['YAML aliases', `${LIMITS.yamlAliases}`],
      ['nested', `${LIMITS.nestingDepth} levels (${LIMITS.nestingDepth * 4} columns`],
      ['A run of', `${LIMITS.delimiterRun} characters`],
      ['Rendering one body', `${number(LIMITS.renderMilliseconds)} ms`],
      ['Memory of the rendering worker', `${LIMITS.renderMemoryMegabytes} MB`],
      ['URL segment', `${LIMITS.urlSegmentBytes} bytes`],
      ['Title', `${LIMITS.titleCharacters} characters`],
      ['Tags, aliases', `${LIMITS.tags}, ${LIMITS.aliases}`],
      ['A picture', `${number(LIMITS.imageBytes)} bytes, ${number(LIMITS.imagePixels)} pixels`],
      ['Encoding one picture', `${LIMITS.imageSeconds} s`],
    ];
    for (const [label, value] of rows) {
      const row = table.split('\n').find((line) => line.startsWith('|') && line.includes(label));
      expect(row, label).toContain(value);
    }
  });
});
