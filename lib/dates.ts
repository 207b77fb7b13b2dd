/**
 * Post dates: the one place that turns a front-matter `date` into a value pages can show and sort.
 *
 * A date without a time is a calendar day: it is shown as that day wherever the build runs.
 * A date-time is an instant: it is shown in the site's time zone.
 */
import { TZDate } from '@date-fns/tz';
// One module per function: the `date-fns` index would load all of them (and every locale).
import { isValid } from 'date-fns/isValid';
import { enUS } from 'date-fns/locale/en-US';
import { parse } from 'date-fns/parse';
import { parseISO } from 'date-fns/parseISO';

export type PostDate = {
  /** `day` for a calendar date, `instant` for a date-time. */
  kind: 'day' | 'instant';
  /** Milliseconds since the epoch; for a day, midnight UTC of that day. Sort by this. */
  time: number;
  /** Machine-readable value for `<time dateTime>`: `2020-03-16` for a day, full ISO 8601 for an instant. */
  iso: string;
};

/** Human date forms accepted besides ISO 8601, as date-fns `parse` patterns (English month names). */
const HUMAN_DATE_FORMATS = ['MMMM d, yyyy', 'MMM d, yyyy', 'd MMMM yyyy', 'd MMM yyyy'] as const;

/** What an author is told when a date cannot be read. */
export const EXPECTED_DATE =
  'a date such as 2020-03-16, 2020-03-16T09:30:00Z, 2020-03-16T09:30:00+01:00 or "March 16, 2020"';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function day(year: number, month: number, date: number): PostDate | undefined {
  const time = Date.UTC(year, month - 1, date);
  const check = new Date(time);
  // Date.UTC maps years 0-99 to 1900-1999 and rolls 2020-02-30 over to March: refuse both.
  if (
    year < 100 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== date
  ) {
    return undefined;
  }
  return { kind: 'day', time, iso: check.toISOString().slice(0, 10) };
}

function instant(time: number): PostDate | undefined {
  return Number.isFinite(time) ? { kind: 'instant', time, iso: new Date(time).toISOString() } : undefined;
}

/**
 * Reads a front-matter date. Accepts a `Date` (what YAML parsers make of unquoted dates; midnight UTC
 * counts as a calendar day), ISO 8601 days and date-times (with `Z`, an offset, or neither, in which
 * case the time is read in `timeZone`), and the forms in {@link HUMAN_DATE_FORMATS}.
 * Returns `undefined` for anything else.
 */
export function parsePostDate(value: unknown, timeZone: string): PostDate | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    if (!Number.isFinite(time)) return undefined;
    const midnight = time % 86_400_000 === 0;
    return midnight ? day(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) : instant(time);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();

  const isoDay = ISO_DAY.exec(text);
  if (isoDay) return day(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3]));

  const isoDateTime = ISO_DATE_TIME.exec(text);
  if (isoDateTime) {
    const [, y, mo, d, h, mi, s = '0', fraction = '0', zone] = isoDateTime;
    const calendar = day(Number(y), Number(mo), Number(d));
    if (!calendar || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
    if (zone) return instant(parseISO(text.replace(' ', 'T')).getTime());
    const ms = Math.floor(Number(`0.${fraction}`) * 1000);
    return instant(
      new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, timeZone).getTime(),
    );
  }

  for (const pattern of HUMAN_DATE_FORMATS) {
    // `parse` works in the machine's zone; only the calendar fields are kept, so the zone never shows.
    const parsed = parse(text, pattern, new Date(2000, 0, 1), { locale: enUS });
    if (isValid(parsed)) return day(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
  }
  return undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let result = formatters.get(key);
  if (!result) {
    result = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone });
    formatters.set(key, result);
  }
  return result;
}

/** "March 16, 2020" (in the site's locale): a day as itself, an instant as its day in `timeZone`. */
export function formatPostDate(date: PostDate, locale: string, timeZone: string): string {
  return formatter(locale, date.kind === 'day' ? 'UTC' : timeZone).format(date.time);
}

/** The calendar day of `instant` in `timeZone`, as an ISO date (`2026-11-25`). */
export function isoDayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
