import { layersByGroup } from '../../graph/catalogue';

/** The MIME type a palette item carries when dragged onto the canvas. */
export const LAYER_DRAG_TYPE = 'application/x-layerbook-layer';

/** Layers by group: drag one onto the canvas, or press it to add it below the selected layer. */
export function Palette({ onAdd }: { onAdd(className: string): void }) {
  return (
    <nav className="palette" aria-label="Layers">
      {layersByGroup().map(({ group, layers }) => (
        <section key={group} className="palette-group">
          <h3>{group}</h3>
          {layers.map((spec) => (
            <button
              key={spec.className}
              type="button"
              className="palette-item"
              draggable
              title={spec.help}
              onDragStart={(e) => {
                e.dataTransfer.setData(LAYER_DRAG_TYPE, spec.className);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(spec.className)}
            >
              {spec.className}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
