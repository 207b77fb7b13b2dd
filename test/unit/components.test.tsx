// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HeroPost } from '@/components/hero-post';
import { MoreStories } from '@/components/more-stories';
import { PostDate } from '@/components/post-date';
import { PostHeader } from '@/components/post-header';
import { PostPreview } from '@/components/post-preview';
import { TableOfContents } from '@/components/table-of-contents';
import type { Post } from '@/lib/api';
import { PICTURE_SIZES } from '@/lib/images/markup';
import { parsePostDate, type PostDate as PostDateValue } from '@/lib/dates';

afterEach(cleanup);

function date(value: string): PostDateValue {
  const parsed = parsePostDate(value, 'UTC');
  if (!parsed) throw new Error(`bad test date ${value}`);
  return parsed;
}

const post: Post = {
  slug: 'dynamic-routing',
  file: '_posts/dynamic-routing.md',
  title: 'Dynamic Routing and Static Generation',
  date: date('March 16, 2020'),
  excerpt: 'A short summary.',
  coverImage: { url: 'https://example.com/cover.jpg' },
  author: { name: 'JJ Kasper', picture: '/assets/blog/authors/jj.jpeg' },
  pictures: {
    cover: { src: 'https://example.com/cover.jpg', sources: [] },
    avatar: { src: '/assets/blog/authors/jj.jpeg', sources: [] },
    avatars: [{ src: '/assets/blog/authors/jj.jpeg', sources: [] }],
    share: { url: 'https://example.com/cover.jpg' },
  },
  authors: [{ name: 'JJ Kasper', picture: '/assets/blog/authors/jj.jpeg' }],
  html: '<p>The whole body, which lists never show.</p>',
  draft: false,
  aliases: [],
  status: 'published',
  tags: [
    { name: 'Next.js', slug: 'next-js' },
    { name: '日本語', slug: '日本語' },
  ],
  readingMinutes: 4,
  scripts: [],
  headings: [
    { depth: 2, id: 'what-is-it', text: 'What is it?' },
    { depth: 3, id: 'in-short', text: 'In short' },
    { depth: 2, id: 'why', text: 'Why' },
  ],
};

