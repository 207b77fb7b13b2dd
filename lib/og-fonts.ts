/**
 * Fonts for the Open Graph cards, from npm packages on disk: Inter for Latin, Greek, Cyrillic and
 * Vietnamese, Noto Sans for Japanese, Chinese, Korean, Hebrew, Thai and Devanagari, IBM Plex Sans
 * Arabic, Noto Emoji (monochrome). The `@fontsource` packages are split into subsets by Unicode
 * range (their `unicode.json`); a card reads only the files its text needs, each once per process.
 *
 * Why so careful: when satori (behind `next/og`) meets a character that no font given to it can
 * draw, it fetches a font from Google Fonts or an emoji image from a CDN, which fails the build
 * offline, and draws an empty box when that fails. So, before drawing, the text is checked the way
 * satori checks it (grapheme by grapheme, against the first font that has the grapheme's first
 * character) and what no local font covers is left out. Nothing here, nor in the card, fetches.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fontCoverage } from './font-cmap';

export type OgWeight = 400 | 700;

/** A font as `ImageResponse` takes it. */
export type OgFont = { name: string; data: Buffer; weight: OgWeight; style: 'normal' };

/** A font with the characters it draws, in the order satori tries fonts. */
export type CoveredFont = OgFont & { covers: ReadonlySet<number> };

/** One font file of a family: a Unicode subset (or the whole font), at one weight. */
type Subset = {
  key: string;
  /** Whether the subset is meant for this character (its declared range; the file's cmap decides). */
  holds: (code: number) => boolean;
  file: (weight: OgWeight) => string;
};

/** A font family in the order satori should try its subsets. */
type Family = { id: string; subsets: () => Promise<Subset[]> };

/** Read by path at run time (not traced); scripts/assemble-standalone.mjs copies these for the standalone server. */
function modulePath(...parts: string[]): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', ...parts);
}

/** `U+0000-00FF,U+0131` as inclusive ranges. */
function parseRanges(text: string): [number, number][] {
  return text.split(',').flatMap((part): [number, number][] => {
    const [first, last = first] = part.trim().replace(/^U\+/i, '').split('-');
    const from = Number.parseInt(first ?? '', 16);
    const to = Number.parseInt(last ?? '', 16);
    return Number.isNaN(from) || Number.isNaN(to) ? [] : [[from, to]];
  });
}

/**
 * A `@fontsource` package: subsets in the order of its `unicode.json` (`{"latin": "U+0000-00FF,…",
 * "[0]": …}`), files `files/<id>-<subset>-<weight>-normal.woff` (WOFF: satori reads no WOFF2).
 */
function fontsource(id: string): Family {
  let subsets: Promise<Subset[]> | undefined;
  return {
    id,
    subsets: () => {
      subsets ??= readFile(modulePath('@fontsource', id, 'unicode.json'), 'utf8').then((text) => {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null)
          throw new Error(`@fontsource/${id}/unicode.json: not an object`);
        return Object.entries(parsed).flatMap(([key, value]: [string, unknown]): Subset[] => {
          if (typeof value !== 'string') return [];
          const ranges = parseRanges(value);
          const name = key.replace(/^\[(\d+)\]$/, '$1');
          return [
            {
              key: name,
              holds: (code) => ranges.some(([from, to]) => code >= from && code <= to),
              file: (weight) => modulePath('@fontsource', id, 'files', `${id}-${name}-${weight}-normal.woff`),
            },
          ];
        });
      });
      subsets.catch(() => {
        subsets = undefined;
      });
      return subsets;
    },
  };
}

/** What may be in an emoji font: pictographs and the pieces emoji sequences are made of. */
const EMOJI_LIKE = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Component}]/u;

/**
 * Noto Emoji (monochrome) as one TrueType file per weight: fontsource splits it into subsets, and
 * satori, which remembers the font it picked per first UTF-16 unit, would then miss any emoji that
 * shares that unit with an earlier one from another subset.
 */
const notoEmoji: Family = {
  id: 'noto-emoji',
  subsets: () =>
    Promise.resolve([
      {
        key: 'all',
        holds: (code) => EMOJI_LIKE.test(String.fromCodePoint(code)),
        file: (weight) =>
          modulePath(
            '@expo-google-fonts',
            'noto-emoji',
            weight === 700 ? '700Bold' : '400Regular',
            weight === 700 ? 'NotoEmoji_700Bold.ttf' : 'NotoEmoji_400Regular.ttf',
          ),
      },
    ]),
};

