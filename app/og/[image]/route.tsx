import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImageResponse } from 'next/og';
import { getAllPosts } from '@/lib/api';
import { formatPostDate } from '@/lib/dates';
import { site } from '@/lib/site';
import { SITE_OG_IMAGE, generatedOgImageSlugs } from '@/lib/og';

export const dynamic = 'force-static';
export const revalidate = 60;

type Params = { image: string };

/** `_site.png` (the site's card), and `<slug>.png` for each post that has neither an `ogImage` nor a cover. */
export async function generateStaticParams(): Promise<Params[]> {
  const slugs = generatedOgImageSlugs(await getAllPosts());
  return [{ image: SITE_OG_IMAGE }, ...slugs.map((slug) => ({ image: `${slug}.png` }))];
}

/** Inter from the npm package, read at build time: satori needs WOFF (or TTF), and no network. */
function font(weight: 400 | 700): Promise<Buffer> {
  // Read by path at run time (not traced); scripts/assemble-standalone.mjs copies them for the standalone server.
  return readFile(
    path.join(
      /* turbopackIgnore: true */ process.cwd(),
      'node_modules',
      '@fontsource',
      'inter',
      'files',
      `inter-latin-${weight}-normal.woff`,
    ),
  );
}

/** A 1200×630 card: the post's title, date and the site's name (or the site's title and description). */
export async function GET(_request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  const { image } = await params;
  const posts = await getAllPosts();
  const withCards = generatedOgImageSlugs(posts);
  let name = image;
  try {
    name = decodeURIComponent(image);
  } catch {
    // Keep the name as it came.
  }
  const post = posts.find((item) => `${item.slug}.png` === name && withCards.includes(item.slug));
  if (name !== SITE_OG_IMAGE && !post) return new Response('Not found', { status: 404 });
  const title = post ? post.title : site.title;
  const subtitle = post ? formatPostDate(post.date, site.locale, site.timeZone) : site.description;
  const [regular, bold] = await Promise.all([font(400), font(700)]);
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: '72px 80px',
        background: '#0a0a0a',
        color: '#fafafa',
        fontFamily: 'Inter',
      }}
    >
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 700, color: '#93c5fd' }}>{site.title}</div>
      <div style={{ display: 'flex', fontSize: title.length > 60 ? 60 : 76, fontWeight: 700, lineHeight: 1.1 }}>
        {title}
      </div>
      <div style={{ display: 'flex', fontSize: 32, color: '#d4d4d4' }}>{subtitle}</div>
    </div>,
    {
      width: 1200,
      height: 630,
      fonts: [
        { name: 'Inter', data: regular, weight: 400, style: 'normal' },
        { name: 'Inter', data: bold, weight: 700, style: 'normal' },
      ],
    },
  );
}
