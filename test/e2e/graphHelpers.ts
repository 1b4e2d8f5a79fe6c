import type { Page } from 'playwright-core';

type Box = { x: number; y: number; width: number; height: number };

/** The spiral's small MLP (2 → 32 → 32 → 1 sigmoid), as tests build it from the palette with addLayers. */
export const SPIRAL_MLP: Array<[className: string, fields?: Record<string, string>]> = [
  ['Input', { shape: '2' }],
  ['Dense', { units: '32', activation: 'relu' }],
  ['Dense', { units: '32', activation: 'relu' }],
  ['Dense', { units: '1', activation: 'sigmoid' }],
];

/**
 * Adds layers from the palette with the keyboard, each one below (and wired to)
 * the one selected before it, and sets its inspector fields by label.
 */
export async function addLayers(page: Page, layers: Array<[className: string, fields?: Record<string, string>]>) {
  const palette = page.getByRole('navigation', { name: 'Layers' });
  for (const [className, fields = {}] of layers) {
    await palette.getByRole('button', { name: className, exact: true }).press('Enter');
    for (const [label, value] of Object.entries(fields)) {
      const field = page.getByRole('complementary', { name: 'Layer settings' }).getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }
}

/**
 * Selects a layer on the canvas by its name, as a person does: a layer out of sight is first
 * brought into view with Fit View (the canvas control), then clicked, and the inspector is read
 * to see that it was. A layer under the canvas's edge cannot be clicked reliably: Playwright
 * scrolls React Flow's clipped box to reach it, React Flow scrolls it back, and on a busy
 * machine the click lands beside the layer (the red insight test of issue 22).
 */
export async function selectLayer(page: Page, name: string) {
  const editor = page.getByRole('region', { name: 'Graph editor' });
  const layer = editor.locator('.layer-node').filter({ has: page.locator('.layer-node-name', { hasText: new RegExp(`^${name}$`) }) });
  const [area, box, ...panels] = await Promise.all([
    editor.boundingBox(),
    layer.boundingBox(),
    ...['.react-flow__minimap', '.react-flow__controls'].map((p) => editor.locator(p).boundingBox()),
  ]);
  const inside = (b: Box, a: Box) => b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height;
  const overlaps = (b: Box, p: Box) => b.x < p.x + p.width && p.x < b.x + b.width && b.y < p.y + p.height && p.y < b.y + b.height;
  // In sight: within the canvas, and not under the minimap or the zoom buttons, which take the click.
  const inSight = area && box && inside(box, area) && panels.every((p) => !p || !overlaps(box, p));
  if (!inSight) await editor.getByRole('button', { name: 'Fit View' }).click();
  await layer.click();
  await page
    .getByRole('complementary', { name: 'Layer settings' })
    .getByRole('heading', { name: new RegExp(`^${name} `) })
    .waitFor({ timeout: 5_000 });
}
