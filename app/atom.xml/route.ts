import { siteFeedResponse } from '@/lib/feeds';

export const dynamic = 'force-static';
export const revalidate = 60;

export function GET(): Promise<Response> {
  return siteFeedResponse('atom');
}
