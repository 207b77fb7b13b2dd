import { formatPostDate, type PostDate as PostDateValue } from '@/lib/dates';
import { site } from '@/lib/site';

/** A post's date as readers see it ("March 16, 2020"), machine-readable in `dateTime`. */
export function PostDate({ date }: { date: PostDateValue }) {
  return <time dateTime={date.iso}>{formatPostDate(date, site.locale, site.timeZone)}</time>;
}
