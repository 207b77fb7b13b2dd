import { describe, expect, it } from 'vitest';
import { frontMatterSchema, validateFrontMatter } from '@/lib/post-schema';

function problems(data: Record<string, unknown>) {
  const result = validateFrontMatter(data);
  return result.ok ? [] : result.problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
}

describe('front-matter schema', () => {
  it('accepts the smallest post and leaves the fields without a default absent', () => {
    const result = validateFrontMatter({ title: 'Hello', date: '2020-03-16' });
    expect(result.ok && result.fields).toMatchObject({ title: 'Hello', date: { kind: 'day', iso: '2020-03-16' } });
    expect(result.ok && result.fields.coverImage).toBeUndefined();
  });

  it('accepts every field, shorthand forms and unknown fields', () => {
    const result = validateFrontMatter({
      title: '  Spaced  ',
      date: 'March 16, 2020',
      excerpt: 'Short.',
      coverImage: 'https://example.com/c.jpg',
      author: 'Jane Doe',
      ogImage: '/og.png',
      tags: ['x'],
      whatever: { nested: true },
    });
    expect(result.ok && result.fields).toMatchObject({
      title: 'Spaced',
      excerpt: 'Short.',
      coverImage: { url: 'https://example.com/c.jpg' },
      author: [{ name: 'Jane Doe' }],
      ogImage: { url: '/og.png' },
    });
  });

  it('treats an empty optional field as absent', () => {
    const result = validateFrontMatter({
      title: 'T',
      date: '2020-03-16',
      excerpt: null,
      coverImage: null,
      author: null,
    });
    expect(result.ok).toBe(true);
  });

  it('names every wrong field, what it expected and what it found', () => {
    expect(
      problems({
        title: 42,
        date: 'soon',
        coverImage: { url: 'https://example.com/c.jpg', width: 1200 },
        author: { picture: 'javascript:alert(1)' },
        ogImage: { url: 7 },
      }),
    ).toEqual([
      'title: expected a non-empty string of at most 300 characters, found number 42',
      'date: expected a date such as 2020-03-16, 2020-03-16T09:30:00Z, 2020-03-16T09:30:00+01:00 or "March 16, 2020", found "soon"',
      'coverImage.width: expected a whole number of pixels from 1 to 100000, given with height, found number 1200',
      'author.name: expected a non-empty string, found nothing',
      'author.picture: expected a picture beside the post (such as cover.jpg), a path under public/ starting with "/" (such as /assets/blog/cover.jpg) or an http(s) URL, found "javascript:alert(1)"',
      'ogImage.url: expected a picture beside the post (such as cover.jpg), a path under public/ starting with "/" (such as /assets/blog/cover.jpg) or an http(s) URL, found number 7',
    ]);
  });

  it('reports missing required fields as found nothing', () => {
    expect(problems({})).toEqual([
      'title: expected a non-empty string of at most 300 characters, found nothing',
      expect.stringMatching(/^date: expected a date such as .*, found nothing$/),
    ]);
  });

  it('refuses an empty title and a protocol-relative image', () => {
    expect(problems({ title: '   ', date: '2020-03-16', coverImage: '//evil.example/x.jpg' })).toEqual([
      'title: expected a non-empty string of at most 300 characters, found an empty string',
      expect.stringMatching(/^coverImage\.url: expected .*, found "\/\/evil.example\/x.jpg"$/),
    ]);
  });

  it('takes a cover beside the post, in public/, or remote with its size (both or neither)', () => {
    const cover = (value: unknown) => {
      const result = validateFrontMatter({ title: 'T', date: '2020-03-16', coverImage: value });
      return result.ok ? result.fields.coverImage : undefined;
    };
    expect(cover('cover.jpg')).toEqual({ url: 'cover.jpg' });
    expect(cover('./pictures/cover.jpg')).toEqual({ url: './pictures/cover.jpg' });
    expect(cover({ url: 'https://cdn.example/c.jpg', width: 1600, height: 900 })).toEqual({
      url: 'https://cdn.example/c.jpg',
      width: 1600,
      height: 900,
    });
    expect(cover({ url: 'https://cdn.example/c.jpg', height: 900 })).toBeUndefined();
    expect(cover({ url: 'https://cdn.example/c.jpg', width: 0, height: 900 })).toBeUndefined();
    expect(cover('data:image/png;base64,AAAA')).toBeUndefined();
  });

  it('describes every field in one line, and fills the defaults of the fields that have one', () => {
    for (const [field, schema] of Object.entries(frontMatterSchema.shape)) {
      expect(schema.description, field).toMatch(/^[^\n]{10,120}$/);
    }
    const result = validateFrontMatter({ title: 'T', date: '2020-03-16', draft: null, tags: null });
    expect(result.ok && result.fields).toMatchObject({
      draft: false,
      tags: [],
      aliases: [],
      author: [{ name: expect.any(String) }],
    });
  });

  it('refuses an author that is neither a name, an id nor an object', () => {
    expect(problems({ title: 'T', date: '2020-03-16', author: 42 })).toEqual([
      'author: expected a name, an author id of lib/site.ts (such as team), { name, picture } with picture optional, or a list of these, found number 42',
    ]);
  });

  it('reads an id of lib/site.ts as that author, a list as co-authors, and a word like an id that is none as an error', () => {
    const result = validateFrontMatter({
      title: 'T',
      date: '2020-03-16',
      author: ['team', 'Jane Doe', { name: 'Ann' }],
    });
    expect(result.ok && result.fields.author).toEqual([
      { id: 'team', name: 'The Markdown Blog team' },
      { name: 'Jane Doe' },
      { name: 'Ann' },
    ]);
    const typo = validateFrontMatter({ title: 'T', date: '2020-03-16', author: 'tema' });
    expect(typo.ok ? [] : typo.problems).toEqual([
      expect.objectContaining({
        field: 'author',
        found: '"tema"',
        reason: expect.stringMatching(/^it is not an author id of lib\/site.ts \(team\)/),
      }),
    ]);
    const inList = validateFrontMatter({ title: 'T', date: '2020-03-16', author: ['team', 'jnae'] });
    expect(inList.ok ? [] : inList.problems.map((problem) => [problem.field, problem.found])).toEqual([
      ['author.1', '"jnae"'],
    ]);
  });

  it('takes a series name and its order', () => {
    const result = validateFrontMatter({ title: 'T', date: '2020-03-16', series: 'Building a blog', seriesOrder: 2 });
    expect(result.ok && result.fields).toMatchObject({ series: 'Building a blog', seriesOrder: 2 });
    expect(problems({ title: 'T', date: '2020-03-16', series: '!!!', seriesOrder: 1.5 })).toEqual([
      'series: expected a name with letters or digits, such as "Building a blog", found "!!!"',
      'seriesOrder: expected a whole number from 1, such as 2, found number 1.5',
    ]);
  });
});
