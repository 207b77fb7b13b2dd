/**
 * The only JavaScript a post body may bring, as small inline scripts that enhance markup already
 * on the page (no framework, no hydration of the body), each sent only to posts that need it:
 *
 * - `copy-code`: a "Copy" button on every code block, which puts the block's text on the
 *   clipboard, says "Copied" on the button and in a live region for screen readers. Without
 *   scripts, or without the Clipboard API (pages over plain http), there is no button.
 * - `video-embed`: a click on a video facade (lib/markdown-embeds.ts) replaces it with the
 *   player's iframe; a click with a modifier key, or no script, follows the link to the video.
 *
 * `scriptsFor` reads which ones a rendered body needs, from the tree the HTML is written from.
 */
import type { Root } from 'hast';
import { eachElement } from './hast-walk';

export type PostScript = 'copy-code' | 'video-embed';

export const POST_SCRIPTS: Record<PostScript, string> = {
  'copy-code':
    "(()=>{const c=navigator.clipboard;if(!c)return;let s;for(const p of document.querySelectorAll('.prose pre')){let w=p.parentElement;if(!w.classList.contains('code-block')){w=document.createElement('div');w.className='code-block';p.replaceWith(w);w.append(p)}const b=document.createElement('button'),n=(t)=>{b.textContent=t;b.setAttribute('aria-label',t==='Copy'?'Copy code':t)};b.type='button';b.className='code-copy';n('Copy');b.onclick=()=>c.writeText(p.textContent).then(()=>{if(!s){s=document.createElement('span');s.setAttribute('role','status');s.className='sr-only';document.body.append(s)}s.textContent='Copied to the clipboard';n('Copied');setTimeout(()=>{n('Copy');s.textContent=''},2e3)},()=>n('Copy failed'));w.append(b)}})()",
  'video-embed':
    "document.addEventListener('click',e=>{const a=e.target instanceof Element&&e.target.closest('a[data-embed-src]');if(!a||e.button||e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)return;e.preventDefault();const f=document.createElement('iframe');f.src=a.dataset.embedSrc;f.title=a.dataset.embedTitle;f.allow='autoplay; encrypted-media; picture-in-picture; fullscreen';f.allowFullscreen=true;a.replaceWith(f);f.focus()})",
};

/** The scripts a rendered body needs: the copy button where it has code blocks, the player where it has video facades. */
export function scriptsFor(tree: Root): PostScript[] {
  let code = false;
  let video = false;
  eachElement(tree, (node) => {
    if (node.tagName === 'pre') code = true;
    else if (node.tagName === 'a' && typeof node.properties.dataEmbedSrc === 'string') video = true;
  });
  return [...(code ? (['copy-code'] as const) : []), ...(video ? (['video-embed'] as const) : [])];
}
