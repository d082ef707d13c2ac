// Seeded white-noise waveforms for device states (phase noise), written as PWL currents so both engines see the same noise.
import { createRng } from '../random/rng.ts';

/**
 * Samples of a current that, integrated on a 1 F state node, adds a Wiener process of variance `rate`*t:
 * one N(0,1) value every `step` seconds scaled by sqrt(rate/step), linearly interpolated by the PWL source.
 */
export function noiseSamples(rate: number, step: number, stop: number, seed: number): [number, number][] {
  const rng = createRng(seed);
  const n = Math.ceil(stop / step) + 1;
  const scale = Math.sqrt(rate / step);
  return Array.from({ length: n }, (_, k) => [k * step, scale * rng.normal()] as [number, number]);
}
