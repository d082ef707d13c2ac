// Device mismatch of a back-annotated Kuramoto circuit: knobs and spreads from the device parameter tables, seeded sampling.
import { cmosGm } from '../devices/cmosAmp.ts';
import type { Device, Spread } from '../devices/device.ts';
import { stnoPhase } from '../devices/stnoPhase.ts';
import { synapseGm } from '../devices/synapseGm.ts';
import type { KuramotoDesign } from '../annotate/kuramotoDesign.ts';
import { InputError } from '../errors.ts';
import { createRng } from '../random/rng.ts';
import { parseQuantity } from '../units/quantity.ts';

/** Where a knob acts in the design. */
type Site = 'oscillators' | 'synapses' | 'drivers';

interface Knob {
  readonly device: Device<string>;
  readonly param: string;
  readonly site: Site;
  readonly doc: string;
}

export type KnobName = 'F0' | 'kappa' | 'k' | 'gm' | 'gain' | 'offset';

/** The mismatch knobs of the circuit, in sampling order (the order is part of the replay contract). */
export const KNOBS: Readonly<Record<KnobName, Knob>> = {
  F0: { device: stnoPhase, param: 'F0', site: 'oscillators', doc: 'STNO frequency offset (stnoPhase.F0)' },
  kappa: { device: stnoPhase, param: 'kappa', site: 'oscillators', doc: 'STNO current tunability (stnoPhase.kappa)' },
  k: { device: stnoPhase, param: 'k', site: 'oscillators', doc: 'coupling felt from the RF line (stnoPhase.k)' },
  gm: { device: synapseGm, param: 'gm', site: 'synapses', doc: 'synapse conductance programming error (synapseGm.gm)' },
  gain: { device: cmosGm, param: 'gm', site: 'drivers', doc: 'bias driver gain (cmosGm.gm)' },
  offset: { device: cmosGm, param: 'ioffset', site: 'drivers', doc: 'bias driver offset (cmosGm.ioffset)' },
};
export const KNOB_NAMES = Object.keys(KNOBS) as KnobName[];

/** Spread of every knob (kind from the device table; sigma a fraction for relative, SI for absolute). */
export type Spreads = Record<KnobName, Pick<Spread, 'kind' | 'sigma'>>;

/** The spreads of the device parameter tables. */
export function tableSpreads(): Spreads {
  return Object.fromEntries(
    KNOB_NAMES.map((name) => {
      const { device, param } = KNOBS[name];
      const spread = device.params[param].spread;
      if (!spread) throw new Error(`${device.kind}.${param} has no spread in its parameter table`);
      return [name, { kind: spread.kind, sigma: spread.sigma }];
    }),
  ) as Spreads;
}

/** Every knob at zero spread (phase-noise studies). */
export function noSpreads(): Spreads {
  const table = tableSpreads();
  return Object.fromEntries(KNOB_NAMES.map((n) => [n, { ...table[n], sigma: 0 }])) as Spreads;
}

/**
 * Applies overrides "name=value" to spreads: relative knobs take a fraction or a percentage ("kappa=5%", "gm=0.02"),
 * absolute knobs a quantity in the parameter's unit ("F0=3 MHz", "offset=2 uA"). `field` names the option for errors.
 */
export function overrideSpreads(base: Spreads, overrides: readonly string[], field = '--spread', file?: string): Spreads {
  const out = { ...base };
  for (const text of overrides) {
    const m = /^([A-Za-z0-9]+)\s*=\s*(.+)$/.exec(text.trim());
    if (!m) throw new InputError(`expected name=value, got ${JSON.stringify(text)}`, field, file);
    const name = m[1] as KnobName;
    if (!(name in KNOBS)) throw new InputError(`unknown knob '${m[1]}' (one of ${KNOB_NAMES.join(', ')})`, field, file);
    const kind = base[name].kind;
    const knob = KNOBS[name];
    const raw = m[2].trim();
    const sigma =
      kind === 'relative'
        ? raw.endsWith('%')
          ? parseQuantity(raw.slice(0, -1), '', `${field} ${name}`, file) / 100
          : parseQuantity(raw, '', `${field} ${name}`, file)
        : parseQuantity(raw, knob.device.params[knob.param].unit, `${field} ${name}`, file);
    if (!(sigma >= 0) || (kind === 'relative' && sigma > 1)) {
      throw new InputError(`${name} spread must be ${kind === 'relative' ? 'a fraction in [0, 1]' : '>= 0'}, got ${raw}`, field, file);
    }
    out[name] = { kind, sigma };
  }
  return out;
}

/** The sampled values of one trial: per knob, one value per element of its site (SI). */
export type MismatchSample = Record<KnobName, number[]>;

/**
 * A mismatched copy of a design, drawn from createRng(seed): for each knob in KNOBS order, each element of its site in
 * index order (synapses row-major) draws one N(0, 1), also when the spread is zero, so that a knob's draws are the same
 * whatever the other knobs' spreads (one-at-a-time sensitivity studies reuse the full study's samples).
 */
export function sampleDesign(design: KuramotoDesign, spreads: Spreads, seed: number): { design: KuramotoDesign; sample: MismatchSample } {
  const rng = createRng(seed);
  const oscillators = design.oscillators.map((p) => ({ ...p }));
  const synapses = design.synapses.map((row) => [...row]);
  const drivers = design.drivers.map((d) => ({ ...d }));
  const sample = {} as MismatchSample;
  const vary = (name: KnobName, nominal: number) => {
    const { kind, sigma } = spreads[name];
    const z = rng.normal();
    return kind === 'relative' ? nominal * (1 + sigma * z) : nominal + sigma * z;
  };
  for (const name of KNOB_NAMES) {
    const { site, param } = KNOBS[name];
    const values: number[] = [];
    if (site === 'oscillators') for (const p of oscillators) values.push((p[param] = vary(name, p[param])));
    if (site === 'synapses') for (const row of synapses) for (let j = 0; j < row.length; j++) values.push((row[j] = vary(name, row[j])));
    if (site === 'drivers') {
      const key = param === 'gm' ? 'gm' : 'ioffset';
      for (const d of drivers) values.push((d[key] = vary(name, d[key])));
    }
    sample[name] = values;
  }
  return { design: { ...design, oscillators, synapses, drivers }, sample };
}
