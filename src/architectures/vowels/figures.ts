// SVG figures of a vowel network: lock regions over the (f_A, f_B) plane with the tokens on top, and learning curves.
import { lineChart, responseMap } from '../../report/index.ts';
import type { VowelNetwork } from './model.ts';
import { predictVowels } from './predict.ts';
import { patternLabel } from './readout.ts';
import type { VowelExamples } from './task.ts';

/** Legend label of a lock pattern: "A1 B3: ae" for a code word, "A2 (-> eh)" for a pattern decoded to its nearest code word. */
export function regionLabel(net: VowelNetwork, pattern: number, cls: number): string {
  const label = patternLabel(pattern, net.description.n);
  const vowel = net.description.classes[cls] ?? '?';
  return net.decoder.entries.some((e) => e.pattern === pattern) ? `${label}: ${vowel}` : `${label} (-> ${vowel})`;
}

/**
 * Response map over a side x side grid of the tokens' (f_A, f_B) range, tokens on top (one marker per vowel).
 * 'vowels': each point coloured by the vowel its lock pattern decodes to, labelled with that vowel's code word.
 * 'locks': each point coloured by its lock pattern itself (which oscillator is locked to which source).
 */
export function vowelResponseMapSvg(net: VowelNetwork, tokens: VowelExamples, title: string, seed: number, by: 'vowels' | 'locks', side = 40): Promise<string> {
  const range = (s: 0 | 1) => {
    const v = tokens.fs.map((f) => f[s]);
    const pad = 0.04 * (Math.max(...v) - Math.min(...v));
    return [Math.min(...v) - pad, Math.max(...v) + pad];
  };
  const axis = ([lo, hi]: number[]) => Array.from({ length: side }, (_, i) => lo + ((hi - lo) * i) / (side - 1));
  const xs = axis(range(0));
  const ys = axis(range(1));
  const grid = ys.flatMap((b) => xs.map((a) => [a, b] as [number, number]));
  const p = predictVowels(net, grid, { seed });
  const words = new Map(net.decoder.entries.map((e) => [e.cls, patternLabel(e.pattern, net.description.n)]));
  const label = (q: number) =>
    by === 'locks' ? regionLabel(net, p.patterns[q], p.predicted[q]) : `${net.description.classes[p.predicted[q]] ?? '?'} (${words.get(p.predicted[q]) ?? 'no code word'})`;
  const value = ys.map((_, iy) => xs.map((_, ix) => label(iy * side + ix)));
  return responseMap({
    title,
    xLabel: 'f_A (MHz, from F1)',
    yLabel: 'f_B (MHz, from F2)',
    grid: { x: xs, y: ys, value },
    points: tokens.fs.map((f, t) => ({ x: f[0], y: f[1], label: net.description.classes[tokens.y[t]] })),
    valueLabel: by === 'locks' ? 'lock pattern: vowel' : 'vowel (code word)',
  });
}

/** Training error rate (%) per iteration or pass, one line per run. */
export function vowelLearningCurveSvg(runs: readonly { name: string; accuracy: readonly number[] }[], title: string): Promise<string> {
  return lineChart({
    title,
    xLabel: 'iteration (gradient) or pass (online)',
    yLabel: 'misclassified training tokens (%)',
    series: runs.map((r) => ({ name: r.name, x: r.accuracy.map((_, t) => t), y: r.accuracy.map((a) => 100 * (1 - a)) })),
  });
}
