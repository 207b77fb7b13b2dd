import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Comments } from '@/components/comments';
import { Container } from '@/components/container';
import { PostBody } from '@/components/post-body';
import { PostHeader } from '@/components/post-header';
import { PostProblems } from '@/components/post-problems';
import { PostScripts } from '@/components/post-scripts';
import { JsonLd } from '@/components/json-ld';
import { PostNavigation } from '@/components/post-navigation';
import { RelatedPosts } from '@/components/related-posts';
import { SeriesNav } from '@/components/series-nav';
import { TableOfContents } from '@/components/table-of-contents';
import { allPosts, postBySlug } from '@/app/content';
import { getPostSlugs, lastModified } from '@/lib/api';
import { problemsToShow } from '@/lib/live-preview';
import { ogImageOf } from '@/lib/og';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { neighbours, relatedPosts } from '@/lib/related';
import { seriesOfPost } from '@/lib/series';
import { site } from '@/lib/site';
import { absoluteUrl, authorPath, homePath, postPath } from '@/lib/urls';

/** Under `next start`, a post page is regenerated at most once a minute, so edits show. */
export const revalidate = 60;

type Params = { slug: string };

type Props = { params: Promise<Params> };

export async function generateStaticParams(): Promise<Params[]> {
  const slugs = await getPostSlugs();
  // A static export needs at least one path here, so a blog with no posts yet still builds: the
  // placeholder renders the not-found page (marked noindex) and the home page says there are no posts.
  if (slugs.length === 0) return [{ slug: PLACEHOLDERS.post }];
  return slugs.map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = (await params).slug;
  const post = await postBySlug(slug).catch((error: unknown) => {
    if (problemsToShow(error)) return null; // the page shows them (npm run dev)
    throw error;
  });
  if (!post) return {};
  const image = ogImageOf(post);
  const images = [image];
  return {
    title: post.title,
    description: post.excerpt,
    alternates: { canonical: postPath(post.slug) },
    authors: post.authors.map((author) => ({ name: author.name })),
    openGraph: {
      type: 'article',
      title: post.title,
      description: post.excerpt,
      url: postPath(post.slug),
      publishedTime: post.date.iso,
      modifiedTime: lastModified(post).iso,
      authors: post.authors.map((author) => author.name),
      images,
    },
    twitter: {
      card: 'summary_large_image',
      title: post.title,
      description: post.excerpt,
      images: [image.url],
    },
  };
}

export default async function PostPage({ params }: Props) {
  const slug = (await params).slug;
  let post;
  let posts;
  try {
    post = await postBySlug(slug);
    posts = await allPosts();
  } catch (error) {
    // Under npm run dev, a post saved invalid shows what is wrong in its place, until the next save.
    const problems = problemsToShow(error);
    if (!problems) throw error;
    return (
      <Container>
        <PostProblems problems={problems} />
      </Container>
    );
  }
  if (!post) notFound();
  const url = absoluteUrl(postPath(post.slug));
  const image = ogImageOf(post);
  const inSeries = seriesOfPost(posts, post);
  const people = post.authors.map((author) => ({
    '@type': 'Person',
    name: author.name,
    ...(author.id ? { url: absoluteUrl(authorPath(author.id)) } : {}),
  }));
  return (
    <Container>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'BlogPosting',
          headline: post.title,
          description: post.excerpt,
          datePublished: post.date.iso,
          dateModified: lastModified(post).iso,
          author: people.length === 1 ? people[0] : people,
          publisher: { '@type': 'Organization', name: site.title, url: absoluteUrl(homePath()) },
          mainEntityOfPage: { '@type': 'WebPage', '@id': url },
          url,
          image: absoluteUrl(image.url),
          ...(post.tags.length > 0 ? { keywords: post.tags.map((tag) => tag.name).join(', ') } : {}),
        }}
      />
      <article className="mb-16">
        <PostHeader {...post} />
        {inSeries ? <SeriesNav series={inSeries.series} part={inSeries.part} current={post.slug} /> : null}
        <TableOfContents headings={post.headings} />
        <PostBody html={post.html} />
        <PostScripts scripts={post.scripts} />
      </article>
      <Comments config={site.comments} lang={site.locale} />
      <RelatedPosts posts={relatedPosts(posts, post)} />
      <PostNavigation {...neighbours(posts, post.slug)} />
    </Container>
  );
}
