import { assetUrl } from '@/lib/urls';

/**
 * A post's cover at a fixed 2:1 shape, so the page does not jump while it loads. A plain <img>:
 * covers may be remote URLs, which a static export must not try to optimize or download.
 */
export function CoverImage({ src, title, priority = false }: { src: string; title: string; priority?: boolean }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={assetUrl(src)}
      alt={`Cover image for ${title}`}
      width={1300}
      height={650}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
      className="cover-image"
    />
  );
}
