// Circuit vs surrogate on the test tokens of a trained vowel network: lock patterns, classes and mean frequencies per token.
import { join } from 'node:path';
import { tokenReadout, surrogateTokenReadout, vowelTokenCircuit, type TokenReadout } from '../architectures/vowels/circuit.ts';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import { runStudy } from '../montecarlo/study.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { scatterChart } from '../report/xyFigures.ts';
import type { EngineName } from '../sim/simulate.ts';
import type { VowelTarget } from './vowelTarget.ts';

export interface VowelValidationOptions {
  readonly dir: string;
  readonly engine: EngineName;
  /** Largest transient step (s). */
  readonly tmax: number;
  /** Per-token time limit of one ngspice run (ms); a token that exceeds it is recorded as failed and the run goes on. */
  readonly timeoutMs: number;
  readonly pool: TaskPool;
}

/** One test token: its class, both read-outs (or why the circuit run failed), and whether class and locks agree. */
export interface TokenComparison {
  /** Index in the task's test set. */
  readonly index: number;
  readonly label: number;
  readonly vowel: string;
  /** f_A, f_B (MHz). */
  readonly fs: readonly [number, number];
  readonly surrogate: TokenReadout;
  readonly circuit: TokenReadout | { readonly error: string };
  readonly agree: boolean;
  readonly samePattern: boolean;
  /** circuit - surrogate mean frequency per oscillator (MHz); empty when the circuit run failed. */
  readonly fbarErrorMHz: number[];
}

export interface VowelValidationReport {
  /** Marks the vowel document shape for readers of any validation.json (spinspice report). */
  readonly architecture: 'vowels';
  readonly model: string;
  readonly modelHash: string;
  readonly task: string;
  readonly splitSeed: number;
  readonly engine: EngineName;
  readonly tmax: number;
  /** Seed of the initial phases: test token t starts from seedFor(seed, t) in both models (the training run's scoring seed). */
  readonly seed: number;
  readonly examples: number;
  /** Share of tokens whose class is the same in circuit and surrogate (a failed circuit run counts as a disagreement). */
  readonly agreement: number;
  readonly patternAgreement: number;
  readonly circuitAccuracy: number;
  readonly surrogateAccuracy: number;
  readonly failed: number;
  readonly frequencyError: { readonly rmsMHz: number; readonly maxAbsMHz: number };
  readonly disagreements: TokenComparison[];
  readonly perExample: TokenComparison[];
  /** Wall time of this invocation (s; short when it resumed a finished folder). */
  readonly seconds: number;
  /** Time of the ngspice tasks summed over tokens (s), from the per-token records of every invocation. */
  readonly circuitSeconds: number;
}

/** What DIR/circuit-tokens.jsonl holds per token (resumable). */
interface CircuitRecord {
  readonly index: number;
  readonly fbar?: number[];
  readonly error?: string;
  readonly seconds: number;
}

const CIRCUIT_MODULE = new URL('../architectures/vowels/circuit.ts', import.meta.url);

/** A token's task is aborted after POOL_MARGIN times the engine's timeout (room for a worker's start-up on a busy machine). */
const POOL_MARGIN = 2.5;

