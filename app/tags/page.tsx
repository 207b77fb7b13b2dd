import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { allPosts } from '@/app/content';
import { allTags } from '@/lib/tags';
import { tagPath, tagsPath } from '@/lib/urls';

export const revalidate = 60;

export const metadata: Metadata = {
  title: 'Tags',
  description: 'Every tag on the blog, with its number of posts.',
  alternates: { canonical: tagsPath() },
};

export default async function TagsPage() {
  const tags = allTags(await allPosts());
  return (
    <Container>
      <h1 className="mb-12 text-4xl font-bold tracking-tight md:text-5xl">Tags</h1>
      {tags.length === 0 ? (
        <p className="text-lg">No tags yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-3">
          {tags.map((tag) => (
            <li key={tag.slug}>
              <a href={tagPath(tag.slug)} className="tag-chip tag-chip-large">
                {tag.name} <span className="text-neutral-600 dark:text-neutral-400">({tag.count})</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Container>
  );
}
