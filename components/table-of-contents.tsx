import type { Heading } from '@/lib/markdown';
import { site } from '@/lib/site';

/**
 * Links to a post's sections (h2, with their h3 inside), server-rendered: no script needed. Posts
 * with fewer headings than `site.tocMinHeadings` are short enough to read without one.
 */
export function TableOfContents({ headings }: { headings: Heading[] }) {
  if (headings.length < site.tocMinHeadings) return null;
  const sections: { heading: Heading; children: Heading[] }[] = [];
  for (const heading of headings) {
    const last = sections.at(-1);
    if (heading.depth === 3 && last) last.children.push(heading);
    else sections.push({ heading, children: [] });
  }
  const link = (heading: Heading) => (
    <a
      href={`#${heading.id}`}
      className="text-neutral-800 hover:text-accent dark:hover:text-accent-bright hover:underline dark:text-neutral-200"
    >
      {heading.text}
    </a>
  );
  return (
    <nav
      data-pagefind-ignore
      aria-labelledby="toc-title"
      className="mx-auto mb-10 max-w-prose rounded-lg border border-neutral-200 p-5 dark:border-neutral-800"
    >
      <h2
        id="toc-title"
        className="mb-3 text-sm font-semibold tracking-wide text-neutral-700 uppercase dark:text-neutral-300"
      >
        On this page
      </h2>
      <ol className="space-y-2">
        {sections.map(({ heading, children }) => (
          <li key={heading.id}>
            {link(heading)}
            {children.length > 0 ? (
              <ol className="mt-2 space-y-2 pl-5">
                {children.map((child) => (
                  <li key={child.id}>{link(child)}</li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
