import type { ComponentProps } from 'react';

/**
 * An underlined link in running text or controls (pagination, "Go to the home page"), in the
 * accent colour of each theme: contrast passes WCAG AA on the light and the dark background.
 */
export function TextLink(props: Omit<ComponentProps<'a'>, 'className'>) {
  return (
    <a
      {...props}
      className="font-semibold text-accent underline underline-offset-4 hover:text-accent-dark dark:text-accent-bright dark:hover:text-white"
    />
  );
}
