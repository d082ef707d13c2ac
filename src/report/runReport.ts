// `spinspice report DIR`: one self-contained HTML page from whatever a run folder holds (training, annotation, validation, studies).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MismatchSummary, NoiseSweep } from '../montecarlo/kuramotoStudies.ts';
import type { VowelNoiseSweep } from '../montecarlo/vowelStudies.ts';
import type { ValidationReport } from '../validate/kuramotoValidation.ts';
import type { VowelValidationReport } from '../validate/vowelValidation.ts';
import { VERSION } from '../version.ts';
import { cnnSections, isCnnFolder } from './cnnSections.ts';
import type { HtmlReportInput, ReportSection } from './html.ts';
import type { Cell } from './tables.ts';

const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '-' : `${(100 * v).toFixed(1)} %`);
const mhz = (hz: number) => `${(hz / 1e6).toPrecision(4)} MHz`;

/** Folders of DIR (itself and sub-folders, two levels deep) in a stable order. */
function folders(dir: string, depth = 2): string[] {
  const out = [dir];
  if (depth === 0) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...folders(p, depth - 1));
  }
  return out;
}

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const svgIn = (dir: string, name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined);

/** Story order of the report: what a folder's files are about decides where its sections go. */
const ORDER = ['devices', 'training', 'annotation', 'validation', 'noise', 'mismatch'] as const;
export type Topic = (typeof ORDER)[number];

