/**
 * The one rule that turns a title (or a tag) into a URL segment:
 * - lower case;
 * - letters with an ASCII form lose their accents ("Ünïcödé Café" → `unicode-cafe`, "ß" → `ss`);
 * - letters of other scripts stay as they are ("日本語の記事" → `日本語の記事`);
 * - every run of anything else (spaces, punctuation, symbols) becomes one `-`, never at the ends.
 */

/** Latin letters that Unicode does not decompose into an ASCII letter plus accents. */
const LATIN_SPECIALS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

/** A character decomposes into ASCII plus combining marks: keep the ASCII. Other scripts keep their marks. */
function foldToAscii(character: string): string {
  const special = LATIN_SPECIALS[character];
  if (special) return special;
  const decomposed = character.normalize('NFKD');
  return /^[\x20-\x7e]+\p{M}*$/u.test(decomposed) ? decomposed.replace(/\p{M}/gu, '') : character;
}

export function slugify(text: string): string {
  const folded = Array.from(text.normalize('NFC'), foldToAscii).join('');
  return folded
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
}
