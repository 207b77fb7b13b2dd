import { describe, expect, it } from 'vitest';
import { formatPostDate, parsePostDate, type PostDate } from '@/lib/dates';

const show = (date: PostDate | undefined, timeZone = 'UTC') =>
  date ? { text: formatPostDate(date, 'en-US', timeZone), iso: date.iso } : undefined;

describe(`post dates (machine time zone: ${process.env.TZ ?? 'unset'})`, () => {
  it.each([
    ['2022-01-15', 'January 15, 2022', '2022-01-15'],
    ['March 16, 2020', 'March 16, 2020', '2020-03-16'],
    ['Mar 16, 2020', 'March 16, 2020', '2020-03-16'],
    ['16 March 2020', 'March 16, 2020', '2020-03-16'],
    ['16 Mar 2020', 'March 16, 2020', '2020-03-16'],
    ['  march 16, 2020 ', 'March 16, 2020', '2020-03-16'],
    ['2020-12-31', 'December 31, 2020', '2020-12-31'],
    ['2020-01-01', 'January 1, 2020', '2020-01-01'],
  ])('reads the calendar day %j as that day', (input, text, iso) => {
    expect(show(parsePostDate(input, 'UTC'))).toEqual({ text, iso });
    // A calendar day ignores the site's zone as well as the machine's.
    expect(show(parsePostDate(input, 'Pacific/Kiritimati'), 'Pacific/Kiritimati')).toEqual({ text, iso });
    expect(show(parsePostDate(input, 'Pacific/Pago_Pago'), 'Pacific/Pago_Pago')).toEqual({ text, iso });
  });

  it('reads a YAML-style Date at midnight UTC as a calendar day', () => {
    expect(show(parsePostDate(new Date('2020-03-16T00:00:00Z'), 'America/Los_Angeles'), 'America/Los_Angeles')).toEqual(
      {
        text: 'March 16, 2020',
        iso: '2020-03-16',
      },
    );
  });

  it('reads a YAML-style Date with a time as an instant', () => {
    const date = parsePostDate(new Date('2020-03-16T23:30:00Z'), 'UTC');
    expect(date).toEqual({
      kind: 'instant',
      time: Date.parse('2020-03-16T23:30:00Z'),
      iso: '2020-03-16T23:30:00.000Z',
    });
  });

  it.each([
    ['2020-03-16T23:30:00Z', 'UTC', 'March 16, 2020'],
    ['2020-03-16T23:30:00Z', 'Asia/Tokyo', 'March 17, 2020'],
    ['2020-03-16T23:30:00+09:00', 'UTC', 'March 16, 2020'],
    ['2020-03-16T01:30:00+0100', 'UTC', 'March 16, 2020'],
    ['2020-03-16T01:30:00-08:00', 'UTC', 'March 16, 2020'],
    ['2020-03-16 09:30Z', 'UTC', 'March 16, 2020'],
    ['2020-03-16T09:30:00.250Z', 'UTC', 'March 16, 2020'],
  ])('shows the date-time %j in the site zone %s', (input, zone, text) => {
    const date = parsePostDate(input, zone);
    expect(date?.kind).toBe('instant');
    expect(show(date, zone)?.text).toBe(text);
  });

  it('reads a date-time without offset in the site time zone', () => {
    expect(parsePostDate('2020-03-16T09:30:00', 'Asia/Tokyo')?.iso).toBe('2020-03-16T00:30:00.000Z');
    expect(parsePostDate('2020-03-16T09:30', 'UTC')?.iso).toBe('2020-03-16T09:30:00.000Z');
  });

  it('orders posts by instant: a later time on the same day sorts after the day itself', () => {
    const day = parsePostDate('2020-03-16', 'UTC');
    const morning = parsePostDate('2020-03-16T08:00:00Z', 'UTC');
    expect(day && morning && morning.time > day.time).toBe(true);
  });

  it.each([
    'not a date',
    '',
    '16/03/2020',
    '2020-02-30',
    '2021-02-29',
    'February 30, 2020',
    'March 32, 2020',
    '2020-13-01',
    '2020-03-16T25:00:00Z',
    '2020-03-16T10:61:00Z',
    '0099-01-01',
    'yesterday',
    '2020',
    2020,
    true,
    null,
    undefined,
    ['2020-03-16'],
    { year: 2020 },
    new Date('nope'),
  ])('refuses %j', (input) => {
    expect(parsePostDate(input, 'UTC')).toBeUndefined();
  });

  it('accepts the leap day of a leap year', () => {
    expect(parsePostDate('2020-02-29', 'UTC')?.iso).toBe('2020-02-29');
    expect(parsePostDate('February 29, 2024', 'UTC')?.iso).toBe('2024-02-29');
  });
});

describe('the zone runs', () => {
  it('really run in the zone they name', () => {
    const offsets: Record<string, number> = { 'America/Los_Angeles': 480, 'Asia/Tokyo': -540 };
    const zone = process.env.TZ;
    if (zone && zone in offsets) expect(new Date('2020-01-15T12:00:00Z').getTimezoneOffset()).toBe(offsets[zone]);
  });
});
