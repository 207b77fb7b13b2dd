/** "5 min read", after a date. */
export function ReadingTime({ minutes }: { minutes: number }) {
  return (
    <>
      <span aria-hidden="true"> · </span>
      <span>{minutes} min read</span>
    </>
  );
}