/** Sections for one folder, by the files it holds (empty when it holds none we know), each with its topic. */
function sectionsOf(root: string, dir: string, meta: Record<string, string | number>): { topic: Topic; section: ReportSection }[] {
  const where = relative(root, dir) || '.';
  const out: { topic: Topic; section: ReportSection }[] = [];
  let topic: Topic = 'devices';
  const s = { push: (section: ReportSection) => out.push({ topic, section }) };
  const figure = (heading: string, name: string, text?: string) => {
    const svg = svgIn(dir, name);
    if (svg) s.push({ heading, svg, text });
  };
  if (existsSync(join(dir, 'metrics.json'))) {
    topic = 'training';
    const m = json<Record<string, unknown> & { train: { accuracy: number }; test: { accuracy: number } }>(join(dir, 'metrics.json'));
    meta[`training seed (${where})`] = String(m.seed);
    const rows: Cell[][] = Object.entries(m)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => [k, v as Cell]);
    rows.push(['train accuracy', pct(m.train.accuracy)], ['test accuracy', pct(m.test.accuracy)]);
    s.push({ heading: `Training (${where})`, text: 'Surrogate training of the model in this folder (metrics.json).', table: { headers: ['field', 'value'], rows } });
    if (Array.isArray(m.code)) {
      // a vowel network (paper 003): its output code, lock maps over the (f_A, f_B) plane
      s.push({ heading: `Output code (${where})`, text: 'Lock pattern of each vowel ("A1 B3": oscillator 1 locked to f_A, oscillator 3 to f_B).', table: { headers: ['code word'], rows: (m.code as string[]).map((c) => [c]) } });
      figure(`Learning curve (${where})`, 'learning-curve.svg');
      figure(`Response map (${where})`, 'response-map.svg', 'Class of every (f_A, f_B) point through the learned code, test tokens on top.');
      figure(`Lock map (${where})`, 'lock-map.svg', 'Raw lock pattern of every (f_A, f_B) point, test tokens on top.');
    } else {
      figure(`Learning curve (${where})`, 'learning-curves.svg');
      figure(`Response map (${where})`, 'response-map.svg', 'Synchronization of the output pair over the input plane, training examples on top.');
    }
  }
  if (existsSync(join(dir, 'annotation.json')) && json<{ architecture?: string }>(join(dir, 'annotation.json')).architecture === 'vowels') {
    topic = 'annotation';
    const a = json<{ example: number; vowel: string; deckHash: string; biasCurrents: number[]; sources: { fMHz: number; P: number; injectionHz: number }[] }>(join(dir, 'annotation.json'));
    meta[`description hash (${where})`] = a.deckHash;
    s.push({
      heading: `Back-annotation, test token ${a.example} (${a.vowel}) (${where})`,
      text: 'Bias currents of the four STNOs and the two RF sources (frequency, power, injection strength) of this token\'s deck.',
      table: {
        headers: ['element', 'value'],
        rows: [...a.biasCurrents.map((I, i) => [`bias ${i + 1}`, `${(I * 1e3).toFixed(4)} mA`]), ...a.sources.map((q, j) => [`rf ${'AB'[j]}`, `${q.fMHz.toFixed(3)} MHz, ${(q.P * 1e6).toFixed(1)} uW, k_s ${mhz(q.injectionHz)}`])],
      },
    });
  } else if (existsSync(join(dir, 'annotation.json'))) {
    topic = 'annotation';
    const a = json<{ deckHash: string; outOfRange: { element: string; field: string; value: number; allowed: number[]; note: string }[]; design: { synapses: number[][] } }>(join(dir, 'annotation.json'));
    meta[`description hash (${where})`] = a.deckHash;
    s.push({
      heading: `Back-annotation (${where})`,
      text: 'Trained weights written into the circuit: synapse transconductances (mA/V) per oscillator, reference input last. Values the circuit cannot realise as asked are listed below, not clipped.',
      table: { headers: ['oscillator', ...a.design.synapses[0].map((_, j) => (j < a.design.synapses[0].length - 1 ? `gm x${j}` : 'gm ref'))], rows: a.design.synapses.map((r, i) => [`osc${i}`, ...r.map((g) => Number((g * 1e3).toFixed(4)))]) },
    });
    if (a.outOfRange.length > 0) {
      s.push({ heading: `Out of range (${where})`, table: { headers: ['element', 'field', 'value', 'allowed', 'note'], rows: a.outOfRange.map((r) => [r.element, r.field, r.value.toExponential(3), `${r.allowed[0].toExponential(3)} .. ${r.allowed[1].toExponential(3)}`, r.note]) } });
    }
  }
  if (existsSync(join(dir, 'validation.json')) && json<{ architecture?: string }>(join(dir, 'validation.json')).architecture === 'vowels') {
    topic = 'validation';
    const v = json<VowelValidationReport>(join(dir, 'validation.json'));
    meta[`validation seed (${where})`] = v.seed;
    meta[`model hash`] = v.modelHash;
    s.push({
      heading: `Validation: circuit vs surrogate (${where})`,
      text: `${v.examples} test tokens of ${v.task} (split ${v.splitSeed}) through ngspice (${v.engine}), each from the surrogate's initial phases; class and lock pattern read from both.`,
      table: {
        headers: ['class agreement', 'lock-pattern agreement', 'circuit accuracy', 'surrogate accuracy', 'failed runs', 'f_bar gap rms', 'f_bar gap max'],
        rows: [[pct(v.agreement), pct(v.patternAgreement), pct(v.circuitAccuracy), pct(v.surrogateAccuracy), v.failed, `${(v.frequencyError.rmsMHz * 1e3).toFixed(1)} kHz`, `${(v.frequencyError.maxAbsMHz * 1e3).toFixed(1)} kHz`]],
      },
    });
    if (v.disagreements.length > 0) {
      s.push({
        heading: `Tokens where circuit and surrogate disagree (${where})`,
        table: {
          headers: ['token', 'vowel', 'surrogate class', 'circuit class / error'],
          rows: v.disagreements.map((e) => [e.index, e.vowel, e.surrogate.predicted, 'error' in e.circuit ? e.circuit.error : e.circuit.predicted]),
        },
      });
    }
    figure(`Mean frequencies, circuit vs surrogate (${where})`, 'fbar-parity.svg');
  } else if (existsSync(join(dir, 'validation.json'))) {
    topic = 'validation';
    const v = json<ValidationReport>(join(dir, 'validation.json'));
    meta[`validation seed (${where})`] = v.seed;
    meta[`model hash`] = v.modelHash;
    s.push({
      heading: `Validation: circuit vs surrogate (${where})`,
      text: `${v.examples} test examples of ${v.task} through ngspice (${v.engine}), each from the surrogate's initial phases.`,
      table: {
        headers: ['agreement', 'circuit accuracy', 'surrogate accuracy', 'failed runs', 'f_bar error rms', 'f_bar error max'],
        rows: [[pct(v.agreement), pct(v.circuitAccuracy), pct(v.surrogateAccuracy), v.failed, `${(v.frequencyError.rmsHz / 1e3).toFixed(1)} kHz`, `${(v.frequencyError.maxAbsHz / 1e3).toFixed(1)} kHz`]],
      },
    });
    if (v.disagreements.length > 0) {
      s.push({
        heading: `Examples where circuit and surrogate disagree (${where})`,
        table: {
          headers: ['example', 'target', 'surrogate D', 'circuit D / error'],
          rows: v.disagreements.map((e) => [e.index, e.target ? 'sync' : 'async', e.surrogate.D[0].toFixed(3), 'error' in e.circuit ? e.circuit.error : e.circuit.D[0].toFixed(3)]),
        },
      });
    }
    figure(`Mean-frequency errors (${where})`, 'frequency-errors.svg');
    figure(`Output pair distance (${where})`, 'pair-distance.svg');
  }
  if (existsSync(join(dir, 'noise.json'))) {
    topic = 'noise';
    const n = json<NoiseSweep | VowelNoiseSweep>(join(dir, 'noise.json'));
    meta[`phase-noise seed (${where})`] = n.seed;
    const reference = 'architecture' in n ? 'vowel tokens' : 'examples (paper 000 Fig. 8: 94.6 % mean, 90 % worst at 1 MHz)';
    s.push({
      heading: `Phase noise (${where})`,
      text: `Test accuracy against the STNO linewidth, new initial phases and noise for every trial, test ${reference}. Circuit trials use ${n.circuitExamples} of the ${n.examples} test examples.`,
      table: {
        headers: ['linewidth', 'surrogate trials', 'surrogate mean', 'surrogate min', 'surrogate max', 'circuit trials', 'circuit mean', 'circuit min'],
        rows: n.levels.map((l) => [mhz(l.linewidthHz), l.surrogate?.finished ?? 0, pct(l.surrogate?.mean), pct(l.surrogate?.min), pct(l.surrogate?.max), l.circuit?.finished ?? 0, pct(l.circuit?.mean), pct(l.circuit?.min)]),
      },
    });
    figure(`Accuracy vs linewidth (${where})`, 'noise.svg');
  }
  const summaryFile = join(dir, 'summary.json');
  if (existsSync(summaryFile)) {
    const m = json<Partial<MismatchSummary> & { adler?: { ratio: number; circuit: number; analytic: number }[]; examples?: unknown }>(summaryFile);
    if (m.sensitivity && m.level) {
      topic = 'mismatch';
      meta[`mismatch seed (${where})`] = m.seed!;
      const spreads = Object.entries(m.spreads!).map(([k, v]) => `${k} ${v.kind === 'relative' ? `${(100 * v.sigma).toPrecision(3)} %` : v.sigma.toPrecision(3)}`);
      s.push({
        heading: `Mismatch Monte Carlo, ${m.level} level (${where})`,
        text: `Spreads (1 sigma): ${spreads.join(', ')}; linewidth ${mhz(m.linewidth!)}; ${m.examples} test examples per trial. Yield = trials with accuracy >= ${pct(m.threshold)}.`,
        table: { headers: ['trials', 'failed', 'mean', 'std', 'min', 'max', 'yield', 'nominal'], rows: [[m.finished!, m.failed!, pct(m.mean), pct(m.std), pct(m.min), pct(m.max), pct(m.yield), pct(m.nominal)]] },
      });
      figure(`Accuracy distribution (${where})`, 'accuracy.svg');
      if (m.sensitivity.length > 0) {
        s.push({
          heading: `Sensitivity ranking (${where})`,
          text: 'One knob at a time at its spread, same trial seeds; drop = nominal mean accuracy minus the knob-only mean.',
          svg: svgIn(dir, 'sensitivity.svg'),
          table: { headers: ['knob', 'mean', 'min', 'drop (points)'], rows: m.sensitivity.map((e) => [e.knob, pct(e.mean), pct(e.min), Number((100 * e.drop).toFixed(2))]) },
        });
      }
    }
    topic = 'devices';
    if (Array.isArray(m.examples) && m.examples.length > 0) {
      const rows = m.examples as Record<string, Cell>[];
      const headers = Object.keys(rows[0]);
      s.push({ heading: `Example decks (${where})`, text: 'Every description in examples/ emitted and simulated on the embedded engine.', table: { headers, rows: rows.map((r) => headers.map((h) => r[h])) } });
    }
    if (m.adler) {
      s.push({
        heading: `Device checks (${where})`,
        text: 'Every example description simulated on the embedded engine; two coupled STNOs in ngspice against Adler (locked below dF = 2k, beat sqrt(dF^2 - (2k)^2) above).',
        svg: svgIn(dir, 'adler.svg'),
        table: { headers: ['dF / 2k', 'circuit beat (MHz)', 'Adler (MHz)'], rows: m.adler.map((a) => [a.ratio, Number((Math.abs(a.circuit) / 1e6).toFixed(4)), Number((a.analytic / 1e6).toFixed(4))]) },
      });
    }
  }
  return out;
}

/** The report of a run folder; throws when it holds nothing a report can show. */
export async function buildRunReport(dir: string): Promise<HtmlReportInput> {
  const meta: Record<string, string | number> = { spinspice: VERSION, node: process.version, folder: dir, generated: new Date().toISOString() };
  const perFolder = [];
  // CNN folders (paper 002) have sections of their own; their figures are drawn here from the records
  for (const f of folders(dir)) perFolder.push(...(isCnnFolder(f) ? await cnnSections(dir, f, meta) : sectionsOf(dir, f, meta)));
  const sections = perFolder
    .sort((a, b) => ORDER.indexOf(a.topic) - ORDER.indexOf(b.topic))
    .map((e) => e.section);
  if (sections.length === 0) throw new Error(`${dir} holds no metrics.json, annotation.json, validation.json, noise.json or summary.json`);
  return { title: `spinspice report: ${dir}`, meta, sections };
}
