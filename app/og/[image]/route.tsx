import { ImageResponse } from 'next/og';
import { getAllPosts } from '@/lib/api';
import { formatPostDate } from '@/lib/dates';
import { site } from '@/lib/site';
import { SITE_OG_IMAGE, generatedOgImageSlugs } from '@/lib/og';
import { cardFonts } from '@/lib/og-fonts';
import { contentCache } from '@/lib/content-cache';
import { pipelineStamp } from '@/lib/render-pool';

export const dynamic = 'force-static';
export const revalidate = 60;

type Params = { image: string };

/** `_site.png` (the site's card), and `<slug>.png` for each post that has neither an `ogImage` nor a cover. */
export async function generateStaticParams(): Promise<Params[]> {
  const slugs = generatedOgImageSlugs(await getAllPosts());
  return [{ image: SITE_OG_IMAGE }, ...slugs.map((slug) => ({ image: `${slug}.png` }))];
}

type CardLines = { siteName: string; title: string; subtitle: string };

/**
 * The card's PNG: kept across builds by its lines and the pipeline's stamp (lib/content-cache.ts),
 * so a card is drawn once per title, date and site name (about 20 ms each) and a rebuild reads it.
 */
async function card(lines: CardLines): Promise<Response> {
  const stamp = pipelineStamp();
  const cache = stamp ? contentCache('og', stamp) : undefined;
  const key = JSON.stringify([lines.siteName, lines.title, lines.subtitle]);
  let png = await cache?.get(key);
  if (!png || !wholePng(png)) {
    png = await drawCard(lines);
    await cache?.set(key, png);
  }
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=0, must-revalidate' },
  });
}

/** Whether `bytes` start as a PNG and end with its last chunk: an entry damaged on disk is drawn again. */
function wholePng(bytes: Buffer): boolean {
  return (
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
    bytes.subarray(-8, -4).toString('latin1') === 'IEND'
  );
}

/** The card's PNG, drawn now (not while the response streams) so that a failure can be caught. */
async function drawCard(lines: CardLines): Promise<Buffer> {
  const { texts, fonts, family } = await cardFonts([
    { text: lines.siteName, weight: 700 },
    { text: lines.title, weight: 700 },
    { text: lines.subtitle, weight: 400 },
  ]);
  const [siteName = '', title = '', subtitle = ''] = texts;
  const image = new ImageResponse(
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
        fontFamily: family,
      }}
    >
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 700, color: '#93c5fd' }}>{siteName}</div>
      <div style={{ display: 'flex', fontSize: title.length > 60 ? 60 : 76, fontWeight: 700, lineHeight: 1.1 }}>
        {title}
      </div>
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 400, color: '#d4d4d4' }}>{subtitle}</div>
    </div>,
    {
      width: 1200,
      height: 630,
      fonts: fonts.map(({ name, data, weight, style }) => ({ name, data, weight, style })),
    },
  );
  return Buffer.from(await image.arrayBuffer());
}

/**
 * A 1200×630 card: the post's title, date and the site's name (or the site's title and
 * description). Drawn only with local fonts that cover the text (lib/og-fonts.ts): satori would
 * otherwise fetch fonts and emoji from the network, and draw empty boxes without it. Should a
 * title still defeat satori (its font parser throws on some OpenType features), the card is drawn
 * without it rather than failing the build.
 */
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
  if (!post) return card({ siteName: site.title, title: site.title, subtitle: site.description });
  const subtitle = formatPostDate(post.date, site.locale, site.timeZone);
  try {
    return await card({ siteName: site.title, title: post.title, subtitle });
  } catch (error) {
    console.error(`Open Graph card of ${post.file}: drawn without its title, which could not be drawn:`, error);
    return card({ siteName: site.title, title: '', subtitle });
  }
}
