import { buildFeed, feedPaths } from '@/lib/feeds';
import { site } from '@/lib/site';

export const dynamic = 'force-static';
export const revalidate = 60;

export async function GET(): Promise<Response> {
  const feed = await buildFeed({
    title: site.title,
    description: site.description,
    pagePath: '/',
    feedPath: feedPaths.json,
  });
  return new Response(feed.json1(), { headers: { 'content-type': 'application/feed+json; charset=utf-8' } });
}
