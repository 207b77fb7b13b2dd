import type { Picture as PictureData } from '@/lib/images/manifest';
import { PICTURE_SIZES } from '@/lib/images/markup';
import { Picture } from './picture';

/**
 * A post's cover, cropped to a 2:1 box by CSS (`.cover-image`) so that the page does not move while
 * it loads, whatever the picture's own shape (its real size is in the markup all the same).
 */
export function CoverImage({
  picture,
  title,
  priority = false,
  place = 'wide',
}: {
  picture: PictureData;
  title: string;
  priority?: boolean;
  /** Where it is shown: across the page column, or in a two-column list. */
  place?: 'wide' | 'preview';
}) {
  return (
    <Picture
      picture={picture}
      alt={`Cover image for ${title}`}
      sizes={PICTURE_SIZES[place]}
      priority={priority}
      className="cover-image"
    />
  );
}
