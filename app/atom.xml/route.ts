import { buildFeed, feedPaths } from '@/lib/feeds';
import { site } from '@/lib/site';

export const dynamic = 'force-static';
export const revalidate = 60;

export async function GET(): Promise<Response> {
  const feed = await buildFeed({
    title: site.title,
    description: site.description,
    pagePath: '/',
    feedPath: feedPaths.atom,
  });
  return new Response(feed.atom1(), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
