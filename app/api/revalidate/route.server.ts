import { revalidatePath } from 'next/cache';
import { handleRevalidate } from '@/lib/revalidate-endpoint';
import { liveSearchIndex } from '@/lib/search-index-server';

/** Publishing at once: see lib/revalidate-endpoint.ts. */
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return handleRevalidate(request, {
    secret: process.env.REVALIDATE_SECRET,
    revalidate: revalidatePath,
    afterRevalidate: () => void liveSearchIndex().refresh({ now: true }),
  });
}
