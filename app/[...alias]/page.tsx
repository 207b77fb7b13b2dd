import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { Container } from '@/components/container';
import { aliases } from '@/app/content';
import { PLACEHOLDERS } from '@/lib/placeholders';
import { basePath, postPath } from '@/lib/urls';

/** Under `next start`, new and removed aliases are picked up at most a minute later. */
export const revalidate = 60;

type Params = { alias: string[] };
type Props = { params: Promise<Params> };

function segments(alias: string): string[] {
  return alias.split('/').filter(Boolean);
}

/** Old addresses of posts (`aliases:` in front matter), one page each. Anything else here is a 404. */
export async function generateStaticParams(): Promise<Params[]> {
  const all = await aliases();
  if (all.length === 0) return [{ alias: [PLACEHOLDERS.alias] }];
  return all.map(({ alias }) => ({ alias: segments(alias) }));
}

async function targetOf(params: Promise<Params>): Promise<string | undefined> {
  const requested = (await params).alias.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const match = (await aliases()).find(({ alias }) => segments(alias).join('/') === requested.join('/'));
  return match ? postPath(match.slug) : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const target = await targetOf(params);
  if (!target) return {};
  return { title: 'Moved', alternates: { canonical: target }, robots: { index: false } };
}

export default async function AliasPage({ params }: Props) {
  const target = await targetOf(params);
  if (!target) notFound();
  // Next adds the base path to a redirect itself.
  if (process.env.BLOG_REDIRECTS !== 'html') permanentRedirect(target.slice(basePath.length));
  return (
    <Container>
      {/* React hoists this into <head>: browsers follow it at once. */}
      <meta httpEquiv="refresh" content={`0; url=${target}`} />
      <div className="mx-auto max-w-prose py-16 text-center">
        <h1 className="text-4xl font-bold tracking-tight">This post has moved</h1>
        <p className="mt-6 text-lg">
          <a
            href={target}
            className="font-semibold text-accent dark:text-accent-bright underline underline-offset-4 hover:text-accent-dark dark:hover:text-white"
          >
            Go to its new address
          </a>
        </p>
      </div>
    </Container>
  );
}
