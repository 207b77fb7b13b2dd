import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/container';
import { SeriesParts } from '@/components/series-nav';
import { allPosts } from '@/app/content';
import { getAllPosts } from '@/lib/api';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { allSeries, findSeries } from '@/lib/series';
import { seriesIndexPath, seriesPath } from '@/lib/urls';

export const revalidate = 60;

type Params = { series: string };
type Props = { params: Promise<Params> };

export async function generateStaticParams(): Promise<Params[]> {
  const series = allSeries(await getAllPosts());
  // A static export needs one path even when no post is in a series (the placeholder is a 404).
  if (series.length === 0) return [{ series: PLACEHOLDERS.series }];
  return series.map((entry) => ({ series: entry.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const series = findSeries(await allPosts(), (await params).series);
  if (!series) return {};
  return {
    title: `Series: ${series.name}`,
    description: `The ${series.posts.length} parts of “${series.name}”, in reading order.`,
    alternates: { canonical: seriesPath(series.slug) },
  };
}

export default async function SeriesPage({ params }: Props) {
  const series = findSeries(await allPosts(), (await params).series);
  if (!series) notFound();
  return (
    <Container>
      <h1 className="mb-4 text-4xl font-bold tracking-tight md:text-5xl">{series.name}</h1>
      <p className="mb-8 text-lg text-neutral-700 dark:text-neutral-300">
        A series in {series.posts.length} part{series.posts.length === 1 ? '' : 's'}, in reading order.
      </p>
      <div className="max-w-prose text-lg">
        <SeriesParts posts={series.posts} />
        <p className="mt-8">
          <a href={seriesIndexPath()} className="text-accent underline dark:text-accent-bright">
            Every series
          </a>
        </p>
      </div>
    </Container>
  );
}
