import { buildFeed, feedPaths } from '@/lib/feeds';
import { site } from '@/lib/site';

export const dynamic = 'force-static';
export const revalidate = 60;

export async function GET(): Promise<Response> {
  const feed = await buildFeed({
    title: site.title,
    description: site.description,
    pagePath: '/',
    feedPath: feedPaths.rss,
  });
  return new Response(feed.rss2(), { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
