import Link from 'next/link';
import { Container } from './container';

/** The bar on every page: the site title, linking home. */
export function SiteHeader({ title }: { title: string }) {
  return (
    <header className="border-b border-neutral-200">
      <Container>
        <div className="flex h-16 items-center">
          <Link href="/" className="text-lg font-bold tracking-tight hover:underline">
            {title}
          </Link>
        </div>
      </Container>
    </header>
  );
}
