import { BROKEN_CHECK, type Verdict } from '../../../src/protocol/exercise';
import { compileCell } from '../cellCode';
import { runCompiledCell, toCellError } from '../evaluate';
import type { KernelState } from '../kernelState';
import { makeCheckApi, type CheckApi } from './checkApi';
import { NotYet } from './notYet';

/** The author's line for a check that ran without calling a single helper: it would pass anything. */
const NO_CHECK = 'The check made no check: call a check helper (check.value, check.model …) at least once.';

/** A broken check: the learner sees BROKEN_CHECK; the author gets what went wrong and where. */
function broken(thrown: unknown, checkId: string): Verdict {
  const error = toCellError(thrown, checkId);
  const at = error.line === undefined ? '' : ` (line ${error.line} of the check)`;
  return { status: 'broken', message: BROKEN_CHECK, detail: `${error.name}: ${error.message}${at}` };
}

/**
 * Runs an exercise's check code against what the learner made, in the kernel, and says how it
 * ended. The code is compiled as one block, so its declarations stay its own (no learner global
 * is made or replaced), with lines as the author wrote them; `check` is a parameter, so a learner
 * who named something `check` cannot change what the check calls.
 */
export async function runCheck(kernel: KernelState, source: string, cellId: string, console: unknown, display: unknown): Promise<Verdict> {
  const checkId = `${cellId}-check`;
  const { api, count } = makeCheckApi(kernel);
  // check.function returns a promise; one the author forgot to await must still decide the verdict.
  const calls: Array<Promise<void>> = [];
  const check: CheckApi = {
    ...api,
    function: (...args) => {
      const call = api.function(...args);
      // Handled here at once, so a rejection waits for the await below without an unhandled-rejection report.
      call.catch(() => undefined);
      calls.push(call);
      return call;
    },
  };
  let returned: unknown;
  try {
    // The block opens on the source's first line, so line N of the check is line N of the code.
    const compiled = compileCell(`{${source}\n}`, checkId, ['check']);
    returned = await runCompiledCell(compiled, console, display, [check]);
    await Promise.all(calls);
  } catch (e) {
    if (e instanceof NotYet) return { status: 'notYet', message: `Not yet: ${e.message}` };
    return broken(e, checkId);
  }
  if (count() === 0) return { status: 'broken', message: BROKEN_CHECK, detail: NO_CHECK };
  return { status: 'correct', message: typeof returned === 'string' && returned ? `Correct: ${returned}` : 'Correct' };
}
