/**
 * What can be wrong with a post file, and what happens then: an {@link InvalidPostsError} where
 * invalid posts are fatal (builds, `next dev`, scripts), a log line on a running server (see
 * lib/posts/mode.ts).
 */
import { invalidPostsAreFatal } from './mode';

/** One problem in one post file, located by line. */
export type PostProblem = {
  /** The file, relative to the working directory when inside it. */
  file: string;
  line: number;
  /** 1-based, when known. */
  column?: number;
  /** The front-matter field at fault, when there is one. */
  field?: string;
  message: string;
};

/** A problem as `file:line:column: field: message`. */
export function formatProblem(problem: PostProblem): string {
  const where = `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return problem.field ? `${where}: ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown when posts are invalid; its message lists every problem in every file, one per line. */
export class InvalidPostsError extends Error {
  declare readonly problems: PostProblem[];

  constructor(problems: PostProblem[]) {
    const files = new Set(problems.map((problem) => problem.file)).size;
    super(
      `${files} invalid post${files === 1 ? '' : 's'} in the posts folder:\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'InvalidPostsError';
    // Not enumerable, so that Next's error log shows the message once rather than dumping the list again.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
  }
}

let lastLogged = '';

/**
 * Stops on `relevant` problems where invalid posts are fatal; on a running server, logs every
 * problem (once, until they change) and carries on without the broken posts.
 */
export function reportProblems(problems: PostProblem[], relevant = problems): void {
  if (problems.length === 0) return;
  if (invalidPostsAreFatal()) {
    if (relevant.length > 0) throw new InvalidPostsError(relevant);
    return;
  }
  const message = new InvalidPostsError(problems).message;
  if (message !== lastLogged) console.error(`${message}\n  (these posts are left out until they are fixed)`);
  lastLogged = message;
}
