/**
 * Every cost one post can impose on a build, a check or a live server has a limit here. A post is
 * untrusted input: past a limit it is that post's error (or warning), never the site's. The README's
 * "Reliability" section lists these values; a test keeps the two in step.
 */
export const LIMITS = {
  /** A post file larger than this is an error; it is not read at all. */
  fileBytes: 1_000_000,
  /** A post file larger than this gets a warning: it is slow to render and heavy to read. */
  fileWarningBytes: 200_000,
  /** Front matter (between the `---` lines) larger than this is an error, before any YAML is parsed. */
  frontMatterBytes: 64 * 1024,
  /** YAML aliases (`*name`) a front matter may use: alias bombs expand exponentially. */
  yamlAliases: 50,
  /** Blockquotes and lists nested deeper than this are an error, found before the markdown is parsed. */
  nestingDepth: 32,
  /** A run of `*`, `_` or `~` longer than this outside code is an error: micromark resolves long runs in quadratic time. */
  delimiterRun: 64,
  /** Rendering one body (parse, highlighting, HTML) may take this long, in a worker, before it is stopped. */
  renderMilliseconds: 10_000,
  /** Memory the rendering worker may use before it is stopped. */
  renderMemoryMegabytes: 512,
  /**
   * A URL segment (slug, tag, alias part) may be this many bytes in UTF-8: the build
   * writes each as a file name, and file systems refuse names over 255 bytes.
   */
  urlSegmentBytes: 200,
  /** Tags on one post. */
  tags: 50,
  /** Aliases on one post. */
  aliases: 50,
  /** Characters in a title. */
  titleCharacters: 300,
  /** A picture file (in `public/` or beside a post) larger than this is an error; it is not read. */
  imageBytes: 25_000_000,
  /** Pixels (width × height) a picture may have: decoding a bigger one could exhaust memory (a decompression bomb). */
  imagePixels: 50_000_000,
  /** Encoding one picture (every size and format) may take this long before it is given up. */
  imageSeconds: 60,
} as const;

/** Bytes of `text` in UTF-8. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

const encoder = new TextEncoder();
