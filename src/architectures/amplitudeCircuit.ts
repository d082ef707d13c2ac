// Kuramoto-level circuit -> complex-amplitude circuit: every stnoPhase + phaseBus becomes stnoAmplitude + amplitudeBus, the rest is kept.
import { InputError } from '../errors.ts';
import type { ParamSpec } from '../devices/device.ts';
import { amplitudeState, stnoAmplitude } from '../devices/stnoAmplitude.ts';
import { stnoPhase } from '../devices/stnoPhase.ts';
import type { Instance } from '../spec/description.ts';
import { resolveDescription } from '../spec/resolve.ts';
import type { DescriptionInput } from '../spec/schema.ts';

/** The amplitude-model parameters a Kuramoto circuit does not have (defaults: the stnoAmplitude parameter table). */
export const AMPLITUDE_ONLY_PARAMS = ['N', 'beta', 'gammaG', 'zeta', 'Q'] as const;
export type AmplitudeOptions = Partial<Record<(typeof AMPLITUDE_ONLY_PARAMS)[number], number>>;

/** Nets of the converted oscillator whose stnoPhase phase node was `phaseNet`. */
export function amplitudeNets(phaseNet: string): { re: string; im: string } {
  return { re: `${phaseNet}_re`, im: `${phaseNet}_im` };
}

/** Nets of the amplitudeBus that replaces the phaseBus instance `busName`. */
export function amplitudeBusNets(busName: string): { re: string; im: string } {
  return { re: `${busName}_re`, im: `${busName}_im` };
}

/**
 * The same circuit with the complex-amplitude oscillator model: each stnoPhase becomes a stnoAmplitude with the same
 * frequency-tuning parameters (F0, kappa, Rj, clamp), coupling k and frame fref, started on its limit cycle p = p0 at
 * the stnoPhase's initial phase; each phaseBus becomes an amplitudeBus. Bias network, sources, analyses and options are
 * kept; saved phase nets become their re/im nets. `options` sets the amplitude-only parameters on every oscillator.
 * Throws InputError for a noisy stnoPhase (stnoAmplitude has no noise model), an oscillator on no phaseBus, mixed
 * fref on one bus, or a generated net name that already exists.
 */
export function toAmplitudeCircuit(input: DescriptionInput, options: AmplitudeOptions = {}): DescriptionInput {
  const d = resolveDescription(input);
  const specs = stnoAmplitude.params as Record<string, ParamSpec>;
  for (const [key, value] of Object.entries(options)) {
    const spec = specs[key];
    if (!(AMPLITUDE_ONLY_PARAMS as readonly string[]).includes(key)) throw new InputError(`not an amplitude-model parameter (${AMPLITUDE_ONLY_PARAMS.join(', ')})`, `options.${key}`);
    if (!(value >= spec.min && value <= spec.max)) throw new InputError(`${value} ${spec.unit} is out of bounds: allowed [${spec.min}, ${spec.max}]`, `options.${key}`);
  }
  const existing = new Set([...d.instances.flatMap((i) => Object.values(i.nets)), ...d.sources.flatMap((s) => [s.nets.p, s.nets.n])]);
  const fresh = (net: string, field: string) => {
    if (existing.has(net)) throw new InputError(`the converted circuit needs a net "${net}", which already exists`, field);
    return net;
  };

  const buses = d.instances.filter((i) => i.kind === 'phaseBus');
  const netMap = new Map<string, string[]>();
  const busFref = new Map<string, number>();
  for (const bus of buses) {
    const nets = amplitudeBusNets(bus.name);
    const at = `instances[${d.instances.indexOf(bus)}].nets`;
    netMap.set(bus.nets.S, [fresh(nets.re, at)]);
    netMap.set(bus.nets.C, [fresh(nets.im, at)]);
  }

  const shared = Object.keys(stnoPhase.params).filter((p) => p in specs);
  const convert = (inst: Instance, index: number): Instance => {
    const at = `instances[${index}]`;
    if (inst.kind === 'phaseBus') {
      const nets = amplitudeBusNets(inst.name);
      return { name: inst.name, kind: 'amplitudeBus', nets, params: {}, initial: {} };
    }
    if (inst.kind !== 'stnoPhase') return inst;
    if (inst.params.linewidth > 0) throw new InputError('stnoAmplitude has no phase-noise model: convert noiseless circuits only', `${at}.params.linewidth`);
    const bus = buses.find((b) => b.nets.S === inst.nets.busS && b.nets.C === inst.nets.busC);
    if (!bus) throw new InputError(`busS/busC (${inst.nets.busS}, ${inst.nets.busC}) are not the S/C nets of one phaseBus`, `${at}.nets`);
    const fref = busFref.get(bus.name) ?? inst.params.fref;
    if (fref !== inst.params.fref) throw new InputError(`oscillators on phaseBus ${bus.name} must share one rotating frame (fref ${fref} Hz vs ${inst.params.fref} Hz)`, `${at}.params.fref`);
    busFref.set(bus.name, fref);
    const params = { ...stnoAmplitude.defaults(), ...Object.fromEntries(shared.map((p) => [p, inst.params[p]])), ...options };
    const nets = amplitudeNets(inst.nets.phase);
    netMap.set(inst.nets.phase, [fresh(nets.re, `${at}.nets.phase`), fresh(nets.im, `${at}.nets.phase`)]);
    const busNets = amplitudeBusNets(bus.name);
    return {
      name: inst.name,
      kind: 'stnoAmplitude',
      nets: { bias: inst.nets.bias, re: nets.re, im: nets.im, busRe: busNets.re, busIm: busNets.im },
      params,
      initial: amplitudeState(params, inst.initial.phase),
    };
  };

  const instances = d.instances.map(convert);
  const shift = options.N ?? stnoAmplitude.params.N.default;
  const converted: DescriptionInput = {
    ...d,
    name: `${d.name} (complex-amplitude model, N = ${shift} rad/s)`,
    instances,
    save: d.save?.flatMap((net) => netMap.get(net) ?? [net]),
  };
  resolveDescription(converted);
  return converted;
}
