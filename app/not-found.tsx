import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { homePath } from '@/lib/urls';

export const metadata: Metadata = {
  title: 'Page not found',
  robots: { index: false },
};

/** The 404 page: `out/404.html` in the export, HTTP 404 under `next start`. */
export default function NotFound() {
  return (
    <Container>
      <div className="mx-auto max-w-prose py-16 text-center">
        <p className="text-sm font-semibold tracking-wide text-accent dark:text-accent-bright uppercase">404</p>
        <h1 className="mt-2 text-4xl font-bold tracking-tight">Page not found</h1>
        <p className="mt-4 text-lg text-neutral-700 dark:text-neutral-300">
          There is no page at this address. It may have moved, or never existed.
        </p>
        <p className="mt-8">
          <a
            href={homePath()}
            className="font-semibold text-accent dark:text-accent-bright underline underline-offset-4 hover:text-accent-dark dark:hover:text-white"
          >
            Go to the home page
          </a>
        </p>
      </div>
    </Container>
  );
}
