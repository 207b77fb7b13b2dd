/**
 * A post's rendered body with prose styles. The HTML was sanitized when the markdown was rendered.
 * Scripts of lib/post-scripts.ts add copy buttons inside it before React hydrates the page: React
 * is told not to compare its HTML (it never re-renders it).
 */
export function PostBody({ html }: { html: string }) {
  return (
    <div className="mx-auto max-w-prose">
      <div
        className="prose prose-neutral dark:prose-invert prose-lg max-w-none prose-a:text-accent dark:prose-a:text-accent-bright prose-img:rounded-lg prose-code:before:content-none prose-code:after:content-none"
        dangerouslySetInnerHTML={{ __html: html }}
        suppressHydrationWarning
      />
    </div>
  );
}
