import type { ReactNode } from 'react';

/** Centres page content with comfortable side margins. */
export function Container({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-5xl px-5 sm:px-8">{children}</div>;
}
