/**
 * Splits a post file into front matter and body with gray-matter, reading the YAML with the `yaml`
 * package so that errors carry file lines and dates stay strings until `lib/dates.ts` reads them.
 */
import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

export type FrontMatter = {
  /** The parsed front matter: plain data, not yet validated. */
  data: Record<string, unknown>;
  /** The markdown body. */
  content: string;
  /** Line (1-based, counted from the top of the file) of a top-level field; the opening `---` when absent. */
  lineOf: (field: string) => number;
  /** Line and column (1-based) of a top-level field's name; the opening `---` when absent. */
  positionOf: (field: string) => { line: number; column: number };
  /** The file line on which the markdown body starts, for locating its nodes. */
  bodyLine: number;
};

/** A YAML problem, with the file line where it is. */
export class FrontMatterSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly column = 1,
  ) {
    super(`line ${line}: invalid YAML front matter: ${reason}`);
    this.name = 'FrontMatterSyntaxError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFrontMatter(source: string): FrontMatter {
  // gray-matter hands over the YAML from just after the opening `---`, so the YAML's line 1 is the
  // file's line 1 and line numbers need no offset.
  const fieldPositions = new Map<string, { line: number; column: number }>();

  const yamlEngine = (yamlSource: string): Record<string, unknown> => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(yamlSource, { lineCounter, prettyErrors: false });
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      throw new FrontMatterSyntaxError(line, error.message.split('\n')[0] ?? error.code, col);
    }
    if (isMap(doc.contents)) {
      for (const item of doc.contents.items) {
        if (isScalar(item.key) && item.key.range) {
          const { line, col } = lineCounter.linePos(item.key.range[0]);
          fieldPositions.set(String(item.key.value), { line, column: col });
        }
      }
    }
    const data: unknown = doc.toJS();
    if (data === null || data === undefined) return {};
    if (!isRecord(data)) {
      throw new FrontMatterSyntaxError(2, 'front matter must be a list of "field: value" lines');
    }
    return data;
  };

  // Passing options also turns off gray-matter's global cache, which would keep stale results in server mode.
  // Windows line ends become \n first: gray-matter would leave a stray \r after the last YAML line.
  const normalized = source.replace(/\r\n?/g, '\n');
  const parsed = matter(normalized, { engines: { yaml: yamlEngine } });
  const data: unknown = parsed.data;
  const before = normalized.endsWith(parsed.content)
    ? normalized.slice(0, normalized.length - parsed.content.length)
    : '';
  const positionOf = (field: string) => fieldPositions.get(field) ?? { line: 1, column: 1 };
  return {
    data: isRecord(data) ? data : {},
    content: parsed.content,
    lineOf: (field) => positionOf(field).line,
    positionOf,
    bodyLine: before.split('\n').length,
  };
}
