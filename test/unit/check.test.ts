import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, formatCheckProblem } from '@/lib/check';

const publicDir = path.join(import.meta.dirname, '..', 'fixtures', 'public');
let dir: string;
let lines: string[];

const posts: Record<string, string> = {
  'good.md': `---
title: Good
date: 2020-01-01
coverImage: /assets/blog/exists.jpg
---

## A heading

Links that work: [here](#a-heading), [there](/posts/other/#second-part), [home](/), [file](/assets/blog/exists.jpg).

![A picture](/assets/blog/exists.jpg)
`,
  'other.md': `---
title: Other
date: 2020-01-02
slug: other
aliases: [/old/other/]
---

## Second part

Back [to the alias](/old/other/).
`,
  'broken.md': `---
title: Broken links
date: 2020-01-03
coverImage: /assets/blog/missing.jpg
excerpt: "${'Long. '.repeat(60)}"
---

See [nothing](/posts/no-such-post/) and [the draft](/posts/unfinished/).
A [bad anchor](#nowhere) and [another](/posts/other/#no-such-part).

![](/assets/blog/exists.jpg)

![Wrong case](/Assets/Blog/Exists.jpg)

![Relative](images/x.png)
`,
  'unfinished.md': `---
title: Unfinished
date: 2020-01-04
draft: true
---

Draft.
`,
  'Duplicate.md': `---
title: One
date: 2020-01-05
---
x
`,
  'duplicate.md': `---
title: Two
date: 2020-01-06
---
x
`,
  'same-slug.md': `---
title: Same slug
date: 2020-01-07
slug: other
---
x
`,
  'invalid.md': `---
title: Invalid
date: someday
---
x
`,
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'check-'));
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(posts)) await writeFile(path.join(dir, name), content);
  const { problems } = await checkPosts(dir, publicDir);
  const shown = path.relative(process.cwd(), dir);
  lines = problems.map((problem) => formatCheckProblem(problem).replace(`${dir}/`, '').replace(`${shown}/`, ''));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run check', () => {
  it('passes a post whose links, anchors, aliases and images all exist', () => {
    expect(lines.filter((line) => line.startsWith('good.md') || line.startsWith('other.md'))).toEqual([]);
  });

  it('reports broken links, anchors and images with line and column', () => {
    const broken = lines.filter((line) => line.startsWith('broken.md'));
    expect(broken).toEqual([
      'broken.md:4:1: error: coverImage: /assets/blog/missing.jpg is not a file in public/ (names are case-sensitive)',
      expect.stringMatching(/^broken\.md:5:1: warning: excerpt: 359 characters/),
      'broken.md:8:5: error: link /posts/no-such-post/: there is no post "no-such-post"',
      'broken.md:8:41: error: link /posts/unfinished/: "unfinished" is a draft, so readers would get a 404',
      'broken.md:9:3: error: link #nowhere: no heading or id "nowhere" in this post',
      'broken.md:9:30: error: link /posts/other/#no-such-part: no heading or id "no-such-part" in "other"',
      'broken.md:11:1: warning: image /assets/blog/exists.jpg has no alt text: describe it for readers who cannot see it',
      'broken.md:13:1: error: image /Assets/Blog/Exists.jpg is not a file in public/ (names are case-sensitive)',
      expect.stringMatching(
        /^broken\.md:15:1: error: image images\/x\.png names .*\/images\/x\.png, which does not exist \(names are case-sensitive\)$/,
      ),
    ]);
  });

  it('reports two files at one URL, by case or by slug', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^(duplicate|Duplicate)\.md:1:1: error: slug: \/posts\/(duplicate|Duplicate)\/ is also the URL of .*(Duplicate|duplicate)\.md/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^(same-slug|other)\.md:\d+:1: error: slug: \/posts\/other\/ is also the URL of/),
    );
  });

  it('reports what the schema rejects, at the field', () => {
    expect(lines).toContainEqual(
      expect.stringMatching(/^invalid\.md:3:1: error: date: expected a date such as .*found "someday"$/),
    );
  });
});
