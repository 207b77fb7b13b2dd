import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Container } from '@/components/container';
import { PostBody } from '@/components/post-body';
import { PostHeader } from '@/components/post-header';
import { getPostBySlug, getPostSlugs } from '@/lib/api';
import { postPath } from '@/lib/urls';

/** Under `next start`, a post page is regenerated at most once a minute, so edits show. */
export const revalidate = 60;

type Params = { slug: string };

const NO_POSTS_PLACEHOLDER = 'no-posts-yet';
type Props = { params: Promise<Params> };

export async function generateStaticParams(): Promise<Params[]> {
  const slugs = await getPostSlugs();
  // A static export needs at least one path here, so a blog with no posts yet still builds: the
  // placeholder renders the not-found page (marked noindex) and the home page says there are no posts.
  if (slugs.length === 0) return [{ slug: NO_POSTS_PLACEHOLDER }];
  return slugs.map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = await getPostBySlug((await params).slug);
  if (!post) return {};
  const image = post.ogImage?.url ?? post.coverImage;
  const images = image ? [{ url: image }] : undefined;
  return {
    title: post.title,
    description: post.excerpt,
    alternates: { canonical: postPath(post.slug) },
    authors: [{ name: post.author.name }],
    openGraph: {
      type: 'article',
      title: post.title,
      description: post.excerpt,
      url: postPath(post.slug),
      publishedTime: post.date.iso,
      authors: [post.author.name],
      images,
    },
    twitter: {
      card: images ? 'summary_large_image' : 'summary',
      title: post.title,
      description: post.excerpt,
      images: image ? [image] : undefined,
    },
  };
}

export default async function PostPage({ params }: Props) {
  const post = await getPostBySlug((await params).slug);
  if (!post) notFound();
  return (
    <Container>
      <article className="mb-16">
        <PostHeader
          title={post.title}
          date={post.date}
          coverImage={post.coverImage}
          author={post.author}
          status={post.status}
        />
        <PostBody html={post.html} />
      </article>
    </Container>
  );
}
