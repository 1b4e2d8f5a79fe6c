import { describe, expect, it } from 'vitest';
import { softwareRenderer } from '../../workers/kernel/backends';

// 'auto' puts WebGL after wasm when WebGL is a software rasteriser: these are renderer
// strings as Chromium reports them (WEBGL_debug_renderer_info), software and GPU.
describe('softwareRenderer', () => {
  it('names the software rasterisers', () => {
    expect(softwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(
      'SwiftShader',
    );
    expect(softwareRenderer('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toBe('llvmpipe');
    expect(softwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(
      'Basic Render Driver',
    );
  });

  it('leaves GPUs alone', () => {
    for (const gpu of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 (0x00002206) Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
      'WebKit WebGL',
    ]) {
      expect(softwareRenderer(gpu), gpu).toBeNull();
    }
  });
});
