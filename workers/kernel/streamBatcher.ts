import type { FromKernel } from '../../src/protocol/messages';

type Stream = Extract<FromKernel, { type: 'stream' }>;

/** Prints are sent at most this often: a loop that logs 100,000 lines makes a few dozen messages, not 100,000. */
const STREAM_INTERVAL_MS = 50;

/** Joins consecutive prints of one run and level into one message, sent within STREAM_INTERVAL_MS. */
export function createStreamBatcher(send: (message: Stream) => void) {
  let pending: Stream | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending) send(pending);
    pending = null;
  };
  return {
    add(message: Stream) {
      if (pending && (pending.runId !== message.runId || pending.level !== message.level)) flush();
      pending = pending ? { ...pending, text: `${pending.text}\n${message.text}` } : message;
      timer ??= setTimeout(flush, STREAM_INTERVAL_MS);
    },
    flush,
  };
}
