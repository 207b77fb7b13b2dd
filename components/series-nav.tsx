import type { PostSummary } from '@/lib/api';
import type { Series } from '@/lib/series';
import { postPath, seriesPath } from '@/lib/urls';

type SeriesNavProps = { series: Series; part: number; current: string };

/** On a post in a series: "Part 2 of 4 of <series>", and every part, this one marked. */
export function SeriesNav({ series, part, current }: SeriesNavProps) {
  return (
    <nav
      aria-label={`Series: ${series.name}`}
      className="mx-auto mb-10 max-w-prose rounded-lg border border-neutral-200 p-5 dark:border-neutral-800"
    >
      <p className="font-semibold">
        Part {part} of {series.posts.length} of the series{' '}
        <a href={seriesPath(series.slug)} className="text-accent underline dark:text-accent-bright">
          {series.name}
        </a>
      </p>
      <SeriesParts posts={series.posts} current={current} />
    </nav>
  );
}

/** The parts of a series in reading order; the one being read, if any, is marked and not linked. */
export function SeriesParts({ posts, current }: { posts: PostSummary[]; current?: string }) {
  return (
    <ol className="mt-3 list-decimal space-y-1 ps-6">
      {posts.map((post) =>
        post.slug === current ? (
          <li key={post.slug} aria-current="page" className="font-semibold">
            {post.title}
          </li>
        ) : (
          <li key={post.slug}>
            <a href={postPath(post.slug)} className="text-accent hover:underline dark:text-accent-bright">
              {post.title}
            </a>
          </li>
        ),
      )}
    </ol>
  );
}
