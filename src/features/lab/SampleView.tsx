import { useEffect, useRef } from 'react';
import type { SampleView as Sample } from '../../protocol/sampleView';

/** One example as a learner looks at it: the image drawn (pixelated, scaled up), the text, or the numbers. */
export function SampleView({ sample, label, scale = 3 }: { sample: Sample; label: string; scale?: number }) {
  if (sample.kind === 'text') return <q className="sample-text">{sample.text}</q>;
  if (sample.kind === 'values')
    return <code className="sample-values">{sample.values.map((v) => Number(v.toPrecision(3))).join(', ')}</code>;
  return <SampleImage sample={sample} label={label} scale={scale} />;
}

function SampleImage({ sample, label, scale }: { sample: Extract<Sample, { kind: 'image' }>; label: string; scale: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const { width, height, channels, pixels } = sample;
    const image = ctx.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      for (let c = 0; c < 3; c++)
        image.data[i * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, pixels[i * channels + (channels === 1 ? 0 : c)])));
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [sample]);
  return (
    <canvas
      ref={canvas}
      width={sample.width}
      height={sample.height}
      role="img"
      aria-label={label}
      className="sample-image"
      style={{ width: sample.width * scale, height: sample.height * scale }}
    />
  );
}
