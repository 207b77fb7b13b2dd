/**
 * The whole contract of a post's front matter, in one zod schema: each field's type, its default,
 * the words its errors use (`EXPECTED`) and a one-line description. `Post` and `PostSummary`
 * (lib/posts/post.ts) are derived from the schema's output type, so adding a field means changing
 * this file (and the component that shows it), nothing else.
 */
import { z } from 'zod';
import { EXPECTED_DATE, parsePostDate, type PostDate } from './dates';
import { LIMITS, utf8Bytes } from './limits';
import { site } from './site';
import { slugify } from './slug';
import { aliasProblem } from './urls';
import { isPictureReference } from './images/reference';

const EXPECTED_ASSET =
  'a picture beside the post (such as cover.jpg), a path under public/ starting with "/" (such as /assets/blog/cover.jpg) or an http(s) URL';

/** What each field must be, in words an author reads in an error. */
const EXPECTED: Record<string, string> = {
  title: `a non-empty string of at most ${LIMITS.titleCharacters} characters`,
  date: EXPECTED_DATE,
  updated: EXPECTED_DATE,
  excerpt: 'a string',
  coverImage: `${EXPECTED_ASSET}, or { url, width, height }`,
  'coverImage.url': EXPECTED_ASSET,
  'coverImage.width': 'a whole number of pixels from 1 to 100000, given with height',
  'coverImage.height': 'a whole number of pixels from 1 to 100000, given with width',
  author:
    'a name, an author id of lib/site.ts (such as team), { name, picture } with picture optional, or a list of these',
  'author.name': 'a non-empty string',
  'author.picture': EXPECTED_ASSET,
  ogImage: `{ url } with url ${EXPECTED_ASSET}`,
  'ogImage.url': EXPECTED_ASSET,
  draft: 'true or false',
  slug: `a URL segment of at most ${LIMITS.urlSegmentBytes} bytes: lower-case letters, digits and single hyphens, such as my-first-post`,
  aliases: `a list of at most ${LIMITS.aliases} old paths starting with "/", such as ["/2020/03/old-name/"]`,
  tags: `a list of at most ${LIMITS.tags} names with letters or digits, such as [Next.js, Café]`,
  series: 'a name with letters or digits, such as "Building a blog"',
  seriesOrder: 'a whole number from 1, such as 2',
};

/** YAML `field:` with no value is null: treat it as absent. */
const absentIfNull = (value: unknown) => (value === null ? undefined : value);

/** A field that may be absent (or empty). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absentIfNull, schema.optional());

/** A field whose schema has a `.default()`, used when it is absent (or empty). */
const defaulted = <T extends z.ZodType>(schema: z.ZodDefault<T>) => z.preprocess(absentIfNull, schema);

/** Control characters (other than tab) have no place in a one-line text, and XML cannot carry most of them. */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const oneLine = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const found = CONTROL.exec(text)?.[0];
    if (found !== undefined) {
      const code = found.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      ctx.addIssue({ code: 'custom', message: `it holds the control character U+${code}` });
    }
  });
const nonEmpty = oneLine.pipe(z.string().min(1));
/** A tag's URL segment is written as a folder name by the build. */
const tagFits = (tag: string) => slugify(tag) !== '' && utf8Bytes(slugify(tag)) <= LIMITS.urlSegmentBytes;
const asset = z.string().trim().refine(isPictureReference);
const pixels = z.number().int().min(1).max(100_000);

const dateField = z.unknown().transform((value, ctx): PostDate => {
  const date = parsePostDate(value, site.timeZone);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'invalid date' });
    return z.NEVER;
  }
  return date;
});

/** How authors of lib/site.ts are named: lower-case ASCII letters and digits, single inner hyphens. */
const AUTHOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** At most this many authors on one post. */
const MAX_AUTHORS = 20;

/**
 * One author as a post names them: an id of `site.authors` (`author: team`), a name
 * (`author: Jane Doe`), or `{ name, picture }`. A word written like an id that names no author is
 * an error rather than a name, so that a typo (`author: tem`) is caught.
 */
const authorEntry = z.preprocess(
  (value, ctx) => {
    if (typeof value !== 'string') return value;
    const id = value.trim();
    const profile = Object.hasOwn(site.authors, id) ? site.authors[id] : undefined;
    if (profile) return { id, name: profile.name, ...(profile.picture ? { picture: profile.picture } : {}) };
    const known = Object.keys(site.authors);
    if (known.length > 0 && AUTHOR_ID.test(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `it is not an author id of lib/site.ts (${known.join(', ')}); write a name as "${id}" with a capital letter or as { name: ${id} }`,
      });
    }
    return { name: value };
  },
  z.object({ id: z.string().optional(), name: nonEmpty, picture: optional(asset) }),
);

/** What `slugify` can produce: letters (any script, lower case), marks, digits, single inner hyphens. */
const SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u;

