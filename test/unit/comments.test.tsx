/** Comments are opt-in: nothing without `site.comments`; with it, a section whose script loads giscus on scroll. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Comments } from '@/components/comments';
import { commentsScript } from '@/lib/comments';
import { site } from '@/lib/site';

const config = { repo: 'you/blog', repoId: 'R_1', category: 'Comments', categoryId: 'DIC_1' } as const;

describe('comments', () => {
  it('are off by default: no section and no script', () => {
    expect(site.comments).toBeUndefined();
    expect(renderToStaticMarkup(<Comments config={site.comments} lang="en-US" />)).toBe('');
  });

  it('when configured, wait for the reader to scroll near them and follow the dark mode', () => {
    const html = renderToStaticMarkup(<Comments config={config} lang="en-US" />);
    expect(html).toContain('<section id="comments" aria-labelledby="comments-title"');
    expect(html).toContain('<div class="giscus"></div>');
    // giscus's own script is added by the loader, never in the HTML.
    expect(html).not.toContain('src="https://giscus.app');
    const script = commentsScript(config, 'en-US');
    expect(script).toContain('new IntersectionObserver');
    expect(script).toContain('"repo":"you/blog","repo-id":"R_1"');
    expect(script).toContain('"lang":"en"');
    expect(script).toContain("classList.contains('dark')?'dark':'light'");
    expect(script).toContain('setConfig:{theme:t()}');
  });

  it('cannot close their script element, whatever the settings hold', () => {
    expect(commentsScript({ ...config, category: '</script><script>alert(1)' }, 'en')).not.toContain('</script>');
  });
});
