import type { Tag } from '@/lib/api';
import { tagPath } from '@/lib/urls';

/** A post's tags as links to their pages. Sits above a card's stretched link, so each stays clickable. */
export function TagList({ tags }: { tags: Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label="Tags" className="relative z-10 flex flex-wrap gap-2">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <a href={tagPath(tag.slug)} className="tag-chip">
            {tag.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
