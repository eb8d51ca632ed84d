import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md is the page a newcomer reads first: it must name every
// top-level folder and every folder under electron/ and renderer/, and each of
// the latter carries a README saying its job. A new folder without both fails here.

const root = process.cwd();
const DOC = 'docs/ARCHITECTURE.md';

/** Folder names .gitignore keeps out of the repository (node_modules/, out/, /tmp/...): not part of the map. */
function ignoredNames(): Set<string> {
  const names = new Set(['node_modules', 'out', 'test-results', 'dist', 'playwright-report']);
  const gitignore = join(root, '.gitignore');
  if (!existsSync(gitignore)) return names;
  for (const raw of readFileSync(gitignore, 'utf8').split('\n')) {
    const line = raw.trim().replace(/^\//, '').replace(/\/$/, '');
    if (line && !line.startsWith('#') && !/[*?![\]/]/.test(line)) names.add(line);
  }
  return names;
}

function subfolders(dir: string, ignored: Set<string>): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !ignored.has(e.name))
    .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`))
    .sort();
}

function allBelow(dir: string, ignored: Set<string>): string[] {
  return subfolders(dir, ignored).flatMap((d) => [d, ...allBelow(d, ignored)]);
}

const ignored = ignoredNames();
const topLevel = subfolders('.', ignored);
const appFolders = [...allBelow('electron', ignored), ...allBelow('renderer', ignored)];

/** The doc names a folder as `path/`: the path, a slash, then not a deeper segment. */
function names(doc: string, folder: string): boolean {
  const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w/.-])${escaped}/(?![\\w.-])`, 'm').test(doc);
}

describe('docs/ARCHITECTURE.md', () => {
  const doc = readFileSync(join(root, DOC), 'utf8');

  it('finds the folders it checks (the listing itself works)', () => {
    expect(topLevel).toEqual(expect.arrayContaining(['electron', 'renderer', 'shared', 'test']));
    expect(appFolders).toEqual(expect.arrayContaining(['electron/host', 'electron/ib', 'electron/ib/mapping', 'renderer/stores']));
    expect(topLevel).not.toContain('node_modules');
  });

  it('names every top-level folder and every folder under electron/ and renderer/', () => {
    const missing = [...topLevel, ...appFolders].filter((folder) => !names(doc, folder));
    const advice = missing.map(
      (folder) =>
        `${DOC} does not name the folder ${folder}/. Add a row for \`${folder}/\` (written with the trailing slash) ` +
        `to the folder map in ${DOC}, saying in one line what the folder is for.`,
    );
    expect(advice).toEqual([]);
  });

  it('finds a README in every folder under electron/ and renderer/', () => {
    const missing = appFolders
      .filter((folder) => !existsSync(join(root, folder, 'README.md')))
      .map((folder) => `${folder}/ has no README.md. Add ${folder}/README.md: the folder's job, its entry points, and what it may import.`);
    expect(missing).toEqual([]);
  });

  it('recognises a folder only when it is written as a path', () => {
    expect(names('see `electron/ib/` for the adapter', 'electron/ib')).toBe(true);
    expect(names('see electron/ib/mapping/ only', 'electron/ib')).toBe(false);
    expect(names('the ib adapter', 'electron/ib')).toBe(false);
    expect(names('| `test/` | tests |', 'test')).toBe(true);
    expect(names('in test/unit/ only', 'test')).toBe(false);
  });
});
