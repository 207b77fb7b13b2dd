import { site } from '@/lib/site';
import { homePath, routeHref } from '@/lib/urls';
import { Container } from './container';
import { ThemeToggle } from './theme-toggle';

/** The bar on every page: the site title, linking home, and the site's sections (`site.navigation`). */
export function SiteHeader({ title }: { title: string }) {
  return (
    <header className="border-b border-neutral-200 dark:border-neutral-800">
      <Container>
        <div className="flex h-16 items-center justify-between gap-6">
          <a href={homePath()} className="text-lg font-bold tracking-tight hover:underline">
            {title}
          </a>
          <nav aria-label="Site">
            <ul className="flex items-center gap-6 font-medium">
              {site.navigation.map((item) => (
                <li key={item.name}>
                  <a href={routeHref(item.route)} className="hover:underline">
                    {item.name}
                  </a>
                </li>
              ))}
              <li>
                <ThemeToggle />
              </li>
            </ul>
          </nav>
        </div>
      </Container>
    </header>
  );
}
