import { useEffect, useRef } from 'react';

interface DrawingPadProps {
  /** Called when a stroke ends and after Clear, with the pad's grey pixels (0 background, 1 ink), row-major. */
  onChange: (pixels: Float32Array, width: number, height: number) => void;
  /** Side in CSS pixels, and the canvas's own resolution. */
  size?: number;
  /** Pen width in canvas pixels; the default is thick so strokes shrink to MNIST-like ones. */
  lineWidth?: number;
}

/** A square pad to draw on with mouse, pen or touch: white ink on black, as MNIST and Shapes images are. */
export function DrawingPad({ onChange, size = 280, lineWidth }: DrawingPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The latest onChange, so the handlers need not be rebuilt when it changes.
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const last = useRef<{ id: number; x: number; y: number } | null>(null);
  const width = lineWidth ?? Math.max(2, Math.round(size / 12));

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const blank = () => {
    const ctx = context();
    if (!ctx) return;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
  };

  // Resizing a canvas wipes it to transparent, which would read as no ink but
  // show the page's background; paint it black again.
  useEffect(blank, [size]);

  const report = () => {
    const ctx = context();
    if (!ctx) return;
    const rgba = ctx.getImageData(0, 0, size, size).data;
    const grey = new Float32Array(size * size);
    // The ink is white, so any one channel is the grey level.
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4] / 255;
    onChangeRef.current(grey, size, size);
  };

  // Pointer positions are in CSS pixels; the pad may be shrunk by CSS (a
  // narrow screen, max-width), so map them onto the canvas's own pixels.
  const toCanvas = (e: { clientX: number; clientY: number }) => {
    // Only the canvas's own pointer handlers call this, so it is mounted.
    const canvas = canvasRef.current;
    if (!canvas) throw new Error('DrawingPad: a pointer event came with no canvas mounted');
    const rect = canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * size) / (rect.width || size),
      y: ((e.clientY - rect.top) * size) / (rect.height || size),
    };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const ctx = context();
    if (!ctx) return;
    // Keep receiving moves when the stroke leaves the pad, so it ends cleanly.
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = toCanvas(e);
    // A tap is a dot: a zero-length line draws nothing in some browsers.
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(p.x, p.y, width / 2, 0, 2 * Math.PI);
    ctx.fill();
    last.current = { id: e.pointerId, ...p };
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const from = last.current;
    const ctx = context();
    if (!from || from.id !== e.pointerId || !ctx) return;
    // Coalesced events keep fast pen strokes smooth rather than polygonal.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const points = (events.length ? events : [e]).map(toCanvas);
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = width;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    for (const p of points) ctx.lineTo(p.x, p.y);
    ctx.stroke();
    const end = points[points.length - 1];
    last.current = { id: e.pointerId, ...end };
  };

  const onPointerEnd = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (last.current?.id !== e.pointerId) return;
    last.current = null;
    report();
  };

  const clear = () => {
    last.current = null;
    blank();
    report();
  };

  return (
    <div className="drawing-pad">
      <div className="drawing-pad-caption">Draw here</div>
      <canvas
        ref={canvasRef}
        width={size}
        height={size}
        tabIndex={0}
        aria-label="Drawing pad"
        style={{ width: size }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onKeyDown={(e) => {
          // Keyboard users cannot draw, but can at least start over.
          if (e.key === 'Delete' || e.key === 'Backspace') {
            e.preventDefault();
            clear();
          }
        }}
      />
      <button type="button" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
