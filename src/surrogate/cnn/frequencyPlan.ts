// Frequency allocation of each layer's RF channels without crosstalk (paper 002 eq. 3): f_{i+1} = f_i (1 + d) / (1 - d), d = 1/Q_osc.

/** Paper 002: Q_osc = 6400 (Tsunegi et al.), lowest channel at 1 GHz. */
export const PAPER_Q_OSC = 6400;
export const PAPER_F_MIN_HZ = 1e9;

/** The plan of one synaptic layer: `channels` RF inputs at fFirstHz * ratio^k, k = 0 .. channels - 1. */
export interface LayerFrequencyPlan {
  readonly channels: number;
  readonly fFirstHz: number;
  readonly fLastHz: number;
}

/** Every layer's plan with the allocation rule, stored in model.json so each resonator's input frequency is known. */
export interface FrequencyPlan {
  readonly rule: 'paper 002 eq. 3: f[k+1] = f[k] (1 + 1/Qosc) / (1 - 1/Qosc), channel k = input neuron k in (h, w, c) order';
  readonly qOsc: number;
  readonly fMinHz: number;
  readonly ratio: number;
  readonly layers: readonly LayerFrequencyPlan[];
}

/** Ratio between neighbouring channels: (1 + d) / (1 - d), d = 1/qOsc (the emission peaks are one linewidth apart). */
export function channelRatio(qOsc: number): number {
  const d = 1 / qOsc;
  return (1 + d) / (1 - d);
}

/** Plan for layers with the given numbers of input channels; every layer starts again at fMinHz (layers are separate RF domains). */
export function frequencyPlan(channelsPerLayer: readonly number[], qOsc = PAPER_Q_OSC, fMinHz = PAPER_F_MIN_HZ): FrequencyPlan {
  if (!(qOsc > 1)) throw new RangeError(`qOsc must exceed 1, got ${qOsc}`);
  const ratio = channelRatio(qOsc);
  return {
    rule: 'paper 002 eq. 3: f[k+1] = f[k] (1 + 1/Qosc) / (1 - 1/Qosc), channel k = input neuron k in (h, w, c) order',
    qOsc,
    fMinHz,
    ratio,
    layers: channelsPerLayer.map((channels) => ({ channels, fFirstHz: fMinHz, fLastHz: fMinHz * ratio ** (channels - 1) })),
  };
}

/** Frequency (Hz) of channel k of a layer. */
export function channelFrequency(plan: FrequencyPlan, layer: number, k: number): number {
  const l = plan.layers[layer];
  if (!l || !(k >= 0 && k < l.channels)) throw new RangeError(`no channel ${k} in layer ${layer}`);
  return l.fFirstHz * plan.ratio ** k;
}

/** All channel frequencies (Hz) of a layer. */
export function layerFrequencies(plan: FrequencyPlan, layer: number): Float64Array {
  const l = plan.layers[layer];
  return Float64Array.from({ length: l.channels }, (_, k) => l.fFirstHz * plan.ratio ** k);
}

/** Number of channels that fit in [fMinHz, fMaxHz] under the rule (paper: 5408 between 1 and 5.4 GHz at Q_osc = 6400). */
export function channelsInBand(fMaxHz: number, qOsc = PAPER_Q_OSC, fMinHz = PAPER_F_MIN_HZ): number {
  return Math.floor(Math.log(fMaxHz / fMinHz) / Math.log(channelRatio(qOsc)) + 1e-9) + 1;
}
