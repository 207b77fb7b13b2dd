import { searchIndexResponse } from '@/lib/search-index-server';

/** The search index of a running server, which follows the posts (lib/live-search-index.ts). */
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ file: string[] }> }): Promise<Response> {
  const { file } = await params;
  return searchIndexResponse(file.join('/'));
}
