/**
 * The documentation stays true to the code and to itself: the README stays a short front page, every
 * relative link in it and in docs/ lands on a file (and heading) that exists, the README names every
 * docs page and every npm script, and the front-matter field table in docs/writing.md lists exactly
 * the fields of the schema in lib/post-schema.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { frontMatterSchema } from '@/lib/post-schema';

const root = path.resolve(import.meta.dirname, '..', '..');
const docsDir = path.join(root, 'docs');
const docs = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .sort();
const pages = ['README.md', ...docs.map((name) => path.join('docs', name))];
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** A markdown file without its fenced code blocks. */
const withoutFences = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The text of a markdown file without fenced code blocks and code spans, where links are only text. */
const prose = (markdown: string) => withoutFences(markdown).replace(/`[^`\n]*`/g, '');

/** Targets of inline links and images, `[text](target)`, outside code. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
}

/** Links within the repository: no scheme (`https:`, `mailto:`), not from the site root. */
const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/');

/** The anchors GitHub gives a file's headings. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    anchors.add(slugger.slug((match[1] ?? '').replace(/`/g, '')));
  }
  return anchors;
}

describe('README.md', () => {
  const readme = read('README.md');

  it('is a short front page: at most 8,500 bytes', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(8500);
  });

  it('links to every page in docs/', () => {
    const targets = new Set(linkTargets(readme).map((target) => path.normalize(target.split('#')[0] ?? '')));
    for (const name of docs) expect(targets, name).toContain(path.join('docs', name));
  });

  it('names every npm script a user runs (all but the pre/post hooks)', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const run = Object.keys(scripts).filter((name) => !/^(pre|post)/.test(name));
    expect(run.length).toBeGreaterThan(0);
    for (const name of run)
      expect(readme, name).toMatch(new RegExp(`npm (run )?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
  });
});

describe('relative links in README.md and docs/', () => {
  it.each(pages)('%s: every relative link points at a file (and heading) that exists', (page) => {
    const broken: string[] = [];
    for (const target of linkTargets(read(page)).filter(isRelative)) {
      const [file = '', anchor] = target.split('#');
      const resolved = file === '' ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(file)));
      if (!existsSync(path.join(root, resolved))) {
        broken.push(`${target}: no file ${resolved}`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(decodeURIComponent(anchor))) {
        broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('docs/writing.md', () => {
  it('lists exactly the top-level fields of the front-matter schema in its field table', () => {
    const writing = read(path.join('docs', 'writing.md'));
    const start = writing.indexOf('## Front-matter fields');
    expect(start, 'a "## Front-matter fields" section').toBeGreaterThan(-1);
    const section = writing.slice(start).split('\n').slice(1);
    const table = section.slice(section.findIndex((line) => line.startsWith('|')));
    const end = table.findIndex((line) => !line.startsWith('|'));
    // Past the header row and the |---| row.
    const rows = (end === -1 ? table : table.slice(0, end)).slice(2);
    expect(rows.length, 'a field table').toBeGreaterThan(0);
    const documented = rows.map((row) => /^\|\s*`([^`]+)`\s*\|/.exec(row)?.[1] ?? `(no field name in: ${row})`);
    expect([...documented].sort()).toEqual(Object.keys(frontMatterSchema.shape).sort());
    expect(new Set(documented).size, 'each field once').toBe(documented.length);
  });
});
