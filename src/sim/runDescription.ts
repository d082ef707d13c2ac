// Emit a resolved description and run it on an engine in one call (libraries passed in memory, nothing written).
import { emitNetlist, type EmitOptions } from '../netlist/emit.ts';
import type { Description } from '../spec/description.ts';
import type { SimResult } from './result.ts';
import { simulate, type SimulateOptions } from './simulate.ts';

/** Simulate analysis `analysisIndex` of a description. */
export async function runDescription(d: Description, options: SimulateOptions & EmitOptions & { analysisIndex?: number } = {}): Promise<SimResult> {
  const { deck, libraries } = emitNetlist(d, options.analysisIndex ?? 0, { flatten: options.flatten });
  return simulate(deck, { ...options, files: { ...libraries, ...options.files } });
}
