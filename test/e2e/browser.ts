import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import flags from './chromium-flags.json';

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM_PATH = process.env.LAYERBOOK_CHROMIUM ?? '/usr/bin/chromium';

// From FACTS.md: without the background-networking flags Chromium floods the closed network.
// Kept in JSON so scripts/screenshot.mjs launches Chromium the same way.
export const CHROMIUM_FLAGS: string[] = flags;

/** A headless Chromium with a fresh, throwaway profile; `extraArgs` such as --enable-unsafe-webgpu. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, ...extraArgs] });
}

/** A Chromium on a profile folder that outlives it, started by us so a test can kill it hard. */
export interface ProfileBrowser {
  browser: Browser;
  /** SIGKILL to the whole browser process group: no unload handler runs. */
  crash(): Promise<void>;
  close(): Promise<void>;
}

/** Makes a profile folder that removes itself when the test is done. */
export function tempProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'layerbook-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts Chromium on `profileDir` and connects to it over the DevTools protocol. */
export async function launchOnProfile(profileDir: string): Promise<ProfileBrowser> {
  // A killed browser leaves its port file behind; a stale one would point at a dead port.
  rmSync(join(profileDir, 'DevToolsActivePort'), { force: true });
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    ['--headless=new', ...CHROMIUM_FLAGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let browser: Browser;
  try {
    const port = await waitForDevToolsPort(profileDir);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  } catch (e) {
    // Never leave a browser running behind a failed test.
    process.kill(-child.pid!, 'SIGKILL');
    throw e;
  }
  return {
    browser,
    async crash() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}

async function waitForDevToolsPort(profileDir: string): Promise<number> {
  const file = join(profileDir, 'DevToolsActivePort');
  for (let i = 0; i < 200; i++) {
    try {
      const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // Not written yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Chromium did not start: no ${file} after 10 s`);
}
