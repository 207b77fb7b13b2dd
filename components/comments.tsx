import { commentsScript } from '@/lib/comments';
import type { GiscusConfig } from '@/lib/site';

/**
 * The comments under a post, when the site has them (`site.comments`): a heading, the place
 * giscus fills once the reader scrolls there, and its loader. Nothing at all otherwise.
 */
export function Comments({ config, lang }: { config: GiscusConfig | undefined; lang: string }) {
  if (!config) return null;
  return (
    <section id="comments" aria-labelledby="comments-title" className="mx-auto mb-16 max-w-prose">
      <h2 id="comments-title" className="mb-6 text-2xl font-bold tracking-tight">
        Comments
      </h2>
      <div className="giscus" />
      <noscript>
        <p>Comments are a GitHub Discussions thread, shown with JavaScript.</p>
      </noscript>
      <script dangerouslySetInnerHTML={{ __html: commentsScript(config, lang) }} />
    </section>
  );
}
