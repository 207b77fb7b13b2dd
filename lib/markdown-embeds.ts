/**
 * Video embeds without the video host's weight or tracking: a YouTube or Vimeo link alone in its
 * paragraph becomes a facade, a link to the video with its title and a play button (and, for
 * YouTube, its thumbnail from i.ytimg.com). The player (`youtube-nocookie.com`, `player.vimeo.com`)
 * loads only when the reader clicks, through the small script of lib/post-scripts.ts; without
 * scripts the facade stays a plain link to the video. Vimeo has no thumbnail address that needs no
 * API call, so its facade is drawn without one. Nothing is fetched at build time.
 *
 * Runs after sanitizing, on links the sanitizer kept: a post's own `<iframe>` is still removed.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';

export type Video = {
  host: 'youtube' | 'vimeo';
  id: string;
  /** The page of the video on its host: where the facade links without scripts. */
  watchUrl: string;
  /** The player to load on click. */
  playerUrl: string;
  /** A still of the video that the reader's browser loads, when the host has one at a fixed address. */
  thumbnail?: string;
};

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);

/** `90`, `90s`, `1m30s` or `1h2m3s` as seconds; `undefined` for anything else. */
function seconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value);
  if (!match || value === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  const total = Number(h) * 3600 + Number(m) * 60 + Number(s);
  return total > 0 ? total : undefined;
}

function youtube(url: URL): Video | undefined {
  let id: string | undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'youtu.be') id = parts[0];
  else if (!YOUTUBE_HOSTS.has(url.hostname)) return undefined;
  else if (url.pathname === '/watch') id = url.searchParams.get('v') ?? undefined;
  else if (parts.length === 2 && ['embed', 'shorts', 'live'].includes(parts[0] ?? '')) id = parts[1];
  if (!id || !YOUTUBE_ID.test(id)) return undefined;
  const start = seconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
  return {
    host: 'youtube',
    id,
    watchUrl: `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}s` : ''}`,
    playerUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ''}`,
    thumbnail: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
  };
}

function vimeo(url: URL): Video | undefined {
  if (!VIMEO_HOSTS.has(url.hostname)) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.findIndex((part) => /^\d{1,12}$/.test(part));
  const id = parts[at];
  if (at === -1 || id === undefined) return undefined;
  // An unlisted video's address carries its hash: /123456/abcdef (or ?h=abcdef on the player).
  const hash = /^[0-9a-f]{6,20}$/.exec(parts[at + 1] ?? url.searchParams.get('h') ?? '')?.[0];
  return {
    host: 'vimeo',
    id,
    watchUrl: `https://vimeo.com/${id}${hash ? `/${hash}` : ''}`,
    playerUrl: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1${hash ? `&h=${hash}` : ''}`,
  };
}

/** The video a link points at, on one of the two hosts embeds support; `undefined` for any other link. */
export function videoOf(href: string): Video | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return youtube(url) ?? vimeo(url);
}

const HOST_NAMES = { youtube: 'YouTube', vimeo: 'Vimeo' } as const;

/** The link, alone in its paragraph (whitespace aside), or `undefined`. */
function loneLink(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const link = content[0];
  return content.length === 1 && link?.type === 'element' && link.tagName === 'a' ? link : undefined;
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

function facade(video: Video, written: string): Element {
  const host = HOST_NAMES[video.host];
  const title = written || `Video on ${host}`;
  const children: ElementContent[] = [];
  if (video.thumbnail) {
    children.push({
      type: 'element',
      tagName: 'img',
      properties: { src: video.thumbnail, alt: title, width: 480, height: 360, className: ['video-thumbnail'] },
      children: [],
    });
  }
  children.push(
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['video-play'], ariaHidden: 'true' },
      children: [
        {
          type: 'element',
          tagName: 'svg',
          properties: { viewBox: '0 0 68 48', width: 68, height: 48, focusable: 'false' },
          children: [
            {
              type: 'element',
              tagName: 'path',
              properties: {
                className: ['video-play-shape'],
                d: 'M66.5 7.7a8.5 8.5 0 0 0-6-6C55.3.3 34 .3 34 .3S12.7.3 7.5 1.7a8.5 8.5 0 0 0-6 6C.2 12.9.2 24 .2 24s0 11.1 1.3 16.3a8.5 8.5 0 0 0 6 6c5.2 1.4 26.5 1.4 26.5 1.4s21.3 0 26.5-1.4a8.5 8.5 0 0 0 6-6C67.8 35.1 67.8 24 67.8 24s0-11.1-1.3-16.3Z',
              },
              children: [],
            },
            {
              type: 'element',
              tagName: 'path',
              properties: { className: ['video-play-arrow'], d: 'M27 34V14l18 10Z' },
              children: [],
            },
          ],
        },
      ],
    },
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['video-title'], ...(video.thumbnail ? { ariaHidden: 'true' } : {}) },
      children: [text(title)],
    },
  );
  // A written title gets the host in the link's name; the default title already says it.
  if (written) {
    children.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['sr-only'] },
      children: [text(` (video on ${host})`)],
    });
  }
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['video-embed', `video-embed-${video.host}`] },
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: {
          href: video.watchUrl,
          className: ['video-facade'],
          dataEmbedSrc: video.playerUrl,
          dataEmbedTitle: title,
        },
        children,
      },
    ],
  };
}

/** Top-level paragraphs that hold nothing but a YouTube or Vimeo link become a video facade. */
export function rehypeEmbeds() {
  return (tree: Root) => {
    tree.children = tree.children.map((node) => {
      if (node.type !== 'element' || node.tagName !== 'p') return node;
      const link = loneLink(node);
      const href = link?.properties.href;
      const video = typeof href === 'string' ? videoOf(href) : undefined;
      if (!link || !video || typeof href !== 'string') return node;
      const written = hastToString(link).replace(/\s+/g, ' ').trim();
      return facade(video, written === href ? '' : written);
    });
  };
}
