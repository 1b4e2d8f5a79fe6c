import { useEffect, useId, useState } from 'react';
import type { PredictMode } from '../../data/catalogue';
import { toModelInput } from '../../data/drawnInput';
import type { Prediction, PredictInput } from '../../protocol/lab';
import { DrawingPad } from '../predict/DrawingPad';
import { TopClasses } from '../predict/TopClasses';
import { SampleView } from './SampleView';

/** Predict: draw, type or pick a test sample, and see the top classes. */
export function PredictPanel({ mode, predict }: { mode: PredictMode; predict(input: PredictInput): Promise<Prediction> }) {
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [text, setText] = useState('the acting was not good');
  const sampleId = useId();
  const textId = useId();

  const ask = (input: PredictInput) => {
    setError(null);
    predict(input).then(
      (p) => {
        setPrediction(p);
        if (p.index !== undefined) setIndex(p.index);
      },
      (e: Error) => setError(e.message),
    );
  };
  // A sample straight away, so the panel is never empty.
  // The kernel wraps the index around its test split, so any whole number is a fair pick.
  useEffect(() => ask({ kind: 'sample', index: Math.floor(Math.random() * 1e9) }), []); // eslint-disable-line react-hooks/exhaustive-deps

  const onDraw = (pixels: Float32Array, width: number, height: number) => {
    if (mode.kind !== 'draw') return;
    if (!pixels.some((v) => v > 0)) return setPrediction(null);
    const grey = toModelInput(pixels, width, height, { size: mode.size, style: mode.style });
    // A colour model gets the drawing in every channel.
    const data =
      mode.channels === 1
        ? grey
        : Float32Array.from({ length: grey.length * mode.channels }, (_, i) => grey[Math.floor(i / mode.channels)]);
    ask({ kind: 'pixels', data });
  };

  return (
    <section className="predict-panel" aria-label="Predict">
      <div className="predict-inputs">
        {mode.kind === 'draw' && <DrawingPad onChange={onDraw} />}
        {mode.kind === 'text' && (
          <form
            className="param"
            onSubmit={(e) => {
              e.preventDefault();
              ask({ kind: 'text', text });
            }}
          >
            <label htmlFor={textId}>Sentence</label>
            <input id={textId} type="text" value={text} maxLength={300} onChange={(e) => setText(e.target.value)} />
            <button type="submit">Classify sentence</button>
          </form>
        )}
        <div className="param">
          <label htmlFor={sampleId}>Test sample</label>
          <input
            id={sampleId}
            type="number"
            min={0}
            max={prediction ? prediction.testCount - 1 : undefined}
            value={index}
            onChange={(e) => {
              const i = Number(e.target.value);
              if (Number.isInteger(i) && i >= 0) {
                setIndex(i);
                ask({ kind: 'sample', index: i });
              }
            }}
          />
          <button type="button" onClick={() => ask({ kind: 'sample', index: Math.floor(Math.random() * 1e9) })}>
            Random sample
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
      {prediction && (
        <div className="predict-result">
          {prediction.sample && <SampleView sample={prediction.sample} label={`test example ${prediction.index}`} scale={4} />}
          {prediction.output ? (
            <figure className="top-classes">
              <SampleView sample={prediction.output} label="the model's reconstruction" scale={4} />
              <figcaption>The model’s reconstruction</figcaption>
            </figure>
          ) : prediction.classes.length ? (
            <TopClasses classes={prediction.classes} probabilities={prediction.probabilities} truth={prediction.truth} />
          ) : (
            <figure role="region" aria-label="Prediction" className="top-classes">
              <figcaption>
                Predicted: {prediction.value?.toPrecision(4)}
                {prediction.truth !== undefined && ` (true value ${Number(Number(prediction.truth).toPrecision(4))})`}
              </figcaption>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
