import { Container } from './container';

/** The bar on every page: the site title, linking home. */
export function SiteHeader({ title }: { title: string }) {
  return (
    <header className="border-b border-neutral-200">
      <Container>
        <div className="flex h-16 items-center">
          <a href="/" className="text-lg font-bold tracking-tight hover:underline">
            {title}
          </a>
        </div>
      </Container>
    </header>
  );
}
