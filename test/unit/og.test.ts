/**
 * Open Graph cards never touch the network and never draw empty boxes: titles in many scripts and
 * with emoji go through the real route (`next/og`, satori, resvg) with `fetch` replaced by a trap,
 * and every character the card draws is checked against the fonts it hands to `ImageResponse`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isValidElement, type ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fontCoverage } from '@/lib/font-cmap';
import { cardFonts, cardText, drawableText, fontsForWeight, missingGraphemes, type OgWeight } from '@/lib/og-fonts';

/** What each card was asked to draw: its text runs with their weights, and the fonts given. */
type Drawn = {
  runs: { text: string; weight: OgWeight }[];
  fonts: { name: string; data: Uint8Array; weight: number }[];
};
const drawn: Drawn[] = [];

function isWeight(value: unknown): value is OgWeight {
  return value === 400 || value === 700;
}

/** The text runs of a card's element tree (each `<div>` whose child is a string), with their weights. */
function runsOf(node: ReactNode, weight: OgWeight = 400): Drawn['runs'] {
  if (!isValidElement<{ style?: { fontWeight?: unknown }; children?: ReactNode }>(node)) return [];
  const own = node.props.style?.fontWeight;
  const here = isWeight(own) ? own : weight;
  const { children } = node.props;
  if (typeof children === 'string') return [{ text: children, weight: here }];
  return (Array.isArray(children) ? children : [children]).flatMap((child: ReactNode) => runsOf(child, here));
}

// Record what the route hands to ImageResponse, then draw it for real.
vi.mock('next/og', async (importOriginal) => {
  const actual = await importOriginal<typeof import('next/og')>();
  class RecordingImageResponse extends actual.ImageResponse {
    constructor(...args: ConstructorParameters<typeof actual.ImageResponse>) {
      const [element, options] = args;
      drawn.push({
        runs: runsOf(element),
        fonts: (options?.fonts ?? []).map((font) => ({
          name: font.name,
          data: font.data instanceof ArrayBuffer ? new Uint8Array(font.data) : font.data,
          weight: Number(font.weight ?? 400),
        })),
      });
      super(...args);
    }

    // Stands for a title that satori's font parser throws on.
    override async arrayBuffer(): Promise<ArrayBuffer> {
      if (drawn.at(-1)?.runs.some((run) => run.text.includes('Satori breaker'))) throw new Error('lookupType: 5');
      return super.arrayBuffer();
    }
  }
  return { ...actual, ImageResponse: RecordingImageResponse };
});

// The pipeline's stamp keys the card cache. Unset (as when running from source) nothing is kept;
// the caching test sets a stamp of its own, so that no earlier run's entry is found.
let stamp: string | undefined;
vi.mock('@/lib/render-pool', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/render-pool')>()),
  pipelineStamp: () => stamp,
}));

const { GET } = await import('@/app/og/[image]/route');

const titles: Record<string, string> = {
  emoji: 'Shipping 🚀 with joy 😀 and ❤️ and 👍🏽 and 🇯🇵, 🎉🦀🧪 👨‍👩‍👧‍👦 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  japanese: '日本語の記事：静的サイト生成について',
  chinese: '静态网站生成器的中文标题与繁體字',
  korean: '한국어 제목: 정적 사이트 생성',
  arabic: 'مرحبا بالعالم: السلام عليكم، لا بأس — پژوهش گروه ١٢٣',
  hebrew: 'שלום עולם: אתרים סטטיים',
  thai: 'สวัสดีชาวโลก การสร้างเว็บไซต์',
  devanagari: 'नमस्ते दुनिया: स्थैतिक साइट',
  cyrillic: 'Привет, мир: статические сайты',
  greek: 'Γειά σου κόσμε: στατικοί ιστότοποι',
  vietnamese: 'Xin chào thế giới: trang web tĩnh',
  mixed: 'Next.js と 中文 와 한국어 — Ünïcödé café 😀 עברית عربى 𠮟る',
};

/** Titles with things no font here draws, or that are not text at all. */
const leftOut: Record<string, { title: string; shown: string }> = {
  unsupported: {
    title: 'Georgian ქართული and Ethiopic ሰላም and private \u{e000} use',
    shown: 'Georgian and Ethiopic and private use',
  },
  invisible: { title: 'Zero\u200bwidth \u202eoverride\u202c soft\u00adhyphen', shown: 'Zerowidth override softhyphen' },
  keycap: { title: 'Press 1️⃣ then #️⃣', shown: 'Press 1 then #' },
};

