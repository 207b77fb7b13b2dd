/** A post's rendered body with prose styles. The HTML was sanitized when the markdown was rendered. */
export function PostBody({ html }: { html: string }) {
  return (
    <div
      className="prose prose-neutral prose-lg mx-auto max-w-prose prose-a:text-accent prose-img:rounded-lg"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
