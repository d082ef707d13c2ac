// Native ngspice (`ngspice -b`) as a second engine: same decks, ASCII raw output, a timeout that kills the process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulationTimeoutError } from '../errors.ts';
import type { RawPlot } from './rawFile.ts';
import { parseAsciiRaw } from './rawFile.ts';

let available: boolean | undefined;

/** True when an `ngspice` executable is on PATH. */
export function nativeAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync('ngspice', ['--version'], { encoding: 'utf8', timeout: 10000 });
    available = r.status === 0 && /ngspice/i.test(r.stdout);
  }
  return available;
}

/** Run a deck in native ngspice; returns the engine's output lines and the parsed plot (if it produced one). */
export async function runNative(deck: string, timeoutMs: number): Promise<{ messages: string[]; plot?: RawPlot }> {
  const dir = mkdtempSync(join(tmpdir(), 'spinspice-ngspice-'));
  try {
    writeFileSync(join(dir, 'deck.cir'), deck);
    const { output, timedOut } = await new Promise<{ output: string; timedOut: boolean }>((resolve) => {
      const child = spawn('ngspice', ['-b', '-r', 'out.raw', 'deck.cir'], { cwd: dir, env: { ...process.env, SPICE_ASCIIRAWFILE: '1' } });
      let output = '';
      let timedOut = false;
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('close', () => {
        clearTimeout(timer);
        resolve({ output, timedOut });
      });
    });
    if (timedOut) throw new SimulationTimeoutError(timeoutMs / 1000);
    const raw = join(dir, 'out.raw');
    const messages = output.split(/\r?\n/);
    return { messages, plot: existsSync(raw) && /No\. of Data (Rows|Columns)/.test(output) ? parseAsciiRaw(readFileSync(raw, 'utf8')) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
