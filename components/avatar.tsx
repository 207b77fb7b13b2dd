import type { Author } from '@/lib/api';
import type { Picture as PictureData } from '@/lib/images/manifest';
import { PICTURE_SIZES } from '@/lib/images/markup';
import { authorPath } from '@/lib/urls';
import { Picture } from './picture';

/**
 * The author's picture (when there is one, as the image manifest has it) and name, linked to their
 * page when `linked` and they have one.
 */
export function Avatar({
  author,
  picture,
  linked = false,
}: {
  author: Author;
  picture?: PictureData | undefined;
  linked?: boolean;
}) {
  return (
    <div className="flex items-center gap-3">
      {picture ? (
        <Picture
          picture={picture}
          alt={author.name}
          sizes={PICTURE_SIZES.avatar}
          className="size-12 shrink-0 rounded-full object-cover"
        />
      ) : null}
      {linked && author.id ? (
        <a href={authorPath(author.id)} className="font-semibold hover:underline">
          {author.name}
        </a>
      ) : (
        <span className="font-semibold">{author.name}</span>
      )}
    </div>
  );
}
