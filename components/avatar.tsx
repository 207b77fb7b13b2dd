import type { Author } from '@/lib/api';
import { assetUrl, authorPath } from '@/lib/urls';

/** The author's picture (when there is one) and name, linked to their page when `linked` and they have one. */
export function Avatar({ author, linked = false }: { author: Author; linked?: boolean }) {
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
