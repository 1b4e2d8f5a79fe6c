import { describe, expect, it } from 'vitest';
import { commandKey, DOUBLE_KEY_MS, initialCommandKeyState } from '../../src/features/notebook/commandKeys';

const press = (key: string, extra = {}) => ({ key, ...extra });

describe("Jupyter's command-mode keys", () => {
  it('maps single keys', () => {
    const cases: Array<[string, string | null]> = [
      ['a', 'insert-above'],
      ['b', 'insert-below'],
      ['ArrowUp', 'select-previous'],
      ['k', 'select-previous'],
      ['ArrowDown', 'select-next'],
      ['j', 'select-next'],
      ['Enter', 'edit'],
      ['m', 'to-markdown'],
      ['y', 'to-code'],
      ['x', null],
    ];
    for (const [key, action] of cases) expect(commandKey(initialCommandKeyState, press(key), 0).action, key).toBe(action);
  });

  it('deletes on d d within the time limit only', () => {
    const first = commandKey(initialCommandKeyState, press('d'), 1000);
    expect(first.action).toBeNull();
    expect(commandKey(first.state, press('d'), 1000 + DOUBLE_KEY_MS).action).toBe('delete');
    expect(commandKey(first.state, press('d'), 1001 + DOUBLE_KEY_MS).action).toBeNull();
  });

  it('a key between the two d presses cancels the delete', () => {
    const first = commandKey(initialCommandKeyState, press('d'), 0);
    const between = commandKey(first.state, press('j'), 10);
    expect(commandKey(between.state, press('d'), 20).action).toBeNull();
  });

  it('ignores keys with modifiers, so browser shortcuts keep working', () => {
    expect(commandKey(initialCommandKeyState, press('a', { ctrlKey: true }), 0).action).toBeNull();
    expect(commandKey(initialCommandKeyState, press('b', { metaKey: true }), 0).action).toBeNull();
  });

  it('runs with Shift+Enter (and moves on) or Ctrl/Cmd+Enter (in place)', () => {
    expect(commandKey(initialCommandKeyState, press('Enter', { shiftKey: true }), 0).action).toBe('run-and-advance');
    expect(commandKey(initialCommandKeyState, press('Enter', { ctrlKey: true }), 0).action).toBe('run');
    expect(commandKey(initialCommandKeyState, press('Enter', { metaKey: true }), 0).action).toBe('run');
  });

  it('interrupts on i i and restarts on 0 0, and never mixes two doubled keys', () => {
    const i = commandKey(initialCommandKeyState, press('i'), 0);
    expect(commandKey(i.state, press('i'), 100).action).toBe('interrupt');
    const zero = commandKey(initialCommandKeyState, press('0'), 0);
    expect(commandKey(zero.state, press('0'), 100).action).toBe('restart');
    const d = commandKey(initialCommandKeyState, press('d'), 0);
    expect(commandKey(d.state, press('i'), 10).action).toBeNull();
  });
});
