import type { Page } from 'playwright-core';

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

