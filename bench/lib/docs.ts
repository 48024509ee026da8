import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './child.ts';

const DOCS = path.join(ROOT, 'docs/benchmarks.md');

/** `--write-docs` on the command line: the bench replaces its own section of docs/benchmarks.md. */
export const WRITE_DOCS = process.argv.includes('--write-docs');

/**
 * Replace one `## heading` section of docs/benchmarks.md (up to the next `## `), or append it. The file is read
 * right before writing, so sections other benches wrote in the meantime stay as they are.
 */
export function replaceDocsSection(section: string) {
  const heading = section.trimStart().split('\n')[0] as string;
  const current = fs.existsSync(DOCS) ? fs.readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(`${heading}\n`);
  const body = `${section.trim()}\n`;
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${body}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + body + (after < 0 ? '' : `\n${current.slice(after + 1)}`);
  }
  fs.writeFileSync(DOCS, next);
}
