import { describe, expect, it } from 'vitest';
import { cell, eventually, mlpCell, newNotebook, outputText, runCell, setCode, useBackend, useBrowser } from './app';

// FACTS.md: here Chromium offers cpu, wasm and webgl as they are, and webgpu
// (on a software adapter) with --enable-unsafe-webgpu.
const t = useBrowser(['--enable-unsafe-webgpu']);

describe('every backend Chromium offers here', () => {
  for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu']) {
    it(`runs the MLP cell on ${backend}`, async () => {
      const { page } = await newNotebook(t.context);
      await useBackend(page, backend, 90_000);
      await setCode(page, 1, mlpCell(256, 2));
      await runCell(page, 1, 120_000);
      const final = await cell(page, 1).locator('.training-final').textContent();
      const loss = Number(/loss: (\d+\.\d+)/.exec(final ?? '')?.[1]);
      expect(Number.isFinite(loss) && loss > 0).toBe(true);
      expect(await page.locator('.kernel-status').textContent()).toBe(`Kernel: idle · ${backend}`);
    });
  }

  it('says before training when a backend lacks a gradient kernel, and offers one that has it', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'wasm');
    await setCode(
      page,
      1,
      [
        'const cnn = tf.sequential({ layers: [',
        "  tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),",
        '  tf.layers.flatten(),',
        '  tf.layers.dense({ units: 2 }),',
        '] });',
        "cnn.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
        'await cnn.fit(tf.zeros([4, 8, 8, 1]), tf.zeros([4, 2]), { epochs: 1 });',
      ].join('\n'),
    );
    await runCell(page, 1);
    const text = await outputText(page, 1);
    expect(text).toContain("can't train on the wasm backend");
    expect(text).toContain('Conv2DBackpropFilter');
    expect(text).toContain('(line 7)');
    expect(await cell(page, 1).locator('.training').count()).toBe(0);
    const offer = cell(page, 1).getByRole('button', { name: /^Switch to (webgpu|webgl|cpu) and run again$/ });
    const target = /Switch to (\w+)/.exec((await offer.textContent()) ?? '')![1];
    await offer.click();
    await eventually(() => page.locator('.kernel-status').textContent(), (s) => expect(s).toBe(`Kernel: idle · ${target}`), 60_000);
    await eventually(() => cell(page, 1).locator('.exec-count').textContent(), (c) => expect(c).toBe('[1]'), 60_000);
    expect(await outputText(page, 1)).not.toContain("can't train");
  });
});
