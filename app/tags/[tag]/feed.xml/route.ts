import { buildFeed, feedResponse } from '@/lib/feeds';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { site } from '@/lib/site';
import { tagPageCounts, tagPage } from '@/lib/tag-pages';
import { tagFeedPath, tagPath } from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 60;

type Params = { tag: string };

export async function generateStaticParams(): Promise<Params[]> {
  const tags = await tagPageCounts();
  if (tags.length === 0) return [{ tag: PLACEHOLDERS.tag }];
  return tags.map(({ tag }) => ({ tag: tag.slug }));
}

/** One RSS feed per tag, at `/tags/<tag>/feed.xml`. */
export async function GET(_request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  const found = await tagPage((await params).tag);
  if (!found) return new Response('Not found', { status: 404 });
  const { tag } = found;
  const feed = await buildFeed({
    title: `${site.title}: ${tag.name}`,
    description: `Posts tagged “${tag.name}” on ${site.title}.`,
    pagePath: tagPath(tag.slug),
    feedPath: tagFeedPath(tag.slug),
    tag: tag.slug,
  });
  return feedResponse(feed, 'rss');
}
