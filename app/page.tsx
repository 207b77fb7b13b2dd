import { Container } from '@/components/container';
import { HeroPost } from '@/components/hero-post';
import { MoreStories } from '@/components/more-stories';
import { Pagination } from '@/components/pagination';
import { allPosts } from '@/app/content';
import { paginate } from '@/lib/pagination';
import { site } from '@/lib/site';

/** Under `next start`, the list is rebuilt at most once a minute, so new posts join it. */
export const revalidate = 60;

export default async function HomePage() {
  // The home page is page 1 of the post list, so its size does not grow with the blog.
  const { items, totalPages } = paginate(await allPosts(), 1, site.postsPerPage);
  const [hero, ...more] = items;
  return (
    <Container>
      <section className="mb-12 md:mb-16">
        <h1 className="text-5xl font-bold tracking-tighter md:text-7xl">{site.title}</h1>
        <p className="mt-4 text-lg text-neutral-700 dark:text-neutral-300">{site.description}</p>
      </section>
      {hero ? (
        <HeroPost {...hero} />
      ) : (
        <p className="text-lg">
          No posts yet. Add a markdown file to <code>_posts/</code> to publish one.
        </p>
      )}
      {more.length > 0 ? <MoreStories posts={more} eagerFirstCover={!hero?.pictures.cover} /> : null}
      <Pagination page={1} totalPages={totalPages} />
    </Container>
  );
}
