// Prettier's --check names the files only; this also says where in each file it differs, so a
// failing `npm test` points at the line to fix (or says to run `npm run format`).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';

/** The files Prettier would change here (it honours .gitignore and .prettierignore). */
function unformattedFiles(cwd) {
  const r = spawnSync('npx', ['prettier', '--list-different', '.'], { cwd, encoding: 'utf8' });
  // 0: all formatted; 1: some differ; 2: Prettier itself failed (a syntax error, say).
  if (r.status === 2) throw new Error(`Prettier could not read the tree:\n${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** The first line where Prettier's output differs from the file, 1-based. */
async function firstDifference(cwd, file) {
  const path = `${cwd}/${file}`;
  const source = readFileSync(path, 'utf8');
  const options = { ...(await prettier.resolveConfig(path)), filepath: path };
  const formatted = await prettier.format(source, options);
  const a = source.split('\n');
  const b = formatted.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  return line === -1 ? a.length : line + 1;
}

/** Problems as `file:line: message` lines; none when the tree is formatted. */
export async function formatProblems(cwd = process.cwd()) {
  const problems = [];
  for (const file of unformattedFiles(cwd)) {
    const line = await firstDifference(cwd, file);
    problems.push(`${file}:${line}: not formatted as Prettier writes it (from this line on) [prettier]`);
  }
  return problems;
}
