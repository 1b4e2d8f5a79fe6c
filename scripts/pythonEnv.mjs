// The Python side of the tests: real Keras and TensorFlow from PyPI, the reference for everything
// Layerbook says about Keras. They live in a virtual environment inside the project (`.venv/`,
// ignored by git), made when missing or when test/python/requirements.txt changed since, so a
// second run of the test command on one machine reuses it and a fresh clone builds it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const VENV = join(ROOT, '.venv');
export const VENV_PYTHON = join(VENV, 'bin', 'python');
const REQUIREMENTS = join(ROOT, 'test', 'python', 'requirements.txt');
const STAMP = join(VENV, 'layerbook-requirements.sha256');

const digest = () => createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');

/**
 * Runs a command with its output shown, in a process group of its own so that `signal` stops all of
 * it (the shell and pip under it); resolves to whether it succeeded.
 */
function run(cmd, args, signal) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: 'inherit', detached: true });
    const stop = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    signal?.addEventListener('abort', stop, { once: true });
    child.on('error', () => done(false));
    child.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      done(code === 0);
    });
  });
}

const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** True when `.venv/` holds what test/python/requirements.txt asks for, as its last install recorded. */
export function pythonEnvReady() {
  return existsSync(VENV_PYTHON) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === digest();
}

/**
 * Makes `.venv/` with the pinned Keras, TensorFlow and Jupyter packages when it is missing or out
 * of date. Returns the venv's python, or null after saying what to install by hand. Aborting
 * `signal` stops an install under way (the test command does when its checks fail: no tests will
 * need it, and an install left running would hold the terminal); the next run starts it again.
 */
export async function ensurePythonEnv(signal) {
  if (pythonEnvReady()) return VENV_PYTHON;
  if (!has('python3', ['-c', 'import venv, ensurepip'])) {
    console.error(
      '\nThe Python-side tests need Python 3 with venv (real Keras is their reference), and it is missing.\n' +
        'Install it with:  sudo apt-get update && sudo apt-get install python3 python3-venv',
    );
    return null;
  }
  console.log(`Making the Python environment for the Keras tests in ${VENV} (once per machine and requirements).`);
  // One child process for both steps, started at once: the test command installs while the unit
  // tests run (their spawnSync holds this process's event loop, not the child).
  const quote = (p) => `'${p.replaceAll("'", "'\\''")}'`;
  const made = await run(
    'sh',
    [
      '-c',
      // The shell times it: this process only hears the child's exit once the tests let it.
      'started=$(date +%s); ' +
        `{ test -x ${quote(VENV_PYTHON)} || python3 -m venv ${quote(VENV)}; } && ` +
        `${quote(VENV_PYTHON)} -m pip install --disable-pip-version-check --quiet -r ${quote(REQUIREMENTS)} && ` +
        'echo "Python environment for the Keras tests installed in $(( $(date +%s) - started )) s."',
    ],
    signal,
  );
  if (signal?.aborted) return null;
  if (!made) {
    console.error(
      `\nInstalling ${REQUIREMENTS} from PyPI into ${VENV} failed (above). The Python-side tests need it:\n` +
        `check that PyPI is reachable, or install by hand:  python3 -m venv .venv && .venv/bin/pip install -r test/python/requirements.txt`,
    );
    return null;
  }
  writeFileSync(STAMP, `${digest()}\n`);
  return VENV_PYTHON;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit((await ensurePythonEnv()) ? 0 : 1);
