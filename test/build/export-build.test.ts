/**
 * The static export (`npm run build`) of the shared `export` build: what `out/` holds for the
 * shipped posts, odd but valid fixtures, drafts, a scheduled post, aliases and enough posts for
 * three pages; an empty blog; and a broken post, which stops `npm run build` at its check. (That
 * `next build` alone refuses invalid posts, naming each, is test/unit/api.test.ts's "reports every
 * invalid file": the same error, thrown from the pages' data functions, fails the build.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLAT_PICTURE_POST, PICTURE_POST } from '../../scripts/lib/generate-pictures';
import { copyProject, fixturesDir, removeCopy, runNpm } from './project';
import {
  builtVariant,
  sharedBuild,
  EXPORT_GENERATED_POSTS,
  HOSTILE_SLUGS,
  WRITER_SLUGS,
  type SharedBuild,
} from './shared-builds';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Slugs of the published posts of the `export` build (drafts and scheduled posts left out). */
const PUBLISHED = [
  'dynamic-routing',
  'markdown-guide',
  'welcome',
  'writing-a-post',
  'hostile-html',
  'unquoted-date',
  'windows-crlf',
  'better-name',
  PICTURE_POST,
  FLAT_PICTURE_POST,
  ...HOSTILE_SLUGS,
  ...WRITER_SLUGS,
  ...Array.from({ length: EXPORT_GENERATED_POSTS }, (_, i) => `generated-post-${String(i).padStart(5, '0')}`),
];

