import type { Author } from '@/lib/api';
import type { Picture as PictureData } from '@/lib/images/manifest';
import { PICTURE_SIZES } from '@/lib/images/markup';
import { Picture } from './picture';

/** The author's picture (when there is one) and name. */
export function Avatar({ author, picture }: { author: Author; picture?: PictureData | undefined }) {
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
      <span className="font-semibold">{author.name}</span>
    </div>
  );
}
