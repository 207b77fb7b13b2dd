/**
 * After an export (`postbuild`): the steps that follow `next build`, in one Node process rather
 * than one each (starting Node and tsx costs about a second): remove the placeholder pages of
 * empty routes, then write the search index.
 */
await import('./prune-placeholders');
await import('./search-index');

export {};