const inter = fontsource('inter');
const japanese = fontsource('noto-sans-jp');
const chinese = fontsource('noto-sans-sc');
const korean = fontsource('noto-sans-kr');
/** IBM Plex Sans Arabic, not Noto Sans Arabic: satori's font parser cannot apply Noto's Arabic ligatures (it throws). */
const others = [
  fontsource('ibm-plex-sans-arabic'),
  fontsource('noto-sans-hebrew'),
  fontsource('noto-sans-thai'),
  fontsource('noto-sans-devanagari'),
];

type LoadedFile = { data: Buffer; covers: Set<number> };

const filesRead = new Map<string, Promise<LoadedFile>>();

/** One font file with its coverage; read once per process. */
function loadFile(file: string): Promise<LoadedFile> {
  let loaded = filesRead.get(file);
  if (!loaded) {
    loaded = readFile(file).then((data) => ({ data, covers: fontCoverage(data) }));
    filesRead.set(file, loaded);
    loaded.catch(() => filesRead.delete(file));
  }
  return loaded;
}

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/u;

/**
 * Families in the order satori should try them. Han characters look different in Japanese,
 * Chinese and Korean, so the language the text shows (kana, hangul, else Chinese) goes first.
 */
function familyOrder(text: string): Family[] {
  const kana = text.search(KANA);
  const hangul = text.search(HANGUL);
  const cjk =
    kana >= 0 && (hangul < 0 || kana < hangul)
      ? [japanese, chinese, korean]
      : hangul >= 0
        ? [korean, japanese, chinese]
        : [chinese, japanese, korean];
  return [inter, notoEmoji, ...cjk, ...others];
}

/**
 * Format characters that draw nothing but that fonts may not have (zero-width space, bidi
 * controls, soft hyphen…), except the joiners and tag characters that emoji sequences are made of;
 * and skin-tone modifiers, which a monochrome emoji font without ligatures draws as a swatch beside
 * the emoji.
 */
const INVISIBLE = /(?![\u200c\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]|\p{Emoji_Modifier}/gu;

/** Text as the card draws it before fonts are considered: composed, without invisible characters, spaces collapsed. */
export function cardText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\n\r\f\v]+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

type Covering = { covers: ReadonlySet<number> };

/**
 * Each grapheme of `text` with the font satori draws it with, as satori picks it: the first font
 * (in the order given) that has the grapheme's first character, that choice remembered per first
 * UTF-16 unit. The grapheme is drawn only if that font has all its characters; else satori fetches.
 */
function fontPicks<Font extends Covering>(
  text: string,
  fonts: readonly Font[],
): { segment: string; font: Font | undefined; drawn: boolean }[] {
  const chosen = new Map<number, Font>();
  return [...graphemes.segment(text)].map(({ segment }) => {
    if (segment === '\t' || segment === '\n') return { segment, font: undefined, drawn: true };
    const unit = segment.charCodeAt(0);
    let font = chosen.get(unit);
    if (!font) {
      const first = segment.codePointAt(0) ?? 0;
      font = fonts.find((candidate) => candidate.covers.has(first));
      if (font) chosen.set(unit, font);
    }
    const covering = font;
    const drawn = covering !== undefined && [...segment].every((char) => covering.covers.has(char.codePointAt(0) ?? 0));
    return { segment, font, drawn };
  });
}

/**
 * The graphemes of `text` that satori would find no font for among `fonts` (in satori's order,
 * each the entry satori picks for the text's weight), and so would fetch from the network.
 */
export function missingGraphemes(text: string, fonts: readonly Covering[]): string[] {
  return fontPicks(text, fonts)
    .filter((pick) => !pick.drawn)
    .map((pick) => pick.segment);
}

/**
 * `text` without what the fonts cannot draw: a grapheme keeps the characters that the font satori
 * picks for it has (an emoji sequence falls apart into its drawable emoji, an accent the font
 * lacks goes), else it goes. Repeated until satori would find every grapheme.
 */
