import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * A vitest sequencer that starts the given files first, in the given order, and the others as vitest would
 * (longest last time first, or larger files first on a clean checkout, where vitest has no times yet).
 *
 * Without it a clean checkout (CI) starts the files by size, and a small file that runs for minutes, such as
 * the new-module check, could start last and run alone at the end while the other workers stand idle.
 * The list names the slowest files of `npm test`'s summary; a name that matches no file is ignored.
 */
export function slowFirst(files: readonly string[]) {
  const rank = (spec: TestSpecification) => {
    const i = files.findIndex((f) => spec.moduleId.endsWith(f));
    return i < 0 ? files.length : i;
  };
  return class SlowFirstSequencer extends BaseSequencer {
    override async sort(specs: TestSpecification[]) {
      return [...(await super.sort(specs))].sort((a, b) => rank(a) - rank(b));
    }
  };
}
