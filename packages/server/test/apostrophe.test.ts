import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One apostrophe in every text a user reads: the typographic ’. A straight ' between two letters
 * inside a string literal or JSX text of the domain, the web app or the server is reported with its
 * place. Comments (English, for developers) are left alone.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCES = ['packages/domain/src', 'packages/web/src', 'packages/server/src'];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

/** The text of a line that is not a comment: `// …` removed, lines inside `/* … *\/` skipped. */
function codeLines(text: string): [number, string][] {
  const lines: [number, string][] = [];
  let inBlock = false;
  for (const [i, raw] of text.split('\n').entries()) {
    let line = raw;
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end === -1) continue;
      line = line.slice(end + 2);
      inBlock = false;
    }
    const start = line.indexOf('/*');
    if (start !== -1 && !line.slice(start).includes('*/')) {
      inBlock = true;
      line = line.slice(0, start);
    }
    line = line.replace(/\/\*.*?\*\//g, '').replace(/(^|\s)\/\/.*$/, '');
    lines.push([i + 1, line]);
  }
  return lines;
}

/** A letter, a straight apostrophe, a letter: « l'assurance », « n'est ». */
const FRENCH_ELISION = /\p{L}'\p{L}/u;

describe('apostrophe typographique', () => {
  it('no straight apostrophe inside a word of a user-visible text', () => {
    const found: string[] = [];
    for (const dir of SOURCES) {
      for (const file of sourceFiles(path.join(root, dir))) {
        for (const [n, line] of codeLines(readFileSync(file, 'utf8'))) {
          if (FRENCH_ELISION.test(line)) found.push(`${path.relative(root, file)}:${n}: ${line.trim()}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
