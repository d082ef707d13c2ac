// Report sections of a CNN run folder (paper 002): training and learning curve, devices and estimates, variability, circuit validation, mismatch.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { readCnnProgress, type CnnRunProgress } from '../architectures/cnn/runProgress.ts';
import { CNN_TASKS, TASKS, type CnnTask } from '../architectures/cnn/tasks.ts';
import type { VariabilitySweepRecord } from '../architectures/cnn/variabilitySweep.ts';
import { readJsonl } from '../io/jsonl.ts';
import type { CnnMismatchSummary } from '../montecarlo/cnnStudies.ts';
import { deviceCounts } from '../surrogate/cnn/arch.ts';
import { modelEstimates } from '../surrogate/cnn/estimates.ts';
import { CNN_MODEL_FORMAT, fromModelJson, initSpintronic, type CnnModel, type CnnModelJson } from '../surrogate/cnn/model.ts';
import type { CnnValidationReport } from '../validate/cnnValidation.ts';
import type { ReportSection } from './html.ts';
import type { Topic } from './runReport.ts';
import { lineChart } from './xyFigures.ts';

const json = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
const pct = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? '-' : `${(100 * v).toFixed(digits)} %`);
const studyKind = (dir: string) => json<{ identity?: { kind?: string } }>(join(dir, 'study.json'))?.identity?.kind;
const modelDoc = (dir: string) => json<CnnModelJson & { task?: string }>(join(dir, 'model.json'));
const hasCnnCheckpoint = (dir: string) => (CNN_TASKS as readonly string[]).includes(json<{ run?: { task?: string } }>(join(dir, 'checkpoint.json'))?.run?.task ?? '');

const variabilityFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json') && f.includes('variability')).sort();

/** A folder written by `train rfcnn` (model.json, metrics.json, checkpoint.json), by `validate`/`mc` on a CNN model, or holding variability sweeps. */
export function isCnnFolder(dir: string): boolean {
  return modelDoc(dir)?.format === CNN_MODEL_FORMAT || studyKind(dir)?.startsWith('cnn-') === true || hasCnnCheckpoint(dir) || variabilityFiles(dir).length > 0;
}

type Entry = { topic: Topic; section: ReportSection };

async function trainingSections(p: CnnRunProgress, where: string): Promise<Entry[]> {
  const status = p.finished ? 'finished' : `not finished: ${p.history.length} epoch${p.history.length === 1 ? '' : 's'} done, checkpoint.json resumes at epoch ${p.history.length + 1}, batch ${p.batch ?? 0} (rerun the same train command)`;
  const out: Entry[] = [];
  out.push({
    topic: 'training',
    section: {
      heading: `Training (${where})`,
      text: `${p.network === 'spintronic' ? 'Spintronic CNN (resonator chains, STNO neurons, paper 002)' : 'Software CNN of the same shape (baseline)'}; ${p.finished ? 'metrics.json' : 'checkpoint.json'}.`,
      table: {
        headers: ['field', 'value'],
        rows: [
          ['task', p.task],
          ['network', p.network],
          ['architecture', p.arch],
          ['seed', p.seed],
          ['variability during training (sigma, half widths)', p.sigma],
          ['status', status],
          ['epochs', p.history.length],
          ['batch / learning rate', `${p.training.batchSize} / ${p.training.lr} x ${p.training.lrDecay}^epoch`],
          ['test accuracy', pct(p.testAccuracy)],
          [p.finished ? 'train accuracy' : 'train accuracy (running mean of the last epoch)', pct(p.trainAccuracy)],
          ['training wall time', `${(p.seconds / 60).toFixed(1)} min`],
        ],
      },
    },
  });
  if (p.history.length === 0) return out;
  const epochs = p.history.map((h) => h.epoch + 1);
  out.push({
    topic: 'training',
    section: {
      heading: `Learning curve (${where})`,
      text: 'Test accuracy on the whole test set after each epoch; train accuracy = running mean over the epoch. Wall time per epoch on this machine (shared machines: it measures the load too).',
      svg: await lineChart({
        title: `${p.task} ${p.network}: accuracy per epoch (seed ${p.seed})`,
        xLabel: 'epoch',
        yLabel: 'accuracy (%)',
        markers: true,
        series: [
          { name: 'test', x: epochs, y: p.history.map((h) => 100 * (h.testAccuracy ?? NaN)) },
          { name: 'train (running mean)', x: epochs, y: p.history.map((h) => 100 * h.trainAccuracy) },
        ],
      }),
      table: {
        headers: ['epoch', 'lr', 'train loss', 'train accuracy', 'test loss', 'test accuracy', 'wall time (s)', 'images/s'],
        rows: p.history.map((h) => [h.epoch + 1, Number(h.lr.toPrecision(4)), Number(h.trainLoss.toFixed(4)), pct(h.trainAccuracy), h.testLoss === undefined ? '-' : Number(h.testLoss.toFixed(4)), pct(h.testAccuracy), Math.round(h.seconds), Math.round(h.imagesPerSecond)]),
      },
    },
  });
  return out;
}

