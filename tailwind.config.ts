import typography from '@tailwindcss/typography';
import type { Config } from 'tailwindcss';

/** Loaded from `app/globals.css` with `@config`: the theme and the typography plugin for post bodies. */
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['var(--font-inter)', 'ui-sans-serif', 'system-ui', 'sans-serif'],
      },
      colors: {
        accent: {
          DEFAULT: '#1d4ed8',
          dark: '#1e3a8a',
          // For text on the dark theme's near-black background (contrast 7:1 and more).
          bright: '#93c5fd',
        },
      },
      maxWidth: {
        prose: '42rem',
      },
    },
  },
  plugins: [typography],
};

export default config;
