import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { allPosts } from '@/app/content';
import { allSeries } from '@/lib/series';
import { seriesIndexPath, seriesPath } from '@/lib/urls';

export const revalidate = 60;

export const metadata: Metadata = {
  title: 'Series',
  description: 'Every series of posts on the blog, with its number of parts.',
  alternates: { canonical: seriesIndexPath() },
};

export default async function SeriesIndexPage() {
  const series = allSeries(await allPosts());
  return (
    <Container>
      <h1 className="mb-12 text-4xl font-bold tracking-tight md:text-5xl">Series</h1>
      {series.length === 0 ? (
        <p className="text-lg">No series yet.</p>
      ) : (
        <ul className="space-y-4 text-lg">
          {series.map((entry) => (
            <li key={entry.slug}>
              <a
                href={seriesPath(entry.slug)}
                className="font-semibold text-accent hover:underline dark:text-accent-bright"
              >
                {entry.name}
              </a>{' '}
              <span className="text-neutral-700 dark:text-neutral-300">
                ({entry.posts.length} part{entry.posts.length === 1 ? '' : 's'})
              </span>
            </li>
          ))}
        </ul>
      )}
    </Container>
  );
}