describe(`components (machine time zone: ${process.env.TZ ?? 'unset'})`, () => {
  it('PostDate shows the calendar day in words inside a machine-readable <time>', () => {
    const { container } = render(<PostDate date={date('2020-03-16')} />);
    const time = container.querySelector('time');
    expect(time?.textContent).toBe('March 16, 2020');
    expect(time?.getAttribute('datetime')).toBe('2020-03-16');
  });

  it('PostDate shows a date-time in the site time zone (UTC by default)', () => {
    const { container } = render(<PostDate date={date('2020-03-16T23:30:00-05:00')} />);
    expect(container.querySelector('time')?.textContent).toBe('March 17, 2020');
    expect(container.querySelector('time')?.getAttribute('datetime')).toBe('2020-03-17T04:30:00.000Z');
  });

  it('PostHeader shows the title as the h1, the author with picture, the date, reading time, tags and the cover', () => {
    render(<PostHeader {...post} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(post.title);
    expect(screen.getByText('JJ Kasper')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'JJ Kasper' }).getAttribute('src')).toBe('/assets/blog/authors/jj.jpeg');
    const cover = screen.getByRole('img', { name: `Cover image for ${post.title}` });
    expect(cover.getAttribute('src')).toBe('https://example.com/cover.jpg');
    expect(screen.getByText('March 16, 2020').tagName).toBe('TIME');
    expect(screen.getByText('4 min read')).toBeTruthy();
    const tags = screen.getByRole('list', { name: 'Tags' });
    expect([...tags.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Next.js', '/tags/next-js/'],
      ['日本語', '/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/'],
    ]);
  });

  it('PostHeader shows a local cover as <picture>: AVIF and WebP sized for the page column, real size, fetched first', () => {
    const cover = {
      src: '/_img/abc-1200.jpg',
      width: 4000,
      height: 3000,
      sources: [
        { type: 'image/avif', srcset: '/_img/abc-768.avif 768w, /_img/abc-1600.avif 1600w' },
        { type: 'image/webp', srcset: '/_img/abc-768.webp 768w, /_img/abc-1600.webp 1600w' },
      ],
    };
    const { container } = render(<PostHeader {...post} pictures={{ ...post.pictures, cover }} />);
    const sources = [...container.querySelectorAll('picture source')];
    expect(sources.map((source) => [source.getAttribute('type'), source.getAttribute('sizes')])).toEqual([
      ['image/avif', PICTURE_SIZES.wide],
      ['image/webp', PICTURE_SIZES.wide],
    ]);
    const img = screen.getByRole('img', { name: `Cover image for ${post.title}` });
    expect(img.closest('picture')).not.toBeNull();
    expect(['src', 'width', 'height', 'loading', 'fetchpriority'].map((name) => img.getAttribute(name))).toEqual([
      '/_img/abc-1200.jpg',
      '4000',
      '3000',
      'eager',
      'high',
    ]);
  });

  it('PostHeader says when a post was updated, and says nothing for an update before the date', () => {
    const { unmount } = render(<PostHeader {...post} updated={date('2021-07-04')} />);
    const updated = screen.getByText(/^Updated/);
    expect(updated.textContent).toBe('Updated July 4, 2021');
    expect(updated.querySelector('time')?.getAttribute('datetime')).toBe('2021-07-04');
    unmount();
    render(<PostHeader {...post} updated={date('2019-01-01')} />);
    expect(screen.queryByText(/^Updated/)).toBeNull();
  });

  it('PostHeader without cover or picture shows neither', () => {
    render(
      <PostHeader
        {...post}
        title="Plain"
        pictures={{ share: { url: '/og/plain.png' }, avatars: [] }}
        authors={[{ name: 'Ann' }]}
      />,
    );
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getByText('Ann')).toBeTruthy();
    expect(screen.queryByText('Draft')).toBeNull();
  });

  it('marks drafts and scheduled posts (which only next dev shows) with a badge', () => {
    const { unmount } = render(<PostHeader {...post} status="draft" />);
    expect(screen.getByText('Draft')).toBeTruthy();
    unmount();
    render(<PostPreview {...post} status="scheduled" />);
    expect(screen.getByText('Scheduled')).toBeTruthy();
  });

  it('PostPreview links the title to the post page and never shows the body', () => {
    const { container } = render(<PostPreview {...post} />);
    const link = screen.getByRole('link', { name: post.title });
    expect(link.getAttribute('href')).toBe('/posts/dynamic-routing/');
    expect(screen.getByText('A short summary.')).toBeTruthy();
    expect(screen.getByRole('img', { name: `Cover image for ${post.title}` }).getAttribute('loading')).toBe('lazy');
    expect(container.textContent).not.toContain('The whole body');
    // One link to the post (the card's), then one per tag.
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual([post.title, 'Next.js', '日本語']);
  });

  it('PostPreview encodes slugs that are not plain ASCII', () => {
    render(<PostPreview {...post} slug="日本語" />);
    expect(screen.getByRole('link', { name: post.title }).getAttribute('href')).toBe(
      '/posts/%E6%97%A5%E6%9C%AC%E8%AA%9E/',
    );
  });

  it('HeroPost loads its cover eagerly, as the likely largest paint', () => {
    render(<HeroPost {...post} />);
    const cover = screen.getByRole('img', { name: `Cover image for ${post.title}` });
    expect(cover.getAttribute('loading')).toBe('eager');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(post.title);
  });

  it('MoreStories lists each post under a "More stories" heading', () => {
    render(<MoreStories posts={[post, { ...post, slug: 'second', title: 'Second post' }]} />);
    const section = screen.getByRole('region', { name: 'More stories' });
    expect(within(section).getAllByRole('article')).toHaveLength(2);
    expect(within(section).getByRole('link', { name: 'Second post' }).getAttribute('href')).toBe('/posts/second/');
  });

  it('TableOfContents links sections with their subsections, and only for posts with three or more headings', () => {
    const { unmount } = render(<TableOfContents headings={post.headings} />);
    const toc = screen.getByRole('navigation', { name: 'On this page' });
    expect([...toc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['What is it?', '#what-is-it'],
      ['In short', '#in-short'],
      ['Why', '#why'],
    ]);
    expect(toc.querySelector('li ol a')?.textContent).toBe('In short');
    unmount();
    render(<TableOfContents headings={post.headings.slice(0, 2)} />);
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
