import { Container } from './container';

/** The foot of every page. */
export function SiteFooter({ title, description }: { title: string; description: string }) {
  return (
    <footer className="mt-20 border-t border-neutral-200 dark:border-neutral-800 bg-neutral-50 dark:bg-neutral-900">
      <Container>
        <div className="py-10 text-sm text-neutral-700 dark:text-neutral-300">
          <p className="font-semibold text-neutral-900 dark:text-neutral-100">{title}</p>
          <p className="mt-1">{description}</p>
        </div>
      </Container>
    </footer>
  );
}
