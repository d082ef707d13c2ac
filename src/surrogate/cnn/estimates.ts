// Power, latency and area of the RF spintronic CNN as functions of its architecture (paper 002 section 1.5).
import { cnnShapes, deviceCounts, type CnnArch } from './arch.ts';
import type { FrequencyPlan } from './frequencyPlan.ts';
import type { CnnModel } from './model.ts';

export interface EstimateAssumptions {
  /** Minimum power per synapse and per neuron (paper 002: 0.1 uW: 0.1 uW RF per resonator; 0.1 uW DC per 20 nm STNO). */
  readonly powerPerDeviceW: number;
  /** Magnetic damping; the relaxation time of a device at f is 1/(alpha f). */
  readonly alpha: number;
  /** Side of a unit cell (paper: 40 nm for 20 nm radius devices). */
  readonly cellSideM: number;
  /** Reference GPU for the comparison (paper: Nvidia Tegra TK1, 8 W, 650 us per image). */
  readonly gpu: { readonly name: string; readonly powerW: number; readonly latencyS: number };
}

export const PAPER_ASSUMPTIONS: EstimateAssumptions = {
  powerPerDeviceW: 1e-7,
  alpha: 0.01,
  cellSideM: 40e-9,
  gpu: { name: 'Nvidia Tegra TK1 (paper 002)', powerW: 8, latencyS: 650e-6 },
};

export interface HardwareEstimates {
  readonly neurons: number;
  readonly synapses: number;
  readonly powerW: number;
  /** Relaxation time of the slowest device, 1/(alpha f_min). */
  readonly relaxationS: number;
  /** Device layers an image crosses (emitter layers + resonator layers), each settling in one relaxation time. */
  readonly stages: number;
  readonly latencyS: number;
  readonly energyPerImageJ: number;
  /** Per conv layer: unfolded crossbar area (N_in N_c x N_out N_m cells) vs the compact arrangement (N_out N_m x k^2 N_c). */
  readonly convAreas: { readonly crossbarM2: number; readonly compactM2: number }[];
  /** All resonators at one cell each (the compact arrangement for convolutions, inputs x classes for the FC layer). */
  readonly resonatorAreaM2: number;
  readonly gpuPowerRatio: number;
  readonly gpuLatencyRatio: number;
}

/** Estimates of paper 002 section 1.5 recomputed from the architecture and its frequency plan. */
export function hardwareEstimates(arch: CnnArch, plan: FrequencyPlan, a: EstimateAssumptions = PAPER_ASSUMPTIONS): HardwareEstimates {
  const counts = deviceCounts(arch);
  const shapes = cnnShapes(arch);
  const fMin = Math.min(...plan.layers.map((l) => l.fFirstHz));
  const relaxationS = 1 / (a.alpha * fMin);
  const stages = 2 * (shapes.convs.length + 1);
  const powerW = (counts.neurons + counts.synapses) * a.powerPerDeviceW;
  const latencyS = stages * relaxationS;
  const cell = a.cellSideM ** 2;
  const convAreas = shapes.convs.map((s) => {
    const nIn = s.inH * s.inW;
    const nOut = s.outH * s.outW;
    return { crossbarM2: nIn * s.inC * nOut * s.spec.filters * cell, compactM2: nOut * s.spec.filters * s.spec.kernel ** 2 * s.inC * cell };
  });
  return {
    neurons: counts.neurons,
    synapses: counts.synapses,
    powerW,
    relaxationS,
    stages,
    latencyS,
    energyPerImageJ: powerW * latencyS,
    convAreas,
    resonatorAreaM2: counts.synapses * cell,
    gpuPowerRatio: a.gpu.powerW / powerW,
    gpuLatencyRatio: a.gpu.latencyS / latencyS,
  };
}

/** The estimates of a model: its architecture, its frequency plan (model.json) and its resonators' damping. */
export function modelEstimates(model: CnnModel, a: EstimateAssumptions = PAPER_ASSUMPTIONS): HardwareEstimates {
  return hardwareEstimates(model.arch, model.plan, { ...a, alpha: model.physics.alpha });
}
