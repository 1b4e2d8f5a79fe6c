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
    expect(commandKey(initialCommandKeyState, press('Enter', { shiftKey: true }), 0).action).toBeNull();
  });
});
