import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameBatch } from '../../src/kernel/frameBatch';

// The page applies the kernel's messages once a frame (issue 22): a burst is one update of the store.

describe('frame batch', () => {
  afterEach(() => vi.useRealTimers());

  it('applies a burst together, in order, once the frame comes (here the fallback: Node draws none)', () => {
    vi.useFakeTimers();
    const batch = createFrameBatch(100);
    const seen: string[] = [];
    for (const m of ['started', 'trainBegin', 'trainBatches', 'done']) batch.add(() => seen.push(m));
    vi.advanceTimersByTime(99);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['started', 'trainBegin', 'trainBatches', 'done']);
    // A later message starts the next batch.
    batch.add(() => seen.push('stream'));
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['started', 'trainBegin', 'trainBatches', 'done', 'stream']);
  });

  it('runs in the animation frame when there is one, before its paint, and only once', () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.useFakeTimers();
    const batch = createFrameBatch(100);
    const seen: number[] = [];
    batch.add(() => seen.push(1));
    batch.add(() => seen.push(2));
    expect(frames).toHaveLength(1);
    frames[0]();
    expect(seen).toEqual([1, 2]);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([1, 2]);
    vi.unstubAllGlobals();
  });

  it('one failing update does not hold back the rest; disposed, it drops what waits', () => {
    vi.useFakeTimers();
    const batch = createFrameBatch(10);
    const seen: string[] = [];
    batch.add(() => {
      throw new Error('bad message');
    });
    batch.add(() => seen.push('after'));
    batch.flush();
    expect(seen).toEqual(['after']);
    expect(() => vi.advanceTimersByTime(1)).toThrow('bad message');
    batch.add(() => seen.push('never'));
    batch.dispose();
    vi.advanceTimersByTime(50);
    expect(seen).toEqual(['after']);
  });
});
