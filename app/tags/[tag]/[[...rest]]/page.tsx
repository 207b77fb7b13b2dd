import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TagPageView } from '@/components/tag-page-view';
import { tagPageOf } from '@/app/content';
import { tagPageCounts } from '@/lib/tag-pages';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { tagPath } from '@/lib/urls';

export const revalidate = 60;

/** `/tags/<tag>/` is page 1 (`rest` empty); `/tags/<tag>/page/<n>/` the later ones. */
type Params = { tag: string; rest?: string[] };
type Props = { params: Promise<Params> };

export async function generateStaticParams(): Promise<Params[]> {
  const tags = await tagPageCounts();
  if (tags.length === 0) return [{ tag: PLACEHOLDERS.tag, rest: [] }];
  return tags.flatMap(({ tag, pages }) =>
    Array.from({ length: pages }, (_, index) => ({
      tag: tag.slug,
      rest: index === 0 ? [] : ['page', String(index + 1)],
    })),
  );
}

/** The page the URL names: `[]` is page 1, `['page', n]` page n ≥ 2; anything else is no page. */
async function found(params: Promise<Params>) {
  const { tag, rest = [] } = await params;
  if (rest.length === 0) return tagPageOf(tag);
  const [word, number] = rest;
  if (rest.length !== 2 || word !== 'page' || number === undefined || number === '1') return undefined;
  return tagPageOf(tag, number);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await found(params);
  if (!page) return {};
  const { tag, list } = page;
  const count = `${tag.count} post${tag.count === 1 ? '' : 's'}`;
  return {
    title:
      list.page === 1
        ? `Posts tagged “${tag.name}”`
        : `Posts tagged “${tag.name}”, page ${list.page} of ${list.totalPages}`,
    description: `${count} tagged “${tag.name}”.`,
    alternates: { canonical: tagPath(tag.slug, list.page) },
  };
}

export default async function TagPage({ params }: Props) {
  const page = await found(params);
  if (!page) notFound();
  return <TagPageView tag={page.tag} list={page.list} />;
}
