/** Under `npm run dev`, in place of a post saved invalid: what is wrong, where, until the next save. */
export function PostProblems({ problems }: { problems: string[] }) {
  return (
    <div role="alert" className="mx-auto max-w-prose rounded-lg border-2 border-red-700 p-6 dark:border-red-400">
      <h1 className="mb-4 text-2xl font-bold">This post cannot be shown yet</h1>
      <p className="mb-4">Fix it and save: the page follows.</p>
      <pre className="overflow-x-auto text-sm whitespace-pre-wrap">{problems.join('\n')}</pre>
    </div>
  );
}
