import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from '../../src/kernel/afterNextPaint';

// The kernel client starts a run with this: after the page's next frame, and never not at all.
/** Fake timers, and a requestAnimationFrame whose frames the test draws by hand. */
function fakeFrames(): FrameRequestCallback[] {
  vi.useFakeTimers();
  const frames: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  return frames;
}

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once, in the task after the next frame, not before it', () => {
    const frames = fakeFrames();
    const then = vi.fn();
    afterNextPaint(then, 100);
    vi.advanceTimersByTime(50);
    expect(then).not.toHaveBeenCalled();
    frames.shift()!(performance.now());
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(then).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback when no frame comes (a hidden tab), and not again when one does', () => {
    const frames = fakeFrames();
    const then = vi.fn();
    afterNextPaint(then, 100);
    vi.advanceTimersByTime(99);
    expect(then).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(then).toHaveBeenCalledTimes(1);
    frames.shift()!(performance.now());
    vi.advanceTimersByTime(10);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback where there are no frames at all (Node)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', undefined);
    const then = vi.fn();
    afterNextPaint(then, 30);
    vi.advanceTimersByTime(30);
    expect(then).toHaveBeenCalledTimes(1);
  });
});
