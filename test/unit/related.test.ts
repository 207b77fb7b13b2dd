import { describe, expect, it } from 'vitest';
import type { PostSummary } from '@/lib/api';
import { parsePostDate } from '@/lib/dates';
import { neighbours, relatedPosts } from '@/lib/related';
import { allTags, findTag, postsTagged } from '@/lib/tags';

/** Newest first, as getAllPosts gives them. */
function posts(...specs: [string, string[]][]): PostSummary[] {
  return specs.map(([slug, tags], index) => {
    const date = parsePostDate(`2020-01-${String(30 - index).padStart(2, '0')}`, 'UTC');
    if (!date) throw new Error('bad date');
    return {
      slug,
      file: `${slug}.md`,
      title: slug,
      date,
      excerpt: '',
      author: { name: 'A' },
      authors: [{ name: 'A' }],
      draft: false,
      aliases: [],
      status: 'published',
      tags: tags.map((name) => ({ name, slug: name.toLowerCase() })),
      readingMinutes: 1,
      pictures: { share: { url: `/og/${slug}.png` } },
    };
  });
}

const list = posts(['e', ['A', 'B']], ['d', ['A']], ['c', ['A', 'B', 'C']], ['b', ['C']], ['a', ['A', 'B']]);

describe('neighbours and related posts', () => {
  it('gives the newer and the older post', () => {
    expect(neighbours(list, 'c')).toEqual({ newer: list[1], older: list[3] });
    expect(neighbours(list, 'e')).toEqual({ older: list[1] });
    expect(neighbours(list, 'a')).toEqual({ newer: list[3] });
    expect(neighbours(list, 'nope')).toEqual({});
  });

  it('ranks by shared tags, then by recency, never the post itself, at most three', () => {
    const slugs = (post: PostSummary) => relatedPosts(list, post).map((item) => item.slug);
    expect(slugs(list[0]!)).toEqual(['c', 'a', 'd']);
    expect(slugs(list[3]!)).toEqual(['c']);
    expect(relatedPosts(list, list[2]!, 1).map((item) => item.slug)).toEqual(['e']);
    expect(relatedPosts(posts(['x', []]), posts(['x', []])[0]!)).toEqual([]);
  });

  it('counts tags and finds their posts, by slug or percent-encoded slug', () => {
    expect(allTags(list).map((tag) => [tag.name, tag.count])).toEqual([
      ['A', 4],
      ['B', 3],
      ['C', 2],
    ]);
    expect(postsTagged(list, 'c').map((post) => post.slug)).toEqual(['c', 'b']);
    const japanese = posts(['j', ['日本語']]);
    japanese[0]!.tags = [{ name: '日本語', slug: '日本語' }];
    expect(findTag(japanese, encodeURIComponent('日本語'))?.name).toBe('日本語');
    expect(findTag(japanese, 'nope')).toBeUndefined();
  });
});
