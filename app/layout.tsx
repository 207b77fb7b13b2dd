import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { site } from '@/lib/site';
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
  openGraph: { siteName: site.title, locale: site.locale.replace('-', '_'), type: 'website' },
};

export const viewport: Viewport = {
  themeColor: '#ffffff',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={site.locale} className={inter.variable}>
      <body className="flex min-h-screen flex-col bg-white font-sans text-neutral-900 antialiased">
        <SiteHeader title={site.title} />
        <main id="content" className="flex-1 pt-10 md:pt-16">
          {children}
        </main>
        <SiteFooter title={site.title} description={site.description} />
      </body>
    </html>
  );
}
