/**
 * Runs the real `next build` (static export) on a copy of the project and checks what `out/` holds,
 * then checks that invalid posts stop the build with messages naming every file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../../scripts/lib/generate-posts';
import { copyProject, fixturesDir, projectRoot, removeCopy, runNext, runNpm } from './project';

const valid = path.join(fixturesDir, 'posts', 'valid');
const invalid = path.join(fixturesDir, 'posts', 'invalid');
const seed = { from: path.join(projectRoot, '_posts', 'dynamic-routing.md') };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe('static export (`npm run build`)', () => {
  let dir: string;
  let build: { code: number; output: string };
  const page = (route: string) => readFileSync(path.join(dir, 'out', route, 'index.html'), 'utf8');

  beforeAll(async () => {
    dir = await copyProject('export', [seed, ...readdirSync(valid).map((name) => ({ from: path.join(valid, name) }))]);
    // A zone far west of UTC: a calendar date must not slip to the day before.
    build = await runNext(dir, ['build'], { TZ: 'America/Los_Angeles', SITE_URL: 'https://blog.example.com' });
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('succeeds', () => {
    expect(build.output).not.toMatch(/Error/);
    expect(build.code).toBe(0);
  });

  it('writes one page per post and none for junk files', () => {
    const posts = readdirSync(path.join(dir, 'out', 'posts')).sort();
    expect(posts).toEqual(['dynamic-routing', 'hostile-html', 'unquoted-date', 'windows-crlf']);
    for (const slug of posts) expect(existsSync(path.join(dir, 'out', 'posts', slug, 'index.html'))).toBe(true);
  });

  it('renders the seed post with its title, date, author, picture and remote cover', () => {
    const html = page('posts/dynamic-routing');
    expect(html).toMatch(/<h1[^>]*>Dynamic Routing and Static Generation<\/h1>/);
    expect(html).toContain('<time dateTime="2020-03-16">March 16, 2020</time>');
    expect(html).toMatch(
      /<img[^>]*src="\/assets\/blog\/authors\/jj.jpeg"[^>]*alt="JJ Kasper"|<img[^>]*alt="JJ Kasper"[^>]*src="\/assets\/blog\/authors\/jj.jpeg"/,
    );
    expect(html).toContain('alt="Cover image for Dynamic Routing and Static Generation"');
    expect(html).toContain(
      'src="https://next-blog-starter.vercel.app/_next/image?url=%2Fassets%2Fblog%2Fdynamic-routing%2Fcover.jpg&amp;w=3840&amp;q=75"',
    );
    expect(html).toContain(
      '<h2 id="what-is-dynamic-routing"><a href="#what-is-dynamic-routing" class="heading-anchor">What is Dynamic Routing?</a></h2>',
    );
    expect(html).toContain(
      '<meta property="og:image" content="https://blog.example.com/assets/blog/dynamic-routing/cover.jpg"/>',
    );
    expect(html).toContain('<meta name="description" content="Lorem ipsum dolor sit amet');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(existsSync(path.join(dir, 'out', 'assets', 'blog', 'authors', 'jj.jpeg'))).toBe(true);
  });

  it('shows odd but valid front matter as the author meant it', () => {
    expect(page('posts/unquoted-date')).toContain('<time dateTime="2021-07-04">July 4, 2021</time>');
    const crlf = page('posts/windows-crlf');
    // 23:30 at UTC-7 is 06:30 UTC the next day; the site's zone is UTC.
    expect(crlf).toContain('<time dateTime="2021-08-02T06:30:00.000Z">August 2, 2021</time>');
    expect(crlf).toContain('Ann Example');
  });

  it('sanitizes hostile HTML in a post but keeps ordinary markup and working footnotes', () => {
    const html = page('posts/hostile-html');
    expect(html).not.toContain('alert(');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('<strong>kept markup</strong>');
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
  });

  it('lists every post on the home page, newest first, without their bodies', () => {
    const html = page('');
    const order = [
      'Written on Windows',
      'An unquoted YAML date',
      'Hostile HTML',
      'Dynamic Routing and Static Generation',
    ];
    const positions = order.map((title) => html.indexOf(title));
    for (const position of positions) expect(position).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('More stories');
    expect(html).not.toContain('Combining Dynamic Routing and Static Generation');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('writes a 404 page with a link home', () => {
    const html = readFileSync(path.join(dir, 'out', '404.html'), 'utf8');
    expect(html).toContain('Page not found');
    expect(html).toMatch(/<a[^>]*href="\/"[^>]*>Go to the home page<\/a>/);
  });

  it('never points at the image optimizer, and downloads nothing', () => {
    for (const file of walk(path.join(dir, 'out')).filter((f) => /\.(html|txt|js|css)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      // The seed's remote cover URL happens to contain /_next/image on another host; local ones are forbidden.
      expect(text, file).not.toMatch(/["'(]\/_next\/image/);
    }
  });
});

describe('static export with invalid posts', () => {
  let dir: string;
  let build: { code: number; output: string };

  beforeAll(async () => {
    dir = await copyProject('invalid', [
      seed,
      ...readdirSync(invalid).map((name) => ({ from: path.join(invalid, name) })),
    ]);
    build = await runNext(dir, ['build']);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('fails, naming every invalid file with its line, field, expectation and finding', () => {
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('3 invalid posts');
    expect(build.output).toContain(
      '_posts/empty-title.md:2:1: title: expected a non-empty string of at most 300 characters, found an empty string',
    );
    expect(build.output).toContain('_posts/bad-date.md:3:1: date: expected a date such as');
    expect(build.output).toContain('found "March 35, 2020"');
    expect(build.output).toMatch(/_posts\/broken-yaml\.md:\d+:\d+: invalid YAML front matter/);
    expect(existsSync(path.join(dir, 'out', 'index.html'))).toBe(false);
  });
});

describe('static export of a blog with no posts yet', () => {
  let dir: string;
  let build: { code: number; output: string };

  beforeAll(async () => {
    dir = await copyProject('empty', []);
    // As a new author runs it: check, build, then the clean-up and the (empty) search index.
    build = await runNpm(dir, ['run', 'build']);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('builds a home page that says so, and a 404 page', () => {
    expect(build.code, build.output).toBe(0);
    const home = readFileSync(path.join(dir, 'out', 'index.html'), 'utf8');
    expect(home).toContain('No posts yet.');
    expect(existsSync(path.join(dir, 'out', '404.html'))).toBe(true);
  });

  it('leaves no placeholder page in out/', () => {
    for (const folder of ['posts/no-posts-yet', 'tags/no-tags-yet', 'no-aliases-yet']) {
      expect(existsSync(path.join(dir, 'out', folder)), folder).toBe(false);
    }
    expect(existsSync(path.join(dir, 'out', 'pagefind', 'pagefind.js'))).toBe(true);
  });
});

describe('static export of a blog with more posts than fit on the home page', () => {
  let dir: string;
  let build: { code: number; output: string };
  const page = (route: string) => readFileSync(path.join(dir, 'out', route, 'index.html'), 'utf8');
  const previews = (html: string) => [...html.matchAll(/<article class="relative"/g)].length;

  beforeAll(async () => {
    dir = await copyProject('paginated', []);
    await generatePosts(path.join(dir, '_posts'), 23);
    build = await runNext(dir, ['build']);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('shows the newest 10 on the home page and links to the archive', () => {
    expect(build.code, build.output).toBe(0);
    const home = page('');
    expect(previews(home)).toBe(9); // the hero and nine more stories
    expect(home).toContain('<a href="/page/2/" rel="next"');
    expect(home).toContain('Page <!-- -->1<!-- --> of <!-- -->3');
  });

  it('writes numbered archive pages with newer/older links and the page in the title', () => {
    const second = page('page/2');
    expect(previews(second)).toBe(10);
    expect(second).toContain('<title>Posts, page 2 of 3 | Markdown Blog</title>');
    expect(second).toMatch(/<h1[^>]*>Posts, page <!-- -->2<!-- --> of <!-- -->3<\/h1>/);
    expect(second).toContain('<a href="/" rel="prev"');
    expect(second).toContain('<a href="/page/3/" rel="next"');
    const last = page('page/3');
    expect(previews(last)).toBe(3);
    expect(last).not.toContain('rel="next"');
    expect(existsSync(path.join(dir, 'out', 'page', '4'))).toBe(false);
  });
});

describe('static export with drafts, a scheduled post, a slug and aliases', () => {
  let dir: string;
  let build: { code: number; output: string };
  const authoring = path.join(fixturesDir, 'posts', 'authoring');

  beforeAll(async () => {
    dir = await copyProject('authoring', [
      seed,
      ...readdirSync(authoring).map((name) => ({ from: path.join(authoring, name) })),
    ]);
    build = await runNext(dir, ['build']);
  });

  afterAll(async () => {
    if (dir) await removeCopy(dir);
  });

  it('publishes neither the draft nor the future post, anywhere', () => {
    expect(build.code, build.output).toBe(0);
    expect(readdirSync(path.join(dir, 'out', 'posts')).sort()).toEqual(['better-name', 'dynamic-routing']);
    const everything = walk(path.join(dir, 'out'))
      .filter((file) => /\.(html|txt|json|xml)$/.test(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(everything).not.toContain('Unfinished thoughts');
    expect(everything).not.toContain('From the future');
  });

  it('serves a post at its slug field, and its old addresses as redirect pages', () => {
    expect(readFileSync(path.join(dir, 'out', 'posts', 'better-name', 'index.html'), 'utf8')).toContain(
      'A post with its own slug and old addresses',
    );
    for (const alias of ['2021/05/renamed', 'old/renamed.html']) {
      const html = readFileSync(path.join(dir, 'out', alias, 'index.html'), 'utf8');
      expect(html).toContain('<meta http-equiv="refresh" content="0; url=/posts/better-name/"/>');
      expect(html).toMatch(/<link rel="canonical" href="[^"]*\/posts\/better-name\/"\/>/);
      expect(html).toContain('<a href="/posts/better-name/"');
    }
  });
});

describe('npm run build refuses a broken site', () => {
  it('runs npm run check first, and stops on its errors', async () => {
    const dir = await copyProject('prebuild', [{ from: path.join(fixturesDir, 'posts', 'authoring', 'renamed.md') }]);
    try {
      await writeFile(
        path.join(dir, '_posts', 'broken-link.md'),
        '---\ntitle: Broken link\ndate: 2020-01-01\n---\n\nSee [this](/posts/renamed/).\n',
      );
      const result = await runNpm(dir, ['run', 'build']);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('broken-link.md:6:5: error: link /posts/renamed/: there is no post "renamed"');
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    } finally {
      await removeCopy(dir);
    }
  });
});
