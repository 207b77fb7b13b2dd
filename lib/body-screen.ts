/**
 * A look at a post body before it is parsed, for the shapes that make markdown parsers slow or
 * make their trees deep enough to overflow the stack: containers nested past
 * `LIMITS.nestingDepth` (`> > > …`, lists inside lists) and long runs of emphasis delimiters
 * (`*****…`, which micromark resolves in quadratic time). Linear in the body's length; code fences
 * are skipped, since nothing in them is parsed as markdown.
 */
import { LIMITS } from './limits';

export type ScreenProblem = { line: number; column: number; message: string };

/** Blockquote markers and list markers at the start of a line, each one level deeper. */
const CONTAINER = /^ {0,3}(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const DELIMITER_RUN = new RegExp(`([*_~])\\1{${LIMITS.delimiterRun},}`);

/** Columns of leading white space (a tab to the next multiple of four). */
function indentation(line: string): number {
  let columns = 0;
  for (const character of line) {
    if (character === ' ') columns += 1;
    else if (character === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** The first shape past the limits in a body whose first line is file line `bodyLine`, if any. */
export function screenBody(markdown: string, bodyLine: number): ScreenProblem | undefined {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const at = (column: number, message: string): ScreenProblem => ({ line: bodyLine + index, column, message });
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener)
        fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    let depth = 0;
    let rest = line;
    for (let match = CONTAINER.exec(rest); match; match = CONTAINER.exec(rest)) {
      depth += 1;
      rest = rest.slice(match[0].length);
    }
    if (depth > LIMITS.nestingDepth) {
      return at(1, `blockquotes or lists nested ${depth} deep, over the limit of ${LIMITS.nestingDepth}`);
    }
    // A nested list indents its items by two columns or more per level (four for ordered lists).
    const columns = indentation(line);
    if (columns > LIMITS.nestingDepth * 4) {
      return at(
        columns + 1,
        `a line indented ${columns} columns: lists nested more than ${LIMITS.nestingDepth} deep are not allowed (at most ${LIMITS.nestingDepth * 4} columns)`,
      );
    }
    const run = DELIMITER_RUN.exec(line);
    // A line of nothing but `***` (or `___`) is a thematic break, whatever its length.
    if (run && line.replace(/[\s*_~-]/g, '') !== '') {
      return at(
        run.index + 1,
        `a run of ${run[0].length} "${run[1]}" characters (at most ${LIMITS.delimiterRun}): put it in \`code\` or escape it with backslashes`,
      );
    }
  }
  return undefined;
}

/** The file line of a body's first line with text (gray-matter leaves the blank line after `---`). */
export function firstTextLine(markdown: string, bodyLine: number): number {
  const blank = /^(?:[ \t]*\n)*/.exec(markdown)?.[0] ?? '';
  return bodyLine + (blank.match(/\n/g)?.length ?? 0);
}
