import { getAllPosts } from '@/lib/api';
import { authorsWithPosts, findAuthor } from '@/lib/authors';
import { buildFeed, feedResponse } from '@/lib/feeds';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { site } from '@/lib/site';
import { authorFeedPath, authorPath } from '@/lib/urls';

export const dynamic = 'force-static';
export const revalidate = 60;

type Params = { author: string };

export async function generateStaticParams(): Promise<Params[]> {
  const authors = authorsWithPosts(await getAllPosts());
  if (authors.length === 0) return [{ author: PLACEHOLDERS.author }];
  return authors.map(({ id }) => ({ author: id }));
}

/** One RSS feed per author of lib/site.ts, at `/authors/<id>/feed.xml`. */
export async function GET(_request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  const author = findAuthor(await getAllPosts(), (await params).author);
  if (!author) return new Response('Not found', { status: 404 });
  const feed = await buildFeed({
    title: `${site.title}: ${author.profile.name}`,
    description: `Posts by ${author.profile.name} on ${site.title}.`,
    pagePath: authorPath(author.id),
    feedPath: authorFeedPath(author.id),
    author: author.id,
  });
  return feedResponse(feed, 'rss');
}
