import { useId } from 'react';
import { datasetSpec } from '../../data/catalogue';
import { TEMPLATES } from '../../graph/templates';

/** What an empty graph cell offers: a template per button (a model with settings that train as they are), or dragging layers in. */
export function StartFrom({ onPick }: { onPick(templateName: string): void }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={`${id}-title`} className="start-from">
      <h3 id={`${id}-title`}>Start from</h3>
      <p>a model that trains as it is, or drag layers in from the list.</p>
      <ul>
        {TEMPLATES.map((t, i) => (
          <li key={t.name}>
            <button
              type="button"
              aria-labelledby={`${id}-${i}-name`}
              aria-describedby={`${id}-${i}-about ${id}-${i}-data`}
              onClick={() => onPick(t.name)}
            >
              <span className="start-from-title">
                <strong id={`${id}-${i}-name`}>{t.name}</strong>
                <span id={`${id}-${i}-data`} className="start-from-data">
                  {datasetSpec(t.training.dataset).label}
                </span>
              </span>
              <span id={`${id}-${i}-about`}>{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
