import type { PostSummary } from '@/lib/api';
import type { Page } from '@/lib/pagination';
import type { TagSummary } from '@/lib/tags';
import { tagPath } from '@/lib/urls';
import { Container } from './container';
import { Pagination } from './pagination';
import { PostGrid } from './post-grid';

/** A page of a tag's posts. */
export function TagPageView({ tag, list }: { tag: TagSummary; list: Page<PostSummary> }) {
  return (
    <Container>
      <h1 className="mb-12 text-4xl font-bold tracking-tight md:text-5xl">
        Posts tagged “{tag.name}”
        {list.totalPages > 1 ? (
          <span className="block text-2xl font-semibold text-neutral-700 dark:text-neutral-300">
            page {list.page} of {list.totalPages}
          </span>
        ) : null}
      </h1>
      <PostGrid posts={list.items} />
      <Pagination page={list.page} totalPages={list.totalPages} pathOf={(page) => tagPath(tag.slug, page)} />
    </Container>
  );
}