export function drawableText(text: string, fonts: readonly Covering[]): string {
  let current = text;
  for (;;) {
    const picks = fontPicks(current, fonts);
    if (picks.every((pick) => pick.drawn)) return current;
    // A grapheme not drawn loses at least one character, so each round is shorter and this ends.
    current = picks
      .map(({ segment, font, drawn }) =>
        drawn ? segment : [...segment].filter((char) => font?.covers.has(char.codePointAt(0) ?? 0)).join(''),
      )
      .join('')
      .replace(/ {2,}/g, ' ')
      .trim();
  }
}

/** The fonts among `fonts` that satori draws some grapheme of `text` with. */
function fontsDrawing<Font extends Covering>(text: string, fonts: readonly Font[]): Font[] {
  return fontPicks(text, fonts).flatMap((pick) => (pick.font ? [pick.font] : []));
}

/** One run of text on the card, with the weight it is drawn in. */
export type CardTextRun = { text: string; weight: OgWeight };

export type CardFonts = {
  /** The runs' text as the card must draw it: only what the fonts cover. */
  texts: string[];
  /** The fonts to hand to `ImageResponse`, in the order satori must try them. */
  fonts: CoveredFont[];
  /** The CSS `fontFamily` of the card: the first font. */
  family: string;
};

/** The fonts in satori's order as seen from text of `weight`: per name, that weight's entry, else the other. */
export function fontsForWeight(fonts: readonly CoveredFont[], weight: OgWeight): CoveredFont[] {
  const names = [...new Set(fonts.map((font) => font.name))];
  return names.flatMap((name) => {
    const entries = fonts.filter((font) => font.name === name);
    const entry = entries.find((font) => font.weight === weight) ?? entries[0];
    return entry ? [entry] : [];
  });
}

/**
 * The fonts for a card's runs of text, and the text they can draw. Only subset files whose
 * ranges hold a character of a run (at that run's weight) not yet covered are read, in the order
 * satori will try them; fonts that end up drawing nothing are left out.
 */
export async function cardFonts(runs: readonly CardTextRun[]): Promise<CardFonts> {
  const cleaned = runs.map((run) => ({ ...run, text: cardText(run.text) }));
  const weights = [...new Set<OgWeight>([700, ...cleaned.map((run) => run.weight)])];
  const uncovered = new Map<OgWeight, Set<number>>(
    weights.map((weight) => [
      weight,
      new Set(
        cleaned
          .filter((run) => run.weight === weight)
          .flatMap((run) => [...run.text].map((char) => char.codePointAt(0) ?? 0)),
      ),
    ]),
  );
  const fonts: CoveredFont[] = [];
  const settled = () => [...uncovered.values()].every((left) => left.size === 0);
  for (const family of familyOrder(cleaned.map((run) => run.text).join(' '))) {
    if (fonts.length > 0 && settled()) break;
    for (const subset of await family.subsets()) {
      // Inter's Latin subset is always there: it is the card's family, which satori measures lines with.
      const always = family === inter && subset.key === 'latin';
      const wanted = weights.filter((weight) => {
        const left = uncovered.get(weight) ?? new Set<number>();
        return always ? weight === 700 || left.size > 0 : [...left].some(subset.holds);
      });
      const loaded = await Promise.all(wanted.map((weight) => loadFile(subset.file(weight))));
      wanted.forEach((weight, index) => {
        const file = loaded[index];
        const left = uncovered.get(weight);
        if (!file || !left) return;
        fonts.push({
          name: `${family.id}-${subset.key}`,
          data: file.data,
          weight,
          style: 'normal',
          covers: file.covers,
        });
        for (const code of left) if (file.covers.has(code)) left.delete(code);
      });
    }
  }
  const texts = cleaned.map((run) => drawableText(run.text, fontsForWeight(fonts, run.weight)));
  // Keep the first font and those that draw a grapheme first; the others would change nothing.
  const used = new Set<string>([fonts[0]?.name ?? '']);
  cleaned.forEach((run, index) => {
    for (const font of fontsDrawing(texts[index] ?? '', fontsForWeight(fonts, run.weight))) used.add(font.name);
  });
  const kept = fonts.filter((font) => used.has(font.name));
  return { texts, fonts: kept, family: kept[0]?.name ?? 'inter-latin' };
}
