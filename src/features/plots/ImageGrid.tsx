import type { GridImage } from '../../protocol/display';
import { RgbaCanvas } from '../output/RgbaCanvas';

/** More than this many are left out with a note: a thousand canvases would hold up the page. */
const MAX_SHOWN = 400;

const valid = (image: GridImage | null): image is GridImage =>
  typeof image === 'object' &&
  image !== null &&
  Number.isInteger(image.width) &&
  Number.isInteger(image.height) &&
  image.width > 0 &&
  image.height > 0 &&
  image.rgba instanceof Uint8ClampedArray &&
  image.rgba.length === image.width * image.height * 4;

function GridCell({ image, index, size }: { image: GridImage | null; index: number; size: number }) {
  const label = image?.label === undefined ? null : <span className="image-grid-label">{String(image.label)}</span>;
  if (!valid(image)) {
    return (
      <li>
        <span className="image-grid-broken">Image {index + 1} could not be shown: its pixels do not match its size</span>
        {label}
      </li>
    );
  }
  // Small images (a 28×28 digit) are scaled up by whole pixels and stay sharp; large ones shrink to the cell.
  const longest = Math.max(image.width, image.height);
  const scale = longest <= size ? Math.floor(size / longest) : size / longest;
  return (
    <li>
      <RgbaCanvas
        width={image.width}
        height={image.height}
        rgba={image.rgba}
        scale={scale}
        label={`Image ${index + 1}`}
        className={scale >= 1 ? 'image-grid-canvas pixelated' : 'image-grid-canvas'}
      />
      {label}
    </li>
  );
}

/** display.images: a grid of pictures (generated digits, feature maps, mistakes), each with its label as text. */
export function ImageGrid({ images, columns, title }: { images: GridImage[]; columns: number; title?: string }) {
  const list = Array.isArray(images) ? images : [];
  const shown = list.slice(0, MAX_SHOWN);
  const cols = Number.isInteger(columns) && columns > 0 ? Math.min(columns, 64) : Math.ceil(Math.sqrt(shown.length)) || 1;
  // About 720 CSS pixels across, each cell 40 to 160.
  const size = Math.max(40, Math.min(160, Math.floor(720 / cols)));
  return (
    <figure className="image-grid-figure">
      {title && <figcaption>{title}</figcaption>}
      <ul role="list" aria-label="Images" className="image-grid" style={{ gridTemplateColumns: `repeat(${cols}, max-content)` }}>
        {shown.map((image, i) => (
          <GridCell key={i} image={image} index={i} size={size} />
        ))}
      </ul>
      {list.length === 0 && <div className="plot-note">No images to show</div>}
      {list.length > shown.length && (
        <div className="plot-note">
          {(list.length - shown.length).toLocaleString()} more images not shown: the first {MAX_SHOWN} are
        </div>
      )}
    </figure>
  );
}
