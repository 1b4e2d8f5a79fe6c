// Jupyter's command-mode keys, as a pure step function so they are testable
// without a DOM: the caller keeps the state between key presses.

export type CommandAction =
  | 'insert-above'
  | 'insert-below'
  | 'delete'
  | 'select-previous'
  | 'select-next'
  | 'edit'
  | 'to-markdown'
  | 'to-code'
  | 'run'
  | 'run-and-advance'
  | 'interrupt'
  | 'restart';

export interface CommandKeyState {
  /** The first key of a doubled command (`dd`, `ii`, `00`), and when it was pressed. */
  pending: { key: string; at: number } | null;
}

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The second d must follow the first within this time, or it starts over. */
export const DOUBLE_KEY_MS = 800;

export const initialCommandKeyState: CommandKeyState = { pending: null };

const DOUBLED: Record<string, CommandAction> = { d: 'delete', i: 'interrupt', '0': 'restart' };

/** The action a key press stands for in command mode, if any, and the state after it. */
export function commandKey(state: CommandKeyState, press: KeyPress, now: number): { state: CommandKeyState; action: CommandAction | null } {
  const none = { state: initialCommandKeyState, action: null };
  if (press.key === 'Enter' && (press.ctrlKey || press.metaKey)) return { ...none, action: 'run' };
  if (press.ctrlKey || press.metaKey || press.altKey) return none;
  const doubled = DOUBLED[press.key];
  if (doubled) {
    const p = state.pending;
    if (p && p.key === press.key && now - p.at <= DOUBLE_KEY_MS) return { ...none, action: doubled };
    return { state: { pending: { key: press.key, at: now } }, action: null };
  }
  switch (press.key) {
    case 'a':
      return { ...none, action: 'insert-above' };
    case 'b':
      return { ...none, action: 'insert-below' };
    case 'ArrowUp':
    case 'k':
      return { ...none, action: 'select-previous' };
    case 'ArrowDown':
    case 'j':
      return { ...none, action: 'select-next' };
    case 'Enter':
      return { ...none, action: press.shiftKey ? 'run-and-advance' : 'edit' };
    case 'm':
      return { ...none, action: 'to-markdown' };
    case 'y':
      return { ...none, action: 'to-code' };
    default:
      return none;
  }
}