/** Runs every target token through ngspice on the pool (one engine per worker; resumable) and compares with the surrogate. */
export async function validateVowels(target: VowelTarget, o: VowelValidationOptions): Promise<VowelValidationReport> {
  const started = performance.now();
  const { net, evalSeed: seed } = target;
  const circuitOf = (m: number) => ({ ...vowelTokenCircuit(net, target.fs[m], seed, target.indices[m]), tmax: o.tmax });
  const records = await runStudy<CircuitRecord>({
    dir: o.dir,
    file: 'circuit-tokens.jsonl',
    identity: { kind: 'vowel-validation', modelHash: target.modelHash, indices: target.indices, seed, engine: o.engine, tmax: o.tmax },
    trials: target.fs.length,
    concurrency: o.pool.workers,
    label: 'validate (ngspice)',
    run: async (m) => {
      const t0 = performance.now();
      const seconds = () => (performance.now() - t0) / 1000;
      try {
        // the engine's own timeout replaces a stuck ngspice; the pool's, later, a worker stuck anywhere else
        const fbar = await o.pool.run<number[]>(CIRCUIT_MODULE, 'runTokenCircuit', [circuitOf(m), o.engine, o.timeoutMs], POOL_MARGIN * o.timeoutMs);
        return { index: m, fbar, seconds: seconds() };
      } catch (e) {
        return { index: m, error: (e as Error).message, seconds: seconds() };
      }
    },
  });
  const { injection } = net.description.settings;
  const perExample = records.map((r): TokenComparison => {
    const m = r.index;
    const fs = target.fs[m];
    const surrogate = surrogateTokenReadout(net, fs, seed, target.indices[m]);
    const base = { index: target.indices[m], label: target.y[m], vowel: net.description.classes[target.y[m]], fs, surrogate };
    if (!r.fbar) return { ...base, circuit: { error: r.error ?? 'no result' }, agree: false, samePattern: false, fbarErrorMHz: [] };
    const circuit = tokenReadout(r.fbar, fs, injection, net.decoder);
    return {
      ...base,
      circuit,
      agree: circuit.predicted === surrogate.predicted,
      samePattern: circuit.pattern === surrogate.pattern,
      fbarErrorMHz: circuit.fbar.map((f, i) => f - surrogate.fbar[i]),
    };
  });
  const errors = perExample.flatMap((e) => e.fbarErrorMHz.map(Math.abs));
  const share = (pick: (e: TokenComparison) => boolean) => perExample.filter(pick).length / perExample.length;
  return {
    architecture: 'vowels',
    model: target.modelFile,
    modelHash: target.modelHash,
    task: target.task,
    splitSeed: target.splitSeed,
    engine: o.engine,
    tmax: o.tmax,
    seed,
    examples: perExample.length,
    agreement: share((e) => e.agree),
    patternAgreement: share((e) => e.samePattern),
    circuitAccuracy: share((e) => 'predicted' in e.circuit && e.circuit.predicted === e.label),
    surrogateAccuracy: share((e) => e.surrogate.predicted === e.label),
    failed: perExample.filter((e) => 'error' in e.circuit).length,
    frequencyError: {
      rmsMHz: Math.sqrt(errors.reduce((a, v) => a + v * v, 0) / (errors.length || 1)),
      maxAbsMHz: errors.length ? Math.max(...errors) : NaN,
    },
    disagreements: perExample.filter((e) => !e.agree),
    perExample,
    seconds: (performance.now() - started) / 1000,
    circuitSeconds: records.reduce((a, r) => a + r.seconds, 0),
  };
}

/** Writes DIR/validation.json and fbar-parity.svg (circuit vs surrogate mean frequency of every oscillator and token). */
export async function writeVowelValidation(dir: string, report: VowelValidationReport): Promise<void> {
  writeJsonAtomic(join(dir, 'validation.json'), report);
  const done = report.perExample.filter((e) => 'fbar' in e.circuit);
  if (done.length === 0) return;
  const n = done[0].surrogate.fbar.length;
  const series = Array.from({ length: n }, (_, i) => ({
    name: `oscillator ${i + 1}`,
    x: done.map((e) => e.surrogate.fbar[i]),
    y: done.map((e) => (e.circuit as TokenReadout).fbar[i]),
  }));
  const svg = await scatterChart({ title: `mean frequencies of ${done.length} test tokens: ngspice vs surrogate`, xLabel: 'surrogate f_bar (MHz)', yLabel: 'ngspice f_bar (MHz)', series, diagonal: true });
  writeFileAtomic(join(dir, 'fbar-parity.svg'), svg);
}
