import { useEffect, useRef } from 'react';

/** RGBA pixels on a canvas at their own size, shown `scale` times larger (or smaller) by CSS. */
export function RgbaCanvas(props: {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  scale: number;
  label: string;
  className: string;
}) {
  const { width, height, rgba, scale, label, className } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, [width, height, rgba]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      width={width}
      height={height}
      className={className}
      style={{ width: width * scale, height: height * scale }}
    />
  );
}