describe('static export (`npm run build`)', () => {
  let dir: string;
  let build: SharedBuild;
  const page = (route: string) => readFileSync(path.join(dir, 'out', route, 'index.html'), 'utf8');
  const previews = (html: string) => [...html.matchAll(/<article class="relative"/g)].length;

  beforeAll(async () => {
    build = await sharedBuild('export');
    dir = build.dir;
  });

  it('succeeds', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toMatch(/\bError\b/);
    expect(build.output).toContain(`${PUBLISHED.length + 2} posts checked`);
  });

  it("leaves the server's own routes out: no revalidate endpoint, health check or live search route", () => {
    for (const file of ['api', 'healthz', 'healthz.html', 'api/revalidate']) {
      expect(existsSync(path.join(dir, 'out', file)), file).toBe(false);
    }
    // The search index is the static one the export writes.
    expect(existsSync(path.join(dir, 'out', 'pagefind', 'pagefind.js'))).toBe(true);
    expect(build.output).not.toContain('/api/revalidate');
  });

  it('writes one page per published post and none for junk files, drafts or scheduled posts', () => {
    const posts = readdirSync(path.join(dir, 'out', 'posts')).sort();
    expect(posts).toEqual([...PUBLISHED].sort());
    for (const slug of posts) expect(existsSync(path.join(dir, 'out', 'posts', slug, 'index.html'))).toBe(true);
  });

  it('renders the seed post with its title, date, author, picture and remote cover', () => {
    const html = page('posts/dynamic-routing');
    expect(html).toMatch(/<h1[^>]*>Dynamic Routing and Static Generation<\/h1>/);
    expect(html).toContain('<time dateTime="2020-03-16">March 16, 2020</time>');
    // The author's picture from public/, made small by the build: AVIF, WebP, and a JPEG for old browsers.
    expect(html).toMatch(
      /<picture><source type="image\/avif" srcSet="\/_img\/[0-9a-f]{20}-240\.avif 240w[^"]*" sizes="3rem"\/><source type="image\/webp"[^>]*\/><img src="\/_img\/[0-9a-f]{20}-\d+\.jpg" alt="JJ Kasper" width="\d+" height="\d+" loading="lazy" decoding="async"/,
    );
    expect(html).toContain('alt="Cover image for Dynamic Routing and Static Generation"');
    expect(html).toContain(
      'src="https://next-blog-starter.vercel.app/_next/image?url=%2Fassets%2Fblog%2Fdynamic-routing%2Fcover.jpg&amp;w=3840&amp;q=75"',
    );
    expect(html).toContain(
      '<h2 id="what-is-dynamic-routing"><a href="#what-is-dynamic-routing" class="heading-anchor">What is Dynamic Routing?</a></h2>',
    );
    // Its ogImage from public/, as the 1200×630 JPEG link previews want.
    expect(html).toMatch(
      /<meta property="og:image" content="https:\/\/blog\.example\.com\/_img\/[0-9a-f]{20}-og\.jpg"\/><meta property="og:image:width" content="1200"\/><meta property="og:image:height" content="630"\/>/,
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

  it('lists the newest posts on the home page, newest first, without their bodies, and the rest on archive pages', () => {
    const inOrder = (html: string, titles: string[]) => {
      const positions = titles.map((title) => html.indexOf(title));
      for (const [i, position] of positions.entries()) expect(position, titles[i]).toBeGreaterThan(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    };
    const home = page('');
    inOrder(home, [
      'The markdown this blog understands',
      'How to write a post',
      'Written on Windows',
      'An unquoted YAML date',
    ]);
    expect(home).toContain('More stories');
    expect(home).not.toContain('Hostile HTML');
    expect(home).not.toContain('Combining Dynamic Routing and Static Generation');
    expect(home.match(/<h1[\s>]/g)).toHaveLength(1);
    inOrder(page('page/2'), [
      'A post with its own slug and old addresses',
      'Hostile HTML',
      'Dynamic Routing and Static Generation',
    ]);
  });

  it('shows the newest 10 on the home page and links to the archive', () => {
    const home = page('');
    expect(previews(home)).toBe(9); // the hero and nine more stories
    expect(home).toContain('<a href="/page/2/" rel="next"');
    expect(home.replaceAll('<!-- -->', '')).toContain('Page 1 of 3');
  });

  it('writes numbered archive pages with newer/older links and the page in the title', () => {
    const second = page('page/2');
    expect(previews(second)).toBe(10);
    expect(second).toContain('<title>Posts, page 2 of 3 | Markdown Blog</title>');
    expect(second).toMatch(/<h1[^>]*>Posts, page <!-- -->2<!-- --> of <!-- -->3<\/h1>/);
    expect(second).toContain('<a href="/" rel="prev"');
    expect(second).toContain('<a href="/page/3/" rel="next"');
    const last = page('page/3');
    expect(previews(last)).toBe(6);
    expect(last).not.toContain('rel="next"');
    expect(existsSync(path.join(dir, 'out', 'page', '4'))).toBe(false);
  });

  it('publishes neither the draft nor the future post, anywhere', () => {
    const everything = walk(path.join(dir, 'out'))
      .filter((file) => /\.(html|txt|json|xml)$/.test(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(everything).not.toContain('Unfinished thoughts');
    expect(everything).not.toContain('From the future');
  });

  it('serves a post at its slug field, and its old addresses as redirect pages', () => {
    expect(page('posts/better-name')).toContain('A post with its own slug and old addresses');
    for (const alias of ['2021/05/renamed', 'old/renamed.html']) {
      const html = page(alias);
      expect(html).toContain('<meta http-equiv="refresh" content="0; url=/posts/better-name/"/>');
      expect(html).toMatch(/<link rel="canonical" href="[^"]*\/posts\/better-name\/"\/>/);
      expect(html).toContain('<a href="/posts/better-name/"');
    }
  });

  it('writes a 404 page with a link home', () => {
    const html = readFileSync(path.join(dir, 'out', '404.html'), 'utf8');
    expect(html).toContain('Page not found');
    expect(html).toMatch(/<a[^>]*href="\/"[^>]*>Go to the home page<\/a>/);
  });

  it('publishes the pictures beside the posts, in both layouts, sized and never as the originals', () => {
    const html = page(`posts/${PICTURE_POST}`);
    const pictures = [...html.matchAll(/<picture>(.*?)<\/picture>/g)].map((match) => match[1] ?? '');
    // The cover and three body pictures.
    expect(pictures).toHaveLength(4);
    expect(pictures[0]).toMatch(
      /<img [^>]*width="4000" height="3000" loading="eager" decoding="async" fetchPriority="high"/,
    );
    for (const [index, [width, height]] of [
      [2400, 1600],
      [1200, 900],
      [640, 480],
    ].entries()) {
      expect(pictures[index + 1]).toMatch(
        new RegExp(`<img [^>]*width="${width}" height="${height}" loading="lazy" decoding="async">`),
      );
    }
    // Never wider than the picture: the 640 px one stops at 640 w.
    expect(pictures[3]).toMatch(/-480\.avif 480w, \/_img\/[0-9a-f]{20}-640\.avif 640w"/);
    expect(pictures[3]).not.toContain('768w');
    const files = new Set(readdirSync(path.join(dir, 'out', '_img')));
    for (const src of [...html.matchAll(/(?:src|srcset|srcSet)="([^"]+)"/g)].flatMap((m) => (m[1] ?? '').split(', ')))
      if (src.startsWith('/_img/')) expect(files, src).toContain(src.split(' ')[0]?.slice('/_img/'.length));
    // The originals themselves are published nowhere.
    expect(
      walk(path.join(dir, 'out')).filter(
        (file) => /\/(cover|harbour|small)\.jpg$|\/(chart|sketch)\.png$/.test(file) && !file.includes('/assets/blog/'),
      ),
    ).toEqual([]);
    expect(page(`posts/${FLAT_PICTURE_POST}`)).toMatch(/<picture>.*alt="A sketch of the bay" width="900" height="600"/);
    expect(build.output).toMatch(/Images: \d+ pictures, \d+ files encoded, \d+ from cache/);
  });

  it('never points at the image optimizer, and downloads nothing', () => {
    for (const file of walk(path.join(dir, 'out')).filter((f) => /\.(html|txt|js|css)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      // The seed's remote cover URL happens to contain /_next/image on another host; local ones are forbidden.
      expect(text, file).not.toMatch(/["'(]\/_next\/image/);
    }
  });
});

describe('static export of a blog with no posts yet', () => {
  let build: SharedBuild;

  beforeAll(async () => {
    build = await builtVariant('empty');
  });

  it('builds a home page that says so, and a 404 page', () => {
    const home = readFileSync(path.join(build.dir, 'out', 'index.html'), 'utf8');
    expect(home).toContain('No posts yet.');
    expect(existsSync(path.join(build.dir, 'out', '404.html'))).toBe(true);
  });

  it('leaves no placeholder page in out/', () => {
    for (const folder of [
      'posts/no-posts-yet',
      'tags/no-tags-yet',
      'no-aliases-yet',
      'series/no-series-yet',
      'authors/no-authors-yet',
    ]) {
      expect(existsSync(path.join(build.dir, 'out', folder)), folder).toBe(false);
    }
    expect(existsSync(path.join(build.dir, 'out', 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('says once, loudly, that SITE_URL is not set', () => {
    expect(build.output.match(/warning: SITE_URL is not set/g)).toHaveLength(1);
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