function estimateSection(model: CnnModel, source: string, where: string): Entry {
  const e = modelEstimates(model);
  const c = deviceCounts(model.arch);
  const mm2 = (m2: number) => `${(m2 * 1e6).toExponential(2)} mm^2`;
  return {
    topic: 'devices',
    section: {
      heading: `Devices, power, latency, area (${where})`,
      text:
        `Paper 002 section 1.5 recomputed from ${source} (architecture ${model.arch.name}, its frequency plan and damping alpha = ${model.physics.alpha}): ` +
        '0.1 uW per device, relaxation time 1/(alpha f_min) per device layer, 40 nm cells.',
      table: {
        headers: ['quantity', 'value'],
        rows: [
          ['neurons (RF emitters: pixels + STNOs)', c.neurons],
          ['synapses (resonators)', c.synapses],
          ['resonators that receive a signal', c.resonatorsWithInput],
          ['chains', c.chains],
          ['power', `${e.powerW.toPrecision(3)} W`],
          ['relaxation time', `${(e.relaxationS * 1e9).toPrecision(3)} ns`],
          ['latency', `${(e.latencyS * 1e9).toPrecision(3)} ns (${e.stages} device layers)`],
          ['energy per image', `${(e.energyPerImageJ * 1e9).toPrecision(3)} nJ`],
          ...e.convAreas.map((a, l) => [`conv ${l + 1} area, unfolded crossbar / compact`, `${mm2(a.crossbarM2)} / ${mm2(a.compactM2)}`]),
          ['all resonators, one cell each', mm2(e.resonatorAreaM2)],
          ['power vs Nvidia Tegra TK1 (8 W)', `${e.gpuPowerRatio.toPrecision(3)}x less`],
          ['latency vs Nvidia Tegra TK1 (650 us)', `${e.gpuLatencyRatio.toPrecision(3)}x shorter`],
        ],
      },
    },
  };
}

async function variabilitySection(file: string, where: string): Promise<Entry | undefined> {
  const v = json<Partial<VariabilitySweepRecord>>(file);
  if (!v || !Array.isArray(v.points) || v.points.length === 0) return undefined;
  const seeds = [...new Set(v.points.map((p) => p.deviceSeed))];
  const sigmas = [...new Set(v.points.map((p) => p.sigma))].sort((a, b) => a - b);
  const at = (sigma: number, seed: number) => v.points!.find((p) => p.sigma === sigma && p.deviceSeed === seed)?.accuracy;
  const mean = (sigma: number) => {
    const xs = v.points!.filter((p) => p.sigma === sigma).map((p) => p.accuracy);
    return xs.reduce((s, x) => s + x, 0) / xs.length;
  };
  const positive = sigmas.filter((s) => s > 0);
  return {
    topic: 'mismatch',
    section: {
      heading: `Resonance-frequency variability: ${basename(file)} (${where})`,
      text: `Test accuracy of the ${v.task ?? ''} model (seed ${v.modelSeed ?? '-'}) on ${v.images ?? '?'} test images with every resonator shifted by eq. 4 (sigma in half widths), device draws seeded per column.`,
      svg: positive.length > 1 ? await lineChart({ title: 'Test accuracy vs sigma (mean over device seeds)', xLabel: 'sigma', yLabel: 'test accuracy (%)', logX: true, markers: true, series: [{ name: 'evaluated', x: positive, y: positive.map((s) => 100 * mean(s)) }] }) : undefined,
      table: { headers: ['sigma', ...seeds.map((s) => `device seed ${s}`)], rows: sigmas.map((sigma) => [sigma, ...seeds.map((seed) => pct(at(sigma, seed)))]) },
    },
  };
}

