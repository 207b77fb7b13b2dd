import { POST_SCRIPTS, type PostScript } from '@/lib/post-scripts';

/**
 * The inline scripts a post's body needs (copy buttons, video players), after the body they
 * enhance: a few hundred bytes each, on the posts that need them only, and nothing to hydrate.
 */
export function PostScripts({ scripts }: { scripts: PostScript[] }) {
  return scripts.map((name) => <script key={name} dangerouslySetInnerHTML={{ __html: POST_SCRIPTS[name] }} />);
}
