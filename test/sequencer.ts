/**
 * Orders every suite of one run for two workers, while the shared builds come in in the background
 * (test/build/shared-builds.ts builds server, export, base, empty, in that order): first
 * the suite with the longest wait after its build (the revalidation window of server mode), then
 * the unit suites while the builds run, then the integration suites by how much work they have
 * after their build, those waiting for the last builds last.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = 'test/build/server-mode.test.ts';

const AFTER_UNIT = [
  'test/e2e/server.test.ts',
  'test/build/shared-cache.test.ts',
  'test/e2e/export.test.ts',
  'test/e2e/lighthouse.test.ts',
  'test/e2e/pictures.test.ts',
  'test/build/server-hostile.test.ts',
  'test/build/reader-features.test.ts',
  'test/build/hostile-build.test.ts',
  'test/build/standalone.test.ts',
  'test/e2e/base-path.test.ts',
  'test/build/export-build.test.ts', // also waits for the empty build
];

function rank(file: TestSpecification): number {
  const name = path.relative(file.project.config.root, file.moduleId).split(path.sep).join('/');
  if (name === FIRST) return 0;
  const index = AFTER_UNIT.indexOf(name);
  return index === -1 ? 1 : 2 + index;
}

export default class SuiteSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((file, position) => ({ file, position }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.position - b.position)
      .map(({ file }) => file);
  }
}
