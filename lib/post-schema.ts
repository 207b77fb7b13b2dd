/**
 * The whole contract of a post's front matter, in one zod schema. Adding a field means changing
 * this file (and the components that show it), nothing else.
 */
import { z } from 'zod';
import { EXPECTED_DATE, parsePostDate, type PostDate } from './dates';
import { LIMITS, utf8Bytes } from './limits';
import { site } from './site';
import { slugify } from './slug';
import { aliasProblem } from './urls';

/** A picture or file: a path under `public/` (starting with `/`) or an absolute http(s) URL. */
function isAssetReference(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  return /^https?:\/\/[^/\s]+/i.test(value);
}

const EXPECTED_ASSET = 'a path under public/ starting with "/" (such as /assets/blog/cover.jpg) or an http(s) URL';

/** What each field must be, in words an author reads in an error. */
const EXPECTED: Record<string, string> = {
  title: `a non-empty string of at most ${LIMITS.titleCharacters} characters`,
  date: EXPECTED_DATE,
  excerpt: 'a string',
  coverImage: EXPECTED_ASSET,
  author: 'a name, or { name, picture } with picture optional',
  'author.name': 'a non-empty string',
  'author.picture': EXPECTED_ASSET,
  ogImage: `{ url } with url ${EXPECTED_ASSET}`,
  'ogImage.url': EXPECTED_ASSET,
  draft: 'true or false',
  slug: `a URL segment of at most ${LIMITS.urlSegmentBytes} bytes: lower-case letters, digits and single hyphens, such as my-first-post`,
  aliases: `a list of at most ${LIMITS.aliases} old paths starting with "/", such as ["/2020/03/old-name/"]`,
  tags: `a list of at most ${LIMITS.tags} names with letters or digits, such as [Next.js, Café]`,
};

/** YAML `field:` with no value is null: treat it as absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

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
const asset = z.string().trim().refine(isAssetReference);

const dateField = z.unknown().transform((value, ctx): PostDate => {
  const date = parsePostDate(value, site.timeZone);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'invalid date' });
    return z.NEVER;
  }
  return date;
});

/** What `slugify` can produce: letters (any script, lower case), marks, digits, single inner hyphens. */
const SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u;

/** An old path to redirect from: site-relative, no query, no fragment, nothing that climbs out. */
const ALIAS = /^\/(?!\/)[^?#\s]*$/;

export const frontMatterSchema = z.looseObject({
  title: oneLine.pipe(z.string().min(1).max(LIMITS.titleCharacters)),
  date: dateField,
  excerpt: optional(z.string().trim()),
  coverImage: optional(asset),
  // `author: Jane Doe` is shorthand for `author: { name: Jane Doe }`.
  author: optional(
    z.preprocess(
      (value) => (typeof value === 'string' ? { name: value } : value),
      z.object({ name: nonEmpty, picture: optional(asset) }),
    ),
  ),
  // `ogImage: /x.jpg` is shorthand for `ogImage: { url: /x.jpg }`.
  ogImage: optional(
    z.preprocess((value) => (typeof value === 'string' ? { url: value } : value), z.object({ url: asset })),
  ),
  // Drafts show in `next dev` only.
  draft: optional(z.boolean()),
  // Overrides the file name as the post's URL segment.
  slug: optional(
    z
      .string()
      .trim()
      .regex(SLUG)
      .refine((slug) => utf8Bytes(slug) <= LIMITS.urlSegmentBytes),
  ),
  // `tags: Next.js` is shorthand for a list of one; each tag must give a URL segment.
  tags: optional(
    z.preprocess(
      (value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : value),
      z
        .array(z.preprocess((value) => (typeof value === 'number' ? String(value) : value), oneLine.refine(tagFits)))
        .max(LIMITS.tags),
    ),
  ),
  // `aliases: /old/` is shorthand for a list of one.
  aliases: optional(
    z.preprocess(
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
    ),
  ),
});

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
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    const topField = String(issue.path[0] ?? field);
    // A shorthand string (`author: Jane`) is checked as `{ name: ... }`: report the value as written.
    const raw =
      issue.path.length === 2 && typeof data[topField] === 'string' ? data[topField] : valueAt(data, issue.path);
    const expected = EXPECTED[field] ?? EXPECTED[topField] ?? issue.message;
    const reason = issue.code === 'custom' && issue.message.startsWith('it ') ? issue.message : undefined;
    problems.push({ field, topField, expected, found: describeValue(raw), ...(reason ? { reason } : {}) });
  }
  return { ok: false, problems };
}
