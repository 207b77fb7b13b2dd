import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/container';
import { PostGrid } from '@/components/post-grid';
import { allPosts } from '@/app/content';
import { getAllPosts } from '@/lib/api';
import { authorsWithPosts, findAuthor } from '@/lib/authors';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { assetUrl, authorFeedPath, authorPath } from '@/lib/urls';

export const revalidate = 60;

type Params = { author: string };
type Props = { params: Promise<Params> };

export async function generateStaticParams(): Promise<Params[]> {
  const authors = authorsWithPosts(await getAllPosts());
  // A static export needs one path even when no post names an author of lib/site.ts (a 404).
  if (authors.length === 0) return [{ author: PLACEHOLDERS.author }];
  return authors.map(({ id }) => ({ author: id }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = findAuthor(await allPosts(), (await params).author);
  if (!author) return {};
  const { profile, id } = author;
  return {
    title: profile.name,
    description: profile.bio ?? `Posts by ${profile.name}.`,
    alternates: {
      canonical: authorPath(id),
      types: { 'application/rss+xml': [{ url: authorFeedPath(id), title: `Posts by ${profile.name} (RSS)` }] },
    },
  };
}

/** An author's page: who they are, where to find them, and their posts, newest first. */
export default async function AuthorPage({ params }: Props) {
  const author = findAuthor(await allPosts(), (await params).author);
  if (!author) notFound();
  const { id, profile, posts } = author;
  return (
    <Container>
      <div className="mb-12 flex flex-wrap items-center gap-6">
        {profile.picture ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={assetUrl(profile.picture)}
            alt=""
            width={96}
            height={96}
            className="size-24 rounded-full object-cover"
          />
        ) : null}
        <div className="max-w-prose">
          <h1 className="text-4xl font-bold tracking-tight md:text-5xl">{profile.name}</h1>
          {profile.bio ? <p className="mt-3 text-lg text-neutral-700 dark:text-neutral-300">{profile.bio}</p> : null}
          <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-2">
            {(profile.links ?? []).map((link) => (
              <li key={link.url}>
                <a href={link.url} className="text-accent underline dark:text-accent-bright">
                  {link.name}
                </a>
              </li>
            ))}
            <li>
              <a href={authorFeedPath(id)} className="text-accent underline dark:text-accent-bright">
                RSS feed of {profile.name}’s posts
              </a>
            </li>
          </ul>
        </div>
      </div>
      <h2 className="sr-only">Posts by {profile.name}</h2>
      <PostGrid posts={posts} />
    </Container>
  );
}
