import { describe, expect, it } from 'vitest';
import { cell, mlpCell, newNotebook, outputText, runCell, setCode, useBackend, useBrowser } from './app';

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

  it("'auto' puts wasm before a software WebGL, and says so", async () => {
    const { page } = await newNotebook(t.context);
    // The page's own WebGL renderer, as the kernel's worker sees it.
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '';
    });
    // The kernel starts on the first run.
    await setCode(page, 1, 'console.log(tf.getBackend());');
    await runCell(page, 1, 60_000);
    const status = await page.locator('.kernel-status').textContent();
    if (/swiftshader|llvmpipe/i.test(renderer)) {
      expect(status).toBe('Kernel: idle · wasm');
      expect(await outputText(page, 1)).toContain('wasm');
      expect(await page.locator('.kernel-notes').textContent()).toMatch(
        /^Chose wasm before webgl: WebGL runs in software here \((SwiftShader|llvmpipe)\)/i,
      );
    } else {
      // A GPU: WebGPU or WebGL, as before.
      expect(status).toMatch(/· (webgpu|webgl)$/);
    }
  });

  it('trains a CNN with Conv2D and SeparableConv2D on wasm, whose tfjs lacks their gradients', async () => {
    const { page } = await newNotebook(t.context);
    await useBackend(page, 'wasm');
    await setCode(
      page,
      1,
      [
        'const cnn = tf.sequential({ layers: [',
        "  tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),",
        "  tf.layers.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same' }),",
        '  tf.layers.flatten(),',
        '  tf.layers.dense({ units: 2 }),',
        '] });',
        "cnn.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });",
        'const x = tf.randomUniform([16, 8, 8, 1]);',
        'const h = await cnn.fit(x, x.mean([1, 2]).tile([1, 2]), { epochs: 15, verbose: 0 });',
        'const loss = h.history.loss as number[];',
        'console.log(`loss ${loss[0].toFixed(4)} -> ${loss[loss.length - 1].toFixed(4)} on ${tf.getBackend()}`);',
      ].join('\n'),
    );
    await runCell(page, 1, 60_000);
    const text = await outputText(page, 1);
    expect(text).not.toContain("can't train");
    const [, first, last, backend] = /loss (\d+\.\d+) -> (\d+\.\d+) on (\w+)/.exec(text) ?? [];
    expect(backend).toBe('wasm');
    expect(Number(last)).toBeLessThan(Number(first) / 2);
  });
});