/** An old path to redirect from: site-relative, no query, no fragment, nothing that climbs out. */
const ALIAS = /^\/(?!\/)[^?#\s]*$/;

/**
 * Every field, its type, its default and what it is (`.describe`, one line). Other fields in a
 * file are allowed and dropped; docs/writing.md lists these (a unit test keeps the two equal).
 */
export const frontMatterSchema = z.object({
  title: oneLine.pipe(z.string().min(1).max(LIMITS.titleCharacters)).describe('The page title and its <h1>'),
  date: dateField.describe('The publication date; posts are listed newest first'),
  updated: optional(dateField).describe(
    'When the post was last changed, in the forms of date; shown as "Updated …", in feeds and the sitemap',
  ),
  excerpt: optional(z.string().trim()).describe(
    'A short summary for lists, the meta description and link previews; default: the first paragraph, cut',
  ),
  // `coverImage: cover.jpg` is shorthand for `coverImage: { url: cover.jpg }`; a remote picture's
  // size (the page reserves its space) is given as `{ url, width, height }`, a local one's is read from the file.
  coverImage: optional(
    z.preprocess(
      (value) => (typeof value === 'string' ? { url: value } : value),
      z
        .object({ url: asset, width: optional(pixels), height: optional(pixels) })
        .refine((cover) => (cover.width === undefined) === (cover.height === undefined), {
          path: ['width'],
          message: 'width and height go together',
        }),
    ),
  ).describe(
    'The picture above the post and on its preview: a file beside the post, in public/, or a URL with its width and height',
  ),
  // One author (an id, a name, `{ name, picture }`) is shorthand for a list of one.
  author: defaulted(
    z
      .preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(authorEntry).min(1).max(MAX_AUTHORS))
      .default(() => [{ ...site.defaultAuthor }]),
  ).describe("Who wrote the post: ids of lib/site.ts authors, names, or a list; default: the site's defaultAuthor"),
  // `ogImage: /x.jpg` is shorthand for `ogImage: { url: /x.jpg }`.
  ogImage: optional(
    z.preprocess((value) => (typeof value === 'string' ? { url: value } : value), z.object({ url: asset })),
  ).describe('The picture link previews show; default: the cover, else a generated card'),
  draft: defaulted(z.boolean().default(false)).describe(
    'true keeps the post out of builds and servers; next dev shows it',
  ),
  slug: optional(
    z
      .string()
      .trim()
      .regex(SLUG)
      .refine((slug) => utf8Bytes(slug) <= LIMITS.urlSegmentBytes),
  ).describe('The URL segment instead of the file name'),
  // `tags: Next.js` is shorthand for a list of one; each tag must give a URL segment.
  tags: defaulted(
    z
      .preprocess(
        (value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : value),
        z
          .array(z.preprocess((value) => (typeof value === 'number' ? String(value) : value), oneLine.refine(tagFits)))
          .max(LIMITS.tags),
      )
      .default(() => []),
  ).describe('Subjects, each with its own page and feed; related posts share them'),
  series: optional(nonEmpty.refine(tagFits)).describe(
    'The series the post is part of: "Part 2 of 4" and the list of parts, and a page at /series/<slug>/',
  ),
  seriesOrder: optional(z.number().int().min(1).max(100_000)).describe(
    "The post's place in its series; default: by date, after the numbered parts",
  ),
  // `aliases: /old/` is shorthand for a list of one.
  aliases: defaulted(
    z
      .preprocess(
        (value) => (typeof value === 'string' ? [value] : value),
        z
          .array(
            z
              .string()
              .trim()
              .regex(ALIAS)
              .superRefine((alias, ctx) => {
                const problem = aliasProblem(alias);
                if (problem) ctx.addIssue({ code: 'custom', message: `it ${problem}` });
              }),
          )
          .max(LIMITS.aliases),
      )
      .default(() => []),
  ).describe('Old addresses that redirect to the post'),
});

/** Front matter once validated: every field typed, defaults filled in. */
export type FrontMatterFields = z.output<typeof frontMatterSchema>;

/** One problem with one field of one post's front matter. */
export type FieldProblem = {
  /** Dotted path of the field, e.g. `author.picture`. */
  field: string;
  /** Top-level field name, for finding its line. */
  topField: string;
  expected: string;
  found: string;
  /** Why the value does not do, when the schema says more than what it expects. */
  reason?: string;
};

/** Describes a value as an author would recognise it in an error message. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `the date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  return 'an object';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

export type ValidationResult = { ok: true; fields: FrontMatterFields } | { ok: false; problems: FieldProblem[] };

/** Validates raw front matter; on failure lists every field that is wrong. */
export function validateFrontMatter(data: Record<string, unknown>): ValidationResult {
  const result = frontMatterSchema.safeParse(data);
  if (result.success) return { ok: true, fields: result.data };
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    // One author is checked as a list of one: report it as written, without the list's index.
    const path =
      issue.path[0] === 'author' && !Array.isArray(data.author) && issue.path[1] === 0
        ? ['author', ...issue.path.slice(2)]
        : issue.path;
    const field = path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const topField = String(path[0] ?? field);
    // A shorthand string (`author: Jane`) is checked as `{ name: ... }`: report the value as written.
    const parent = path.length >= 2 ? valueAt(data, path.slice(0, -1)) : undefined;
    const raw = typeof parent === 'string' ? parent : valueAt(data, path);
    const expected = EXPECTED[field] ?? EXPECTED[topField] ?? issue.message;
    const reason = issue.code === 'custom' && issue.message.startsWith('it ') ? issue.message : undefined;
    problems.push({ field, topField, expected, found: describeValue(raw), ...(reason ? { reason } : {}) });
  }
  return { ok: false, problems };
}
