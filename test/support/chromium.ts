import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The browser the HTML checks use; `.ci/run` installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/** MASKGATE_SKIP_BROWSER=1 skips the browser checks; without it a missing browser fails them. */
export const SKIP_BROWSER = process.env.MASKGATE_SKIP_BROWSER === '1';

/** Throws the message a developer needs when the browser is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing, so the HTML attestation cannot be checked as a person sees it. Install it (apt-get install -y --no-install-recommends chromium), or set MASKGATE_SKIP_BROWSER=1 to skip the browser checks.`);
  }
}

/** Loads a local HTML file in headless Chromium (offline, a fresh profile) and returns the DOM it built. */
export async function dumpDom(htmlPath: string): Promise<string> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'mg-chromium-'));
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(CHROMIUM, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--dump-dom', pathToFileURL(htmlPath).href,
      ], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`chromium failed (${err.message}): ${stderr.slice(-2000)}`));
        else resolve(stdout);
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The text a reader sees in a dumped DOM: head, styles and SVG tooltips removed, tags dropped, entities decoded, spaces collapsed. */
export function visibleText(dom: string): string {
  return dom
    .replace(/<head[\s\S]*?<\/head>/gi, ' ')
    .replace(/<(style|script|title)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
