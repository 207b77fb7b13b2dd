/**
 * The characters a font file can draw, read from its `cmap` table (WOFF or plain TrueType/OpenType).
 * Open Graph cards use it to know, before satori does, whether a character would be missing, since
 * satori then fetches a font or an emoji image from the network. It reads the same sub-table that
 * satori's font parser (opentype.js) reads, so both agree on what a font covers.
 */
import { inflateSync } from 'node:zlib';

const WOFF = 0x774f4646; // 'wOFF'
const CMAP = 0x636d6170; // 'cmap'

/** The `cmap` table's bytes, or `undefined` when the file has none or is not a font we read. */
function cmapTable(font: Uint8Array): DataView | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.byteLength < 12) return undefined;
  const woff = view.getUint32(0) === WOFF;
  const numTables = view.getUint16(woff ? 12 : 4);
  const directory = woff ? 44 : 12;
  const recordSize = woff ? 20 : 16;
  for (let index = 0; index < numTables; index++) {
    const record = directory + index * recordSize;
    if (record + recordSize > font.byteLength) return undefined;
    if (view.getUint32(record) !== CMAP) continue;
    if (!woff) {
      const offset = view.getUint32(record + 8);
      const length = view.getUint32(record + 12);
      return new DataView(font.buffer, font.byteOffset + offset, length);
    }
    const offset = view.getUint32(record + 4);
    const compressed = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    const bytes = font.subarray(offset, offset + compressed);
    const table = compressed < length ? inflateSync(bytes) : bytes;
    return new DataView(table.buffer, table.byteOffset, table.byteLength);
  }
  return undefined;
}

/** Whether opentype.js would take this encoding record (it takes the last one that qualifies). */
function isUnicodeRecord(platform: number, encoding: number): boolean {
  return (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10)) || (platform === 0 && encoding <= 4);
}

/**
 * The code points the font maps to a glyph other than `.notdef`. Empty when the font has no
 * `cmap` sub-table in format 4 or 12 (satori could not use such a font either).
 */
export function fontCoverage(font: Uint8Array): Set<number> {
  const covered = new Set<number>();
  const cmap = cmapTable(font);
  if (!cmap) return covered;
  const records = cmap.getUint16(2);
  let start = -1;
  for (let index = records - 1; index >= 0; index--) {
    const record = 4 + index * 8;
    if (isUnicodeRecord(cmap.getUint16(record), cmap.getUint16(record + 2))) {
      start = cmap.getUint32(record + 4);
      break;
    }
  }
  if (start < 0) return covered;
  const format = cmap.getUint16(start);
  if (format === 12) {
    const groups = cmap.getUint32(start + 12);
    for (let group = 0; group < groups; group++) {
      const at = start + 16 + group * 12;
      const first = cmap.getUint32(at);
      const last = cmap.getUint32(at + 4);
      const glyph = cmap.getUint32(at + 8);
      for (let code = first; code <= last; code++) if (glyph + (code - first) !== 0) covered.add(code);
    }
  } else if (format === 4) {
    const segments = cmap.getUint16(start + 6) >> 1;
    const ends = start + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    // The last segment is the 0xFFFF sentinel, which opentype.js skips too.
    for (let segment = 0; segment < segments - 1; segment++) {
      const end = cmap.getUint16(ends + segment * 2);
      const first = cmap.getUint16(starts + segment * 2);
      const delta = cmap.getInt16(deltas + segment * 2);
      const rangeOffsetAt = rangeOffsets + segment * 2;
      const rangeOffset = cmap.getUint16(rangeOffsetAt);
      for (let code = first; code <= end; code++) {
        let glyph: number;
        if (rangeOffset === 0) {
          glyph = (code + delta) & 0xffff;
        } else {
          glyph = cmap.getUint16(rangeOffsetAt + rangeOffset + (code - first) * 2);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) covered.add(code);
      }
    }
  }
  return covered;
}
