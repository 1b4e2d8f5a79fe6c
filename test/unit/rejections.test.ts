import { describe, expect, it } from 'vitest';
import { answerDeniedDatabases, describeRejection, type IDBScope } from '../../workers/kernel/rejections';

// What an "Uncaught (in promise)" line says, and the kernel's answer to Chromium's databases() quirk (issue 22).

describe('rejections', () => {
  it('say what was rejected', () => {
    expect(describeRejection(new RangeError('too far'))).toBe('RangeError: too far');
    expect(describeRejection(undefined)).toBe('undefined (the promise was rejected with no reason)');
    expect(describeRejection('no')).toBe('"no"');
    expect(describeRejection({ code: 7 })).toBe('{"code":7}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(describeRejection(loop)).toBe('[object Object]');
    expect(describeRejection(42)).toBe('42');
  });

  it('answer databases() with the SecurityError alone where the origin is opaque, and leave it alone elsewhere', async () => {
    const original = () => Promise.resolve([{ name: 'real' }]);
    const scopeAt = (origin: string): IDBScope => ({
      origin,
      IDBFactory: { prototype: { databases: original } },
    });
    const opaque = scopeAt('null');
    answerDeniedDatabases(opaque);
    const refused = await opaque.IDBFactory!.prototype.databases().then(
      () => null,
      (e: DOMException) => e,
    );
    expect(refused?.name).toBe('SecurityError');
    expect(refused?.message).toMatch(/Access to the IndexedDB API is denied in this context/);
    const app = scopeAt('https://layerbook.example');
    answerDeniedDatabases(app);
    expect(await app.IDBFactory!.prototype.databases()).toEqual([{ name: 'real' }]);
    // A scope with no IndexedDB at all is left as it is.
    expect(() => answerDeniedDatabases({ origin: 'null' })).not.toThrow();
  });
});
