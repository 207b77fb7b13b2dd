import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { feedPaths } from '@/lib/feeds';
import { livePreviewOn, livePreviewScript } from '@/lib/live-preview';
import { site } from '@/lib/site';
import { ogImagePath } from '@/lib/urls';
import { themeScript } from '@/lib/theme';
import './globals.css';

const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
  weight: '100 900',
});

export const metadata: Metadata = {
  metadataBase: new URL(site.url),
  title: { default: site.title, template: `%s | ${site.title}` },
  description: site.description,
  openGraph: {
    siteName: site.title,
    locale: site.locale.replace('-', '_'),
    type: 'website',
    images: [{ url: ogImagePath('_site'), width: 1200, height: 630 }],
  },
  twitter: { card: 'summary_large_image', images: [ogImagePath('_site')] },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets a class and a style on <html> before React runs: expected, not a mismatch.
    <html lang={site.locale} className={inter.variable} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* Feed autodiscovery, here rather than in metadata: a page's own `alternates` would replace it. */}
        <link rel="alternate" type="application/rss+xml" title={`${site.title} (RSS)`} href={feedPaths.rss} />
        <link rel="alternate" type="application/atom+xml" title={`${site.title} (Atom)`} href={feedPaths.atom} />
        <link rel="alternate" type="application/feed+json" title={`${site.title} (JSON Feed)`} href={feedPaths.json} />
      </head>
      <body className="flex min-h-screen flex-col bg-white dark:bg-neutral-950 font-sans text-neutral-900 dark:text-neutral-100 antialiased">
        <a
          href="#content"
          className="sr-only focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50 focus:rounded focus:bg-white dark:focus:bg-neutral-900 focus:px-4 focus:py-2 focus:font-semibold focus:text-accent dark:focus:text-accent-bright focus:shadow"
        >
          Skip to content
        </a>
        <SiteHeader title={site.title} />
        <main id="content" tabIndex={-1} className="flex-1 pt-10 outline-none md:pt-16">
          {children}
        </main>
        <SiteFooter
          title={site.title}
          description={site.description}
          links={[{ name: 'RSS', url: feedPaths.rss }, ...site.social]}
        />
        {livePreviewOn() ? <script dangerouslySetInnerHTML={{ __html: livePreviewScript() }} /> : null}
      </body>
    </html>
  );
}
