/**
 * Splits a post file into front matter and body with gray-matter, reading the YAML with the `yaml`
 * package so that errors carry file lines and dates stay strings until `lib/dates.ts` reads them.
 *
 * Front matter is data, never code: gray-matter would hand `---js` or `---javascript` blocks to
 * `eval` and `---json` to another parser, so any language tag other than `yaml` is an error, and
 * every engine but ours is replaced by one that refuses. Its size and its YAML aliases are limited
 * (lib/limits.ts) before and while parsing, so that no front matter can exhaust the process.
 */
import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { LIMITS, utf8Bytes } from './limits';

export type FrontMatter = {
  /** The parsed front matter: plain data, not yet validated. */
  data: Record<string, unknown>;
  /** The markdown body. */
  content: string;
  /** Line and column (1-based) of a top-level field's name; the opening `---` when absent. */
  positionOf: (field: string) => { line: number; column: number };
  /** The file line on which the markdown body starts, for locating its nodes. */
  bodyLine: number;
};

/** A problem with the front matter, with the file line (and column) where it is. */
export class FrontMatterSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly column = 1,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'FrontMatterSyntaxError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Languages gray-matter would run for a tag after the opening `---`; each is refused here. */
const REFUSED_ENGINES = ['javascript', 'js', 'json', 'coffee', 'coffeescript', 'cson', 'toml'];

const refuse = (): never => {
  throw new FrontMatterSyntaxError(1, 'front matter must be YAML: write "---" alone on the first line');
};

/**
 * Refuses, before gray-matter sees the file, a language tag on the opening line (`---js`,
 * `---coffee`) and front matter over the size limit.
 */
function screen(normalized: string): void {
  // gray-matter's own rule: `----` opens no front matter (it is a thematic break).
  if (!normalized.startsWith('---') || normalized[3] === '-') return;
  const firstLineEnd = normalized.indexOf('\n');
  const tag = normalized.slice(3, firstLineEnd === -1 ? undefined : firstLineEnd).trim();
  if (tag !== '' && !/^ya?ml$/i.test(tag)) {
    throw new FrontMatterSyntaxError(
      1,
      `front matter must be YAML data, but "---${tag}" asks for ${JSON.stringify(tag)}: write "---" alone on the first line`,
      4,
    );
  }
  const close = normalized.indexOf('\n---', 3);
  const block = normalized.slice(0, close === -1 ? undefined : close);
  if (utf8Bytes(block) > LIMITS.frontMatterBytes) {
    throw new FrontMatterSyntaxError(
      1,
      `front matter is ${utf8Bytes(block)} bytes, over the limit of ${LIMITS.frontMatterBytes}: keep long text in the body`,
    );
  }
}

export function parseFrontMatter(source: string): FrontMatter {
  // gray-matter hands over the YAML from just after the opening `---`, so the YAML's line 1 is the
  // file's line 1 and line numbers need no offset.
  const fieldPositions = new Map<string, { line: number; column: number }>();

  const yamlEngine = (yamlSource: string): Record<string, unknown> => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(yamlSource, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new FrontMatterSyntaxError(
        line,
        `invalid YAML front matter: ${error.message.split('\n')[0] ?? error.code}`,
        col,
      );
    }
    if (isMap(doc.contents)) {
      for (const item of doc.contents.items) {
        if (isScalar(item.key) && item.key.range) {
          const { line, col } = lineCounter.linePos(item.key.range[0]);
          fieldPositions.set(String(item.key.value), { line, column: col });
        }
      }
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
    } catch (cause) {
      // An alias bomb (`*a` expanding into millions of values) stops here, before it is expanded.
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new FrontMatterSyntaxError(
        2,
        /alias/i.test(reason)
          ? `invalid YAML front matter: too many aliases (*name); at most ${LIMITS.yamlAliases} are allowed`
          : `invalid YAML front matter: ${reason}`,
      );
    }
    if (data === null || data === undefined) return {};
    if (!isRecord(data)) {
      throw new FrontMatterSyntaxError(2, 'front matter must be a list of "field: value" lines');
    }
    return data;
  };

  // A byte-order mark and Windows line ends are the editor's, not the author's: gray-matter would
  // miss the opening `---` behind a BOM and leave a stray \r after the last YAML line.
  const normalized = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  screen(normalized);
  // Passing options also turns off gray-matter's global cache, which would keep stale results in server mode.
  const engines = Object.fromEntries(REFUSED_ENGINES.map((name) => [name, refuse]));
  const parsed = matter(normalized, { language: 'yaml', engines: { ...engines, yaml: yamlEngine, yml: yamlEngine } });
  const data: unknown = parsed.data;
  const before = normalized.endsWith(parsed.content)
    ? normalized.slice(0, normalized.length - parsed.content.length)
    : '';
  const positionOf = (field: string) => fieldPositions.get(field) ?? { line: 1, column: 1 };
  return {
    data: isRecord(data) ? data : {},
    content: parsed.content,
    positionOf,
    bodyLine: before.split('\n').length,
  };
}
