import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/container';
import { Pagination } from '@/components/pagination';
import { PostGrid } from '@/components/post-grid';
import { allPosts } from '@/app/content';
import { pageCount, paginate, parsePageNumber } from '@/lib/pagination';
import { site } from '@/lib/site';
import { archivePath } from '@/lib/urls';

/** Under `next start`, archive pages are rebuilt at most once a minute, like the home page. */
export const revalidate = 60;

type Params = { page: string };
type Props = { params: Promise<Params> };

/**
 * Every page of the post list. Page 1 is also generated (it is the home page's list, with the home
 * page as its canonical URL) so that a blog with a single page still has a path here, as a static
 * export requires.
 */
export async function generateStaticParams(): Promise<Params[]> {
  const total = pageCount((await allPosts()).length, site.postsPerPage);
  return Array.from({ length: total }, (_, index) => ({ page: String(index + 1) }));
}

async function archivePage(segment: string) {
  const posts = await allPosts();
  const page = parsePageNumber(segment, pageCount(posts.length, site.postsPerPage));
  return page === undefined ? undefined : paginate(posts, page, site.postsPerPage);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const list = await archivePage((await params).page);
  if (!list) return {};
  return {
    title: `Posts, page ${list.page} of ${list.totalPages}`,
    alternates: { canonical: archivePath(list.page) },
  };
}

export default async function ArchivePage({ params }: Props) {
  const list = await archivePage((await params).page);
  if (!list) notFound();
  return (
    <Container>
      <h1 className="mb-12 text-4xl font-bold tracking-tight md:text-5xl">
        Posts, page {list.page} of {list.totalPages}
      </h1>
      <PostGrid posts={list.items} />
      <Pagination page={list.page} totalPages={list.totalPages} />
    </Container>
  );
}
