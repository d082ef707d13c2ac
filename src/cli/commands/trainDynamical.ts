// `spinspice train dynamical --task seqdigits ...`: option definitions and the handler (validation, training, outputs).
import { join } from 'node:path';
import { InputError } from '../../errors.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic.ts';
import { startProgress } from '../../io/progress.ts';
import { parseQuantity } from '../../units/quantity.ts';
import { lineChart } from '../../report/index.ts';
import { runSeqDigits, TASK, DEFAULT_SPLIT_SEED, SEQDIGITS_EPOCHS } from '../../architectures/dynamical/seqDigits.ts';

/** Commander-style option definitions of the `dynamical` architecture (flags, description, default). */
export const dynamicalOptions: readonly { flags: string; description: string; default?: string }[] = [
  { flags: '--task <name>', description: `task (${TASK})`, default: TASK },
  { flags: '--model <kind>', description: 'neuron model: spintronic (STNO power) or ctrnn', default: 'spintronic' },
  { flags: '--dt-input <time>', description: 'interval between input points', default: '1ns' },
  { flags: '--tau <time>', description: 'neuron relaxation time 1/gamma', default: '14.12ns' },
  { flags: '--density <fraction>', description: 'connection density (interlayer and intralayer)', default: '0.5' },
  { flags: '--epochs <n>', description: 'training epochs', default: String(SEQDIGITS_EPOCHS) },
  { flags: '--seed <n>', description: 'seed of masks, initialisation and shuffles', default: '1' },
  { flags: '--split-seed <n>', description: 'seed of the 50/50 train/test split', default: String(DEFAULT_SPLIT_SEED) },
  { flags: '--lr0 <rate>', description: 'Adam learning rate at epoch 0 (default: the model\'s SEQDIGITS_RECIPE)' },
  { flags: '--init-drive <rate>', description: 'initial cumulative drive I0 = S <|W|> sqrt(N_fanin) in 1/ns (default: the model\'s recipe)' },
  { flags: '--substeps <n>', description: 'RK4 steps per input interval (default: h <= 0.5 ns, at least 2)' },
  { flags: '--threads <n>', description: 'threads of the training passes: 2 runs half of every batch in a worker thread (same seed, 1 vs 2: rounding-level differences)', default: '1' },
  { flags: '--engine <name>', description: 'kernel (fast float64 BPTT) or tfjs (generic autodiff reference)', default: 'kernel' },
  { flags: '--out <dir>', description: 'output directory (model.json, metrics.json, learning-curves.svg)' },
];

/** Options as commander hands them over (camelCase keys, string values). */
export type DynamicalCliOptions = Record<string, string | undefined>;

const int = (v: string | undefined, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new InputError(`must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`, field);
  return n;
};

const positive = (v: string, field: string, max: number): number => {
  const n = Number(v);
  if (!(n > 0 && n <= max)) throw new InputError(`must be a number in (0, ${max}], got ${JSON.stringify(v)}`, field);
  return n;
};

const ns = (v: string | undefined, field: string): number => {
  const s = parseQuantity(v, 's', field);
  if (!(s > 0) || s > 1e-6) throw new InputError(`must be a time in (0, 1 us], got ${JSON.stringify(v)}`, field);
  return Number((s * 1e9).toPrecision(12));
};

/** Validate everything once at the boundary; returns fully resolved run options. */
export function parseDynamicalOptions(o: DynamicalCliOptions) {
  if ((o.task ?? TASK) !== TASK) throw new InputError(`unknown task ${JSON.stringify(o.task)} (known: ${TASK})`, '--task');
  const model = o.model ?? 'spintronic';
  if (model !== 'spintronic' && model !== 'ctrnn') throw new InputError(`must be spintronic or ctrnn, got ${JSON.stringify(model)}`, '--model');
  const engine = o.engine ?? 'kernel';
  if (engine !== 'kernel' && engine !== 'tfjs') throw new InputError(`must be kernel or tfjs, got ${JSON.stringify(engine)}`, '--engine');
  const density = Number(o.density ?? '0.5');
  if (!(density > 0 && density <= 1)) throw new InputError(`must be a number in (0, 1], got ${JSON.stringify(o.density)}`, '--density');
  if (!o.out) throw new InputError('is required', '--out');
  return {
    model,
    engine,
    density,
    out: o.out,
    dtInputNs: ns(o.dtInput ?? '1ns', '--dt-input'),
    tauNs: ns(o.tau ?? '14.12ns', '--tau'),
    epochs: int(o.epochs ?? String(SEQDIGITS_EPOCHS), '--epochs', 1, 10000),
    seed: int(o.seed ?? '1', '--seed', 0, 0xffffffff),
    splitSeed: int(o.splitSeed ?? String(DEFAULT_SPLIT_SEED), '--split-seed', 0, 0xffffffff),
    substeps: o.substeps === undefined ? undefined : int(o.substeps, '--substeps', 1, 1000),
    lr0: o.lr0 === undefined ? undefined : positive(o.lr0, '--lr0', 10),
    initDrive: o.initDrive === undefined ? undefined : positive(o.initDrive, '--init-drive', 100),
    threads: int(o.threads ?? '1', '--threads', 1, 2) as 1 | 2,
  } as const;
}

/** Train, then write model.json, metrics.json and learning-curves.svg into --out. */
export async function trainDynamicalHandler(o: DynamicalCliOptions): Promise<void> {
  const a = parseDynamicalOptions(o);
  const progress = startProgress(`train dynamical ${a.model}`, a.epochs);
  let run;
  try {
    run = runSeqDigits({
      ...a,
      onEpoch: (e) => progress.tick(1, { loss: e.trainLoss.toFixed(3), test: ((e.testAccuracy ?? 0) * 100).toFixed(1) + '%' }),
    });
  } finally {
    progress.stop();
  }
  const { model, metrics } = run;
  writeJsonAtomic(join(a.out, 'model.json'), model);
  writeJsonAtomic(join(a.out, 'metrics.json'), metrics);
  const epochs = metrics.history.map((h) => h.epoch + 1);
  const svg = await lineChart({
    title: `Learning curves: ${a.model} network, sequential digits (seed ${a.seed})`,
    xLabel: 'epoch',
    yLabel: 'accuracy',
    markers: epochs.length <= 30,
    series: [
      { name: 'train (running, during the epoch)', x: epochs, y: metrics.history.map((h) => h.trainAccuracy) },
      { name: 'test', x: epochs, y: metrics.history.map((h) => h.testAccuracy ?? NaN) },
    ],
  });
  writeFileAtomic(join(a.out, 'learning-curves.svg'), svg);
  process.stdout.write(
    `train ${(metrics.train.accuracy * 100).toFixed(2)} %, test ${(metrics.test.accuracy * 100).toFixed(2)} % after ${a.epochs} epochs (${metrics.seconds.toFixed(1)} s) -> ${a.out}\n`,
  );
}
