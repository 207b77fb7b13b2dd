import { Container } from './container';

type SiteFooterProps = {
  title: string;
  description: string;
  /** The RSS feed and the site's profiles elsewhere. */
  links: { name: string; url: string }[];
};

/** The foot of every page. */
export function SiteFooter({ title, description, links }: SiteFooterProps) {
  return (
    <footer className="mt-20 border-t border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900">
      <Container>
        <div className="flex flex-col gap-4 py-10 text-sm text-neutral-700 sm:flex-row sm:justify-between dark:text-neutral-300">
          <div>
            <p className="font-semibold text-neutral-900 dark:text-neutral-100">{title}</p>
            <p className="mt-1">{description}</p>
          </div>
          <ul className="flex gap-4">
            {links.map((link) => (
              <li key={link.url}>
                <a href={link.url} className="font-medium hover:underline">
                  {link.name}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </Container>
    </footer>
  );
}
