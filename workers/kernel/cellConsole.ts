import type { StreamLevel } from '../../src/protocol/messages';
import { inspect } from './inspect';

export type CellConsole = Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;

/** Formats console arguments as a browser console would: strings raw, the rest inspected, space-separated. */
function formatArgs(args: unknown[]): string {
  return args.map((a) => inspect(a)).join(' ');
}

/** A console whose output goes to one cell; `emit` posts it. */
export function makeConsole(emit: (level: StreamLevel, text: string) => void): CellConsole {
  const to =
    (level: StreamLevel) =>
    (...args: unknown[]) =>
      emit(level, formatArgs(args));
  return { log: to('log'), info: to('info'), warn: to('warn'), error: to('error'), debug: to('log') };
}
