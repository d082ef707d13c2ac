// Runs one deck of a CNN through ngspice and reads it back (a task the worker pool can run: plain-data arguments and result).
import { readFileSync } from 'node:fs';
import { partitionDescription, readPartition } from '../annotate/cnnCircuit.ts';
import type { DeckPartition } from '../annotate/cnnPartition.ts';
import { runDescription } from '../sim/runDescription.ts';
import type { EngineName } from '../sim/simulate.ts';
import { fromModelJson, type CnnModel, type CnnModelJson } from '../surrogate/cnn/model.ts';
import { drawDevices, type Variability } from '../surrogate/cnn/variability.ts';

export interface DeckTask {
  /** The model JSON on disk, written once per run: a task carries its path, not the megabytes of model a message would copy. */
  readonly modelFile: string;
  /** Identifies the model (and variability) across tasks so a worker reads and rebuilds them once. */
  readonly key: string;
  readonly part: DeckPartition;
  /** The layer's input powers (uW). */
  readonly inputs: number[];
  readonly engine: EngineName;
  readonly variability?: { readonly sigma: number; readonly seed: number };
}

/** Read-out as plain pairs [index, value]: chain voltages (uV), STNO currents (mA), powers (uW). */
export interface DeckResult {
  readonly chains: [number, number][];
  readonly currents: [number, number][];
  readonly powers: [number, number][];
  readonly seconds: number;
}

const cache = new Map<string, { model: CnnModel; variability?: Variability }>();

function resolveModel(t: DeckTask): { model: CnnModel; variability?: Variability } {
  let hit = cache.get(t.key);
  if (!hit) {
    const model = fromModelJson(JSON.parse(readFileSync(t.modelFile, 'utf8')) as CnnModelJson);
    hit = { model, variability: t.variability && { sigma: t.variability.sigma, draws: drawDevices(model.arch, t.variability.seed) } };
    cache.clear();
    cache.set(t.key, hit);
  }
  return hit;
}

export async function runCnnDeck(t: DeckTask): Promise<DeckResult> {
  const started = performance.now();
  const { model, variability } = resolveModel(t);
  const result = await runDescription(partitionDescription(model, t.part, t.inputs, variability), { engine: t.engine, timeoutMs: 1_800_000, flatten: true });
  const r = readPartition(model, t.part, result);
  return { chains: [...r.chains], currents: [...r.currents], powers: [...r.powers], seconds: (performance.now() - started) / 1000 };
}
