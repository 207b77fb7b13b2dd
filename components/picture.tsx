import { pictureMarkup, type PictureOptions } from '@/lib/images/markup';
import type { Picture as PictureData } from '@/lib/images/manifest';

/**
 * A picture as lib/images/markup.ts marks it up: `<picture>` with AVIF and WebP sources sized for
 * where it is shown, and an `<img>` with its real size; a plain `<img>` for a remote picture.
 */
export function Picture({ picture, ...options }: PictureOptions & { picture: PictureData }) {
  const { sources, img } = pictureMarkup(picture, options);
  // A plain <img>: the files were made at build time (lib/images/pipeline.ts); next/image cannot in an export.
  // eslint-disable-next-line @next/next/no-img-element
  const image = <img {...img} />;
  if (sources.length === 0) return image;
  return (
    <picture>
      {sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={source.sizes} />
      ))}
      {image}
    </picture>
  );
}