function validationSections(dir: string, where: string): Entry[] {
  const v = json<CnnValidationReport>(join(dir, 'validation.json'));
  if (!v) {
    const study = json<{ identity: { indices: number[] } }>(join(dir, 'study.json'));
    const done = existsSync(join(dir, 'circuit-examples.jsonl')) ? readJsonl<unknown>(join(dir, 'circuit-examples.jsonl')).length : 0;
    return [{ topic: 'validation', section: { heading: `Circuit validation in progress (${where})`, text: `${done} of ${study?.identity.indices.length ?? '?'} test images finished (circuit-examples.jsonl); rerun \`spinspice validate\` with the same options to finish them and write validation.json.` } }];
  }
  const out: Entry[] = [];
  out.push({
    topic: 'validation',
    section: {
      heading: `Validation: whole network in ngspice vs surrogate (${where})`,
      text:
        `${v.examples} evenly spaced ${v.task} test images of ${v.model} through ngspice (${v.engine}): ${v.decksPerImage} decks of at most ${v.maxResonators} resonators per image, ` +
        `each layer fed by the previous decks' STNO powers${v.variability ? `; devices with variability sigma ${v.variability.sigma} (seed ${v.variability.seed})` : ''}.`,
      table: {
        headers: ['agreement with the tfjs surrogate', 'agreement with the float64 reference', 'circuit accuracy', 'surrogate accuracy', 'failed images', 'deck time per image'],
        rows: [[pct(v.agreement, 1), pct(v.agreementReference, 1), pct(v.circuitAccuracy, 1), pct(v.surrogateAccuracy, 1), v.failed, `${v.deckSecondsPerImage.toFixed(1)} s`]],
      },
    },
  });
  out.push({
    topic: 'validation',
    section: {
      heading: `Per-layer errors, circuit vs float64 reference (${where})`,
      text: 'Chain error = |U_ngspice - U_reference| / sum |P W| of the chain; "deck alone" feeds each deck the reference inputs, "end to end" the previous decks\' outputs.',
      table: {
        headers: ['synaptic layer', 'max chain error (deck alone)', 'max chain error (end to end)', 'median chain error (end to end)', 'max STNO current error (mA)', 'max STNO power error (uW)'],
        rows: v.layers.map((l) => [l.layer, l.chainErrorLocalMax.toExponential(2), l.chainErrorEndToEndMax.toExponential(2), l.chainErrorEndToEndMedian.toExponential(2), l.currentErrorMaMax?.toExponential(2) ?? '-', l.powerErrorUwMax?.toExponential(2) ?? '-']),
      },
    },
  });
  const odd = v.perExample.filter((e) => 'error' in e || !e.agree);
  if (odd.length > 0) {
    out.push({
      topic: 'validation',
      section: {
        heading: `Images where circuit and surrogate disagree (${where})`,
        table: { headers: ['image', 'label', 'surrogate', 'circuit / error'], rows: odd.map((e) => ('error' in e ? [e.image, '-', '-', e.error] : [e.image, e.label, e.surrogatePrediction, e.circuitPrediction])) },
      },
    });
  }
  return out;
}

function mismatchSections(dir: string, where: string): Entry[] {
  const m = json<CnnMismatchSummary>(join(dir, 'summary.json'));
  if (!m) return [];
  const svg = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined);
  const out: Entry[] = [
    {
      topic: 'mismatch',
      section: {
        heading: `Mismatch Monte Carlo, ${m.level} level (${where})`,
        text: `Each trial a die: every resonator shifted by eq. 4 with sigma = ${m.spreads.sigma} (half widths) and every layer's gain times 1 + N(0, ${m.spreads.gain}^2); ${m.examples} test images per trial, seed ${m.seed}. Yield = trials with accuracy >= ${pct(m.threshold, 0)}.`,
        svg: svg('accuracy.svg'),
        table: { headers: ['trials', 'failed', 'mean', 'std', 'min', 'max', 'yield', 'nominal'], rows: [[m.finished, m.failed, pct(m.mean), pct(m.std), pct(m.min), pct(m.max), pct(m.yield, 0), pct(m.nominal)]] },
      },
    },
  ];
  if (m.sensitivity.length > 0) {
    out.push({
      topic: 'mismatch',
      section: {
        heading: `Sensitivity ranking (${where})`,
        text: 'One knob at a time at its spread, the same trial seeds; drop = nominal accuracy minus the knob-only mean.',
        svg: svg('sensitivity.svg'),
        table: { headers: ['knob', 'spread', 'mean', 'min', 'drop (points)'], rows: m.sensitivity.map((e) => [e.knob, e.spread, pct(e.mean), pct(e.min), Number((100 * e.drop).toFixed(2))]) },
      },
    });
  }
  return out;
}

/** Sections of one CNN folder, each with its topic (the report orders them). */
export async function cnnSections(root: string, dir: string, meta: Record<string, string | number>): Promise<Entry[]> {
  const where = relative(root, dir) || '.';
  const out: Entry[] = [];
  const progress = readCnnProgress(dir);
  if (progress) {
    meta[`training seed (${where})`] = progress.seed;
    out.push(...(await trainingSections(progress, where)));
  }
  const doc = modelDoc(dir);
  if (doc?.format === CNN_MODEL_FORMAT && doc.network === 'spintronic') {
    out.push(estimateSection(fromModelJson(doc), 'the trained model.json', where));
  } else if (!doc && progress?.network === 'spintronic') {
    out.push(estimateSection(initSpintronic(TASKS[progress.task as CnnTask].arch, progress.seed), `the ${progress.task} architecture (no model.json yet)`, where));
  }
  for (const name of variabilityFiles(dir)) {
    const entry = await variabilitySection(join(dir, name), where);
    if (entry) out.push(entry);
  }
  const kind = studyKind(dir);
  if (kind === 'cnn-validation') {
    const v = json<{ seed?: number; modelHash?: string }>(join(dir, 'validation.json'));
    if (v?.modelHash) meta[`validated model hash (${where})`] = v.modelHash;
    out.push(...validationSections(dir, where));
  }
  if (kind === 'cnn-trials') {
    const m = json<CnnMismatchSummary>(join(dir, 'summary.json'));
    if (m) meta[`mismatch seed (${where})`] = m.seed;
    out.push(...mismatchSections(dir, where));
  }
  return out;
}
