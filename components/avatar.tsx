import type { Author } from '@/lib/api';
import { assetUrl } from '@/lib/urls';

/** The author's picture (when there is one) and name. */
export function Avatar({ author }: { author: Author }) {
  return (
    <div className="flex items-center gap-3">
      {author.picture ? (
        // A plain <img>: pictures may be remote, and the export has no image optimizer.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={assetUrl(author.picture)}
          alt={author.name}
          width={48}
          height={48}
          loading="lazy"
          decoding="async"
          className="size-12 rounded-full object-cover"
        />
      ) : null}
      <span className="font-semibold">{author.name}</span>
    </div>
  );
}
