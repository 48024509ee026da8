// A vitest reporter that writes, per test file, where its time went, to the JSON file named by
// VITEST_FILE_TIMES (scripts/test.mjs reads it to print the slowest files). Without the variable it does nothing.
//
//   import   loading the file and everything it imports (vitest's collect phase)
//   hooks    beforeAll/afterAll (building apps, databases, servers once per file)
//   tests    the tests, with their beforeEach/afterEach
import fs from 'node:fs';
import path from 'node:path';

export default class FileTimesReporter {
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules) {
    const out = process.env.VITEST_FILE_TIMES;
    if (!out) return;
    const files = testModules.map((m) => {
      const d = m.diagnostic();
      let tests = 0;
      for (const t of m.children.allTests()) tests += t.diagnostic()?.duration ?? 0;
      return {
        file: path.relative(this.root, m.moduleId),
        state: m.state(),
        importMs: Math.round(d.collectDuration + d.prepareDuration + d.setupDuration),
        hooksMs: Math.max(0, Math.round(d.duration - tests)),
        testsMs: Math.round(tests),
      };
    });
    fs.writeFileSync(out, JSON.stringify(files));
  }
}