let dir: string;
const fetches: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'og-'));
  process.env.POSTS_DIR = dir;
  const all = {
    ...titles,
    breaker: 'Satori breaker',
    ...Object.fromEntries(Object.entries(leftOut).map(([slug, { title }]) => [slug, title])),
  };
  await Promise.all(
    Object.entries(all).map(([slug, title]) =>
      writeFile(path.join(dir, `${slug}.md`), `---\ntitle: ${JSON.stringify(title)}\ndate: 2020-01-01\n---\n\nBody.\n`),
    ),
  );
  // satori's layout engine loads its own WebAssembly from a `data:` URL with fetch (no network):
  // that one is let through; anything else is recorded and fails.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('data:')) return realFetch(input, init);
    fetches.push(url);
    throw new Error(`fetch during a card: ${url}`);
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  delete process.env.POSTS_DIR;
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  drawn.length = 0;
});

/** Draws the card of `slug` and returns its bytes, after checking the response. */
async function card(slug: string): Promise<Uint8Array> {
  const response = await GET(new Request('http://localhost/'), { params: Promise.resolve({ image: `${slug}.png` }) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const bytes = new Uint8Array(await response.arrayBuffer()); // the drawing happens while the body is read
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (process.env.OG_CARDS_DIR) await writeFile(path.join(process.env.OG_CARDS_DIR, `${slug}.png`), bytes);
  return bytes;
}

/** Every grapheme of every run is in a font given to ImageResponse, the one satori will pick. */
function expectCovered(card: Drawn): void {
  const fonts = card.fonts.map((font) => ({
    name: font.name,
    data: Buffer.from(font.data),
    weight: isWeight(font.weight) ? font.weight : 400,
    style: 'normal' as const,
    covers: fontCoverage(font.data),
  }));
  for (const run of card.runs) expect(missingGraphemes(run.text, fontsForWeight(fonts, run.weight))).toEqual([]);
}

describe('Open Graph cards', () => {
  it.each(Object.entries(titles))('draws a %s title whole, with local fonts only', async (slug, title) => {
    await card(slug);
    expect(fetches).toEqual([]);
    expect(drawn).toHaveLength(1);
    const [first] = drawn;
    if (!first) throw new Error('no card drawn');
    expect(first.runs.map((run) => run.text)).toContain(cardText(title));
    expectCovered(first);
  });

  it.each(Object.entries(leftOut))('leaves out what no font draws (%s), and never fetches', async (slug, { shown }) => {
    await card(slug);
    expect(fetches).toEqual([]);
    const [first] = drawn;
    if (!first) throw new Error('no card drawn');
    const run = first.runs.find((item) => item.weight === 700 && item.text !== 'Markdown Blog');
    expect(run?.text).toBe(shown);
    expectCovered(first);
  });

  it('draws the card without a title that satori cannot draw, rather than failing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await card('breaker');
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
    expect(drawn.map((item) => item.runs.map((run) => run.text))).toEqual([
      ['Markdown Blog', 'Satori breaker', 'January 1, 2020'],
      ['Markdown Blog', '', 'January 1, 2020'],
    ]);
  });

  it('draws a card once per title and date, then reads it back, also in a later build', async () => {
    stamp = `test-${process.pid}-${Date.now()}-${Math.random()}`;
    try {
      const first = await card('greek');
      expect(drawn).toHaveLength(1);
      const again = await card('greek');
      expect(drawn).toHaveLength(1);
      expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
      // Another card is drawn: the key is the card's text, not the route.
      await card('cyrillic');
      expect(drawn).toHaveLength(2);
      // A new pipeline (its code or fonts changed) draws again.
      stamp = `${stamp}-changed`;
      await card('greek');
      expect(drawn).toHaveLength(3);
    } finally {
      stamp = undefined;
    }
  });

  it('draws the site card too', async () => {
    await card('_site');
    expect(fetches).toEqual([]);
  });

  it('falls apart an emoji sequence into what the font has, and checks like satori', async () => {
    const { fonts } = await cardFonts([{ text: '👨‍👩‍👧 ❤️ é', weight: 700 }]);
    const ordered = fontsForWeight(fonts, 700);
    const text = drawableText(cardText('👨‍👩‍👧 ❤️ e\u0301'), ordered);
    expect(missingGraphemes(text, ordered)).toEqual([]);
    expect(text).toContain('é');
    expect(missingGraphemes('\u0378', ordered)).toEqual(['\u0378']); // unassigned: no font has it
  });
});
