import type { Metadata } from 'next';
import { Container } from '@/components/container';
import { SearchBox } from '@/components/search-box';
import { site } from '@/lib/site';
import { searchPath } from '@/lib/urls';

export const metadata: Metadata = {
  title: 'Search',
  description: 'Search the full text of every post.',
  alternates: { canonical: searchPath() },
};

export default function SearchPage() {
  return (
    <Container>
      <div className="mx-auto max-w-prose">
        <h1 className="mb-8 text-4xl font-bold tracking-tight md:text-5xl">Search</h1>
        <SearchBox resultsShown={site.searchResults} />
        <noscript>
          <p>Search needs JavaScript. Every post is also listed on the home page and by tag.</p>
        </noscript>
      </div>
    </Container>
  );
}
