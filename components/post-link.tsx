import type { ReactNode } from 'react';
import { postPath } from '@/lib/urls';

/**
 * The link to a post from a list. Its hit area covers the whole card (the nearest `relative`
 * ancestor), so the cover is clickable too, while keyboard users meet one link per post.
 */
export function PostLink({ slug, children }: { slug: string; children: ReactNode }) {
  return (
    <a href={postPath(slug)} className="after:absolute after:inset-0 hover:underline">
      {children}
    </a>
  );
}
