// The one entry point to run a deck on either engine: inline includes, run with a timeout, classify messages, type the result.
import { SimulationError } from '../errors.ts';
import { classifyMessages, locateNetlistLine } from './messages.ts';
import { inlineIncludes } from './includes.ts';
import { nativeAvailable, runNative } from './nativeEngine.ts';
import type { SimResult } from './result.ts';
import { WasmEngine } from './wasmEngine.ts';

export type EngineName = 'wasm' | 'native';

export interface SimulateOptions {
  engine?: EngineName;
  /** Per-run time limit; the WASM engine is replaced after a timeout. Default 120 s. */
  timeoutMs?: number;
  /** Directory that relative `.include` paths resolve against. */
  baseDir?: string;
  /** In-memory include files by name (take precedence over the file system). */
  files?: Record<string, string>;
}

let shared: WasmEngine | undefined;

/** The thread's WASM engine (one per thread: two engines in one thread hang). */
export function wasmEngine(): WasmEngine {
  shared ??= new WasmEngine();
  return shared;
}

/** Run an ngspice deck; throws SimulationError naming the offending netlist line, never returns stale data. */
export async function simulate(deck: string, options: SimulateOptions = {}): Promise<SimResult> {
  const engine = options.engine ?? 'wasm';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const inlined = inlineIncludes(deck, options.baseDir, options.files, engine === 'wasm');
  const deckLines = inlined.text.split('\n');
  const fail = (errors: string[]): never => {
    const line = locateNetlistLine(errors, deckLines, inlined.origin);
    throw new SimulationError(`ngspice (${engine}) rejected the deck: ${errors.join(' | ')}`, line, errors);
  };
  if (engine === 'native') {
    if (!nativeAvailable()) throw new SimulationError('native ngspice is not installed (apt-get install ngspice)');
    const { messages, plot } = await runNative(inlined.text, timeoutMs);
    const classified = classifyMessages(messages);
    if (classified.errors.length || !plot) fail(classified.errors.length ? classified.errors : ['the run produced no data']);
    return toResult('native', plot!.dataType, plot!.names, plot!.real, plot!.imag, classified.warnings);
  }
  const reply = await wasmEngine().run(inlined.text, timeoutMs);
  const classified = classifyMessages([...reply.messages]);
  if (!reply.ok || classified.errors.length) fail(classified.errors.length ? classified.errors : reply.messages);
  return toResult('wasm', reply.dataType!, reply.names!, reply.real!, reply.imag, classified.warnings);
}

function toResult(engine: EngineName, dataType: 'real' | 'complex', names: string[], real: Float64Array[], imag: Float64Array[] | undefined, warnings: string[]): SimResult {
  const variables: Record<string, Float64Array> = {};
  const imaginary: Record<string, Float64Array> = {};
  names.forEach((n, i) => {
    variables[n.toLowerCase()] = real[i];
    if (imag) imaginary[n.toLowerCase()] = imag[i];
  });
  return { engine, dataType, variables, imaginary: imag ? imaginary : undefined, warnings };
}

/** Stop the shared WASM engine's worker (lets a process exit promptly). */
export async function closeEngines(): Promise<void> {
  await shared?.close();
}
