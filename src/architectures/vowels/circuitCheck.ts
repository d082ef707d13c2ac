// Circuit check of a trained vowel network: every token through ngspice (back-annotated deck) against the surrogate's answer.
import { runDescription } from '../../sim/runDescription.ts';
import type { EngineName } from '../../sim/simulate.ts';
import { readVowelRun, surrogateTokenReadout, vowelTokenDescription, type TokenReadout } from './circuit.ts';
import type { VowelNetwork } from './model.ts';
import type { VowelExamples } from './task.ts';

export interface TokenComparison {
  readonly index: number;
  readonly label: number;
  readonly circuit: TokenReadout;
  readonly surrogate: TokenReadout;
}

export interface CircuitCheck {
  readonly engine: EngineName;
  readonly seed: number;
  readonly tokens: readonly TokenComparison[];
  /** Fraction of tokens whose class agrees between circuit and surrogate, and whose whole lock pattern agrees. */
  readonly classAgreement: number;
  readonly patternAgreement: number;
  readonly circuitAccuracy: number;
  readonly surrogateAccuracy: number;
  /** Largest |f_bar circuit - f_bar surrogate| over tokens and oscillators (MHz). */
  readonly maxFrequencyGap: number;
}

/** Runs tokens 0..count-1 of `examples` (initial phases from `seed`) in ngspice and in the surrogate, one at a time. */
export async function checkCircuit(net: VowelNetwork, examples: VowelExamples, seed: number, engine: EngineName, count = examples.y.length, onToken?: (t: number) => void): Promise<CircuitCheck> {
  const tokens: TokenComparison[] = [];
  for (let t = 0; t < count; t++) {
    const fs = examples.fs[t];
    const circuit = readVowelRun(net, await runDescription(vowelTokenDescription(net, fs, seed, t), { engine }), fs);
    tokens.push({ index: t, label: examples.y[t], circuit, surrogate: surrogateTokenReadout(net, fs, seed, t) });
    onToken?.(t);
  }
  const share = (pick: (c: TokenComparison) => boolean) => tokens.filter(pick).length / tokens.length;
  return {
    engine,
    seed,
    tokens,
    classAgreement: share((c) => c.circuit.predicted === c.surrogate.predicted),
    patternAgreement: share((c) => c.circuit.pattern === c.surrogate.pattern),
    circuitAccuracy: share((c) => c.circuit.predicted === c.label),
    surrogateAccuracy: share((c) => c.surrogate.predicted === c.label),
    maxFrequencyGap: Math.max(...tokens.flatMap((c) => c.circuit.fbar.map((f, i) => Math.abs(f - c.surrogate.fbar[i])))),
  };
}
