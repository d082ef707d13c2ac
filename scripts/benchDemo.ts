// Time of the main command (`npm start` = spinspice demo) end to end on the embedded engine; rewrites the demo section of docs/BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { ROOT } from '../src/netlist/examples.ts';
import { markdownTable, replaceSection } from '../src/report/index.ts';

const out = mkdtempSync(join(tmpdir(), 'spinspice-bench-demo-'));
const load0 = loadavg()[0];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const code = await main(['demo', '--out', out]);
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const load1 = loadavg()[0];
rmSync(out, { recursive: true, force: true });
if (code !== 0) throw new Error(`demo exited with code ${code}`);

const L: string[] = [];
L.push('## The main command (`npm start`)');
L.push('');
L.push(`Written by \`npm run bench:demo\` (scripts/benchDemo.ts) on ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version};`);
L.push(`1-minute load average ${load0.toFixed(1)} at start and ${load1.toFixed(1)} at end (it lags; CPU s / wall s near 2 means the pool had both cores).`);
L.push('');
L.push('`spinspice demo` on the embedded WASM engine: every example deck and the Adler sweep, Iris versicolor training (N = 6, 100 iterations), back-annotation, validation of the 60 test examples, phase-noise sweep (100 surrogate trials per linewidth, 1 circuit trial x 12 examples), mismatch study (100 surrogate trials + sensitivity, 4 circuit trials x 12 examples), HTML report.');
L.push('');
L.push(markdownTable(['wall s', 'CPU s', 'target'], [[wall.toFixed(0), ((cpu.user + cpu.system) / 1e6).toFixed(0), `under 600 s — ${wall < 600 ? 'met' : 'missed'}`]]));
const path = join(ROOT, 'docs/BENCHMARKS.md');
writeFileAtomic(path, replaceSection(readFileSync(path, 'utf8'), 'demo', L.join('\n')));
process.exit(0);
