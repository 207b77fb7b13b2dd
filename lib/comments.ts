/**
 * Comments, opt-in: with `site.comments` set, each post ends with a giscus thread. The script
 * below loads giscus only when the reader scrolls near the comments, and keeps its theme in step
 * with the site's dark mode (lib/theme.ts), also when the reader switches it. Without the setting,
 * no post carries any of it.
 */
import type { GiscusConfig } from './site';

/** The giscus widget's settings as its `data-*` attributes. */
export function giscusAttributes(config: GiscusConfig, lang: string): Record<string, string> {
  return {
    repo: config.repo,
    'repo-id': config.repoId,
    category: config.category,
    'category-id': config.categoryId,
    mapping: config.mapping ?? 'pathname',
    strict: '0',
    'reactions-enabled': config.reactions === false ? '0' : '1',
    'emit-metadata': '0',
    'input-position': 'top',
    lang: lang.split('-')[0] ?? 'en',
    loading: 'lazy',
  };
}

export const GISCUS_ORIGIN = 'https://giscus.app';

/**
 * The loader, inline: waits until `#comments` is within 300px of the viewport, then adds giscus's
 * script with the settings and the current theme, and tells the widget when the theme changes.
 */
export function commentsScript(config: GiscusConfig, lang: string): string {
  const attributes = JSON.stringify(giscusAttributes(config, lang)).replace(/</g, '\\u003c');
  return `(()=>{const s=document.getElementById('comments');if(!s||!('IntersectionObserver'in window))return;const t=()=>document.documentElement.classList.contains('dark')?'dark':'light',o=new IntersectionObserver(e=>{if(!e.some(x=>x.isIntersecting))return;o.disconnect();const g=document.createElement('script');g.src='${GISCUS_ORIGIN}/client.js';g.async=true;g.crossOrigin='anonymous';for(const[k,v]of Object.entries(${attributes}))g.setAttribute('data-'+k,v);g.setAttribute('data-theme',t());s.querySelector('.giscus').append(g);new MutationObserver(()=>{const f=s.querySelector('iframe.giscus-frame');if(f)f.contentWindow.postMessage({giscus:{setConfig:{theme:t()}}},'${GISCUS_ORIGIN}')}).observe(document.documentElement,{attributes:true,attributeFilter:['class']})},{rootMargin:'300px'});o.observe(s)})()`;
}
