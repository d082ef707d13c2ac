// Resolved description types: every quantity an SI number, every parameter filled in, checked against the device tables.
export interface Instance {
  name: string;
  kind: string;
  /** Port name -> net name ('0' is ground). */
  nets: Record<string, string>;
  /** Every parameter of the device, SI. */
  params: Record<string, number>;
  /** Initial values of the device's states. */
  initial: Record<string, number>;
}

export type Waveform =
  | { shape: 'pulse'; v1: number; v2: number; delay: number; rise: number; fall: number; width: number; period: number }
  | { shape: 'sin'; offset: number; amplitude: number; freq: number; delay: number }
  | { shape: 'pwl'; points: [number, number][] };

export interface Source {
  name: string;
  type: 'V' | 'I';
  nets: { p: string; n: string };
  dc: number;
  ac?: number;
  waveform?: Waveform;
}

export type Analysis =
  | { type: 'op' }
  | { type: 'dc'; source: string; start: number; stop: number; step: number }
  | { type: 'ac'; pointsPerDecade: number; fstart: number; fstop: number }
  | { type: 'tran'; step: number; stop: number; start: number; tmax?: number };

export interface Options {
  reltol?: number;
  abstol?: number;
  vntol?: number;
  method?: 'gear' | 'trap';
  /** Sample interval of phase-noise waveforms (s). */
  noiseStep?: number;
}

/** A validated, fully resolved circuit description: the single input of emitter, surrogate and Monte Carlo. */
export interface Description {
  name: string;
  seed: number;
  instances: Instance[];
  sources: Source[];
  analyses: Analysis[];
  options: Options;
  save?: string[];
  trainable: string[];
}
