import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
const flags = JSON.parse(readFileSync('test/e2e/chromium-flags.json', 'utf8'));
const server = await preview({ logLevel: 'warn', preview: { port: 0 } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
page.on('pageerror', e => console.log('pageerror', e.message));
page.on('console', m => { if (m.type() === 'error') console.log('console', m.text().slice(0, 300)); });
await page.goto(server.resolvedUrls.local[0]);
await page.getByRole('button', { name: 'New notebook' }).click();
await page.getByRole('button', { name: 'Add graph cell' }).click();
const canvas = page.getByRole('region', { name: 'Graph editor' });
await canvas.waitFor();
await page.waitForTimeout(1500);
for (const [name, x, y] of [['Input', 200, 40], ['Conv2D', 200, 140], ['MaxPooling2D', 200, 240], ['Flatten', 200, 340], ['Dense', 200, 440]]) {
  await page.getByRole('button', { name, exact: true }).dragTo(canvas, { targetPosition: { x, y } });
  await page.waitForTimeout(200);
}
console.log('nodes', await page.locator('.react-flow__node').count());
await page.screenshot({ path: '/tmp/graph1.png' });
await browser.close(); server.httpServer.close();
