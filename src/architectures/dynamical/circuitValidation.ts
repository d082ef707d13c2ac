// One sequence through the back-annotated circuit and through the surrogate: class agreement and output-trajectory error.
import { resolveDescription } from '../../spec/resolve.ts';
import { runDescription } from '../../sim/runDescription.ts';
import type { EngineName } from '../../sim/simulate.ts';
import { trajectories, type DynamicalModel } from '../../surrogate/dynamical/model.ts';
import { circuitReadout, dynamicalCircuit, type DynamicalCircuitOptions } from './circuit.ts';

/**
 * The surrogate's 10 output (logit) trajectories at the end of each input interval: out[c][k-1] at k dt, k = 1..steps.
 * `substeps` overrides the model's RK4 steps per interval (a finer reference for the continuous-time equations).
 */
export function surrogateOutputTrajectories(m: DynamicalModel, sequence: ArrayLike<number>, substeps = m.cfg.substeps): number[][] {
  const tr = trajectories({ ...m, cfg: { ...m.cfg, substeps } }, sequence);
  const { width: N, layers: L, classes: C, inputs: P } = m.cfg;
  const steps = sequence.length / P;
  const g0 = (L - 1) * N;
  return Array.from({ length: C }, (_, c) =>
    Array.from({ length: steps }, (_, k) => {
      let s = m.params.bout[c];
      for (let i = 0; i < N; i++) s += m.params.wout[c * N + i] * tr.y[g0 + i][(k + 1) * substeps];
      return s;
    }),
  );
}

const argmax = (v: readonly number[]) => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);

/** Root-mean-square and largest absolute difference over all outputs and samples. */
export function trajectoryError(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): { rms: number; max: number } {
  let se = 0;
  let max = 0;
  let n = 0;
  a.forEach((row, c) =>
    row.forEach((v, k) => {
      const e = v - b[c][k];
      se += e * e;
      max = Math.max(max, Math.abs(e));
      n++;
    }),
  );
  return { rms: Math.sqrt(se / n), max };
}

export interface CircuitComparison {
  surrogate: { predicted: number; outputs: number[] };
  circuit: { predicted: number; outputs: number[] };
  agree: boolean;
  /** Output trajectories circuit - surrogate (as trained, the model's RK4 step), over all outputs and input intervals. */
  rms: number;
  max: number;
  /** The same against the surrogate at 16 RK4 steps per interval (the continuous-time equations). */
  rmsFine: number;
  /** Wall time of the circuit simulation (s). */
  seconds: number;
}

export interface CircuitRunOptions extends DynamicalCircuitOptions {
  engine?: EngineName;
  timeoutMs?: number;
}

/** Simulate one sequence at circuit level and compare it with the surrogate. */
export async function compareWithCircuit(m: DynamicalModel, sequence: ArrayLike<number>, o: CircuitRunOptions = {}): Promise<CircuitComparison> {
  const steps = sequence.length / m.cfg.inputs;
  const description = resolveDescription(dynamicalCircuit(m, sequence, o));
  const t0 = performance.now();
  const result = await runDescription(description, { engine: o.engine, timeoutMs: o.timeoutMs ?? 600_000 });
  const seconds = (performance.now() - t0) / 1000;
  const circuit = circuitReadout(m.cfg, result, steps);
  const sur = surrogateOutputTrajectories(m, sequence);
  const fine = surrogateOutputTrajectories(m, sequence, 16);
  const surOut = sur.map((row) => row[row.length - 1]);
  const err = trajectoryError(circuit.trajectories, sur);
  return {
    surrogate: { predicted: argmax(surOut), outputs: surOut },
    circuit: { predicted: circuit.predicted, outputs: circuit.outputs },
    agree: argmax(surOut) === circuit.predicted,
    rms: err.rms,
    max: err.max,
    rmsFine: trajectoryError(circuit.trajectories, fine).rms,
    seconds,
  };
}
