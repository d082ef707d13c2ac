// Validates a description at the boundary: schema, names, device kinds, ports, units and bounds, nets and DC paths.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import { DEVICES } from '../devices/registry.ts';
import type { ParamSpec } from '../devices/device.ts';
import { parseQuantity } from '../units/quantity.ts';
import { formatSpiceNumber } from '../units/spiceNumber.ts';
import { descriptionSchema, type DescriptionInput } from './schema.ts';
import type { Analysis, Description, Instance, Source, Waveform } from './description.ts';
import { checkConnectivity } from './connectivity.ts';

/** Format a zod issue path as instances[2].params.F0. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

const GROUND = new Set(['0', 'gnd', 'GND']);
const normaliseNet = (n: string) => (GROUND.has(n) ? '0' : n);

/** Read and resolve a description file; errors name the file and the field. */
export function loadDescription(path: string): Description {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read a JSON description: ${(e as Error).message}`, undefined, path);
  }
  return resolveDescription(json, path);
}

/** Check a description and return it fully resolved (SI numbers, defaults filled in). */
export function resolveDescription(input: unknown, file?: string): Description {
  const parsed = descriptionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue.message, fieldPath(issue.path) || '(root)', file);
  }
  const d: DescriptionInput = parsed.data;
  const err = (message: string, field: string): never => {
    throw new InputError(message, field, file);
  };

  const seen = new Map<string, string>();
  const claim = (name: string, field: string) => {
    const key = name.toLowerCase();
    if (seen.has(key)) err(`duplicate name "${name}" (also at ${seen.get(key)})`, field);
    seen.set(key, field);
  };

  const instances: Instance[] = d.instances.map((inst, i) => {
    const at = `instances[${i}]`;
    claim(inst.name, `${at}.name`);
    const device = DEVICES[inst.kind];
    if (!device) return err(`unknown device kind "${inst.kind}" (known: ${Object.keys(DEVICES).join(', ')})`, `${at}.kind`);
    const ports = Object.keys(device.ports);
    for (const port of Object.keys(inst.nets)) if (!ports.includes(port)) err(`${inst.kind} has no port "${port}" (ports: ${ports.join(', ')})`, `${at}.nets.${port}`);
    for (const port of ports) if (!(port in inst.nets)) err(`port "${port}" of ${inst.kind} is not connected (${device.ports[port].doc})`, `${at}.nets`);
    const params: Record<string, number> = device.defaults();
    for (const [key, raw] of Object.entries(inst.params ?? {})) {
      const spec = (device.params as Record<string, ParamSpec>)[key];
      if (!spec) err(`${inst.kind} has no parameter "${key}" (parameters: ${Object.keys(device.params).join(', ') || 'none'})`, `${at}.params.${key}`);
      const value = parseQuantity(raw, spec.unit, `${at}.params.${key}`, file);
      if (!(value >= spec.min && value <= spec.max)) {
        err(`${formatSpiceNumber(value)} ${spec.unit} is out of bounds: allowed [${formatSpiceNumber(spec.min)}, ${formatSpiceNumber(spec.max)}] ${spec.unit}`, `${at}.params.${key}`);
      }
      params[key] = value;
    }
    const states = device.states ?? {};
    const initial: Record<string, number> = Object.fromEntries(Object.entries(states).map(([s, spec]) => [s, spec.initial]));
    for (const [key, raw] of Object.entries(inst.initial ?? {})) {
      if (!(key in states)) err(`${inst.kind} has no state "${key}" (states: ${Object.keys(states).join(', ') || 'none'})`, `${at}.initial.${key}`);
      initial[key] = parseQuantity(raw, states[key].unit, `${at}.initial.${key}`, file);
    }
    const nets = Object.fromEntries(Object.entries(inst.nets).map(([p, n]) => [p, normaliseNet(n)]));
    return { name: inst.name, kind: inst.kind, nets, params, initial };
  });

  const sources: Source[] = (d.sources ?? []).map((s, i) => {
    const at = `sources[${i}]`;
    claim(s.name, `${at}.name`);
    const unit = s.type === 'V' ? 'V' : 'A';
    const q = (v: string | number | undefined, field: string, u = unit, fallback = 0) => (v === undefined ? fallback : parseQuantity(v, u, `${at}.${field}`, file));
    let waveform: Waveform | undefined;
    const w = s.waveform;
    if (w?.shape === 'pulse') {
      waveform = { shape: 'pulse', v1: q(w.v1, 'waveform.v1'), v2: q(w.v2, 'waveform.v2'), delay: q(w.delay, 'waveform.delay', 's'), rise: q(w.rise, 'waveform.rise', 's', 1e-12), fall: q(w.fall, 'waveform.fall', 's', 1e-12), width: q(w.width, 'waveform.width', 's'), period: q(w.period, 'waveform.period', 's', 1e9) };
    } else if (w?.shape === 'sin') {
      waveform = { shape: 'sin', offset: q(w.offset, 'waveform.offset'), amplitude: q(w.amplitude, 'waveform.amplitude'), freq: q(w.freq, 'waveform.freq', 'Hz'), delay: q(w.delay, 'waveform.delay', 's') };
    } else if (w?.shape === 'pwl') {
      const points = w.points.map(([t, v], k) => [q(t, `waveform.points[${k}][0]`, 's'), q(v, `waveform.points[${k}][1]`)] as [number, number]);
      points.forEach(([t], k) => k > 0 && t <= points[k - 1][0] && err('PWL times must increase strictly', `${at}.waveform.points[${k}][0]`));
      waveform = { shape: 'pwl', points };
    }
    return { name: s.name, type: s.type, nets: { p: normaliseNet(s.nets.p), n: normaliseNet(s.nets.n) }, dc: q(s.dc, 'dc'), ac: s.ac === undefined ? undefined : q(s.ac, 'ac'), waveform };
  });

  const analyses: Analysis[] = d.analyses.map((a, i) => {
    const at = `analyses[${i}]`;
    const pos = (v: string | number, field: string, unit: string) => {
      const x = parseQuantity(v, unit, `${at}.${field}`, file);
      if (!(x > 0)) err(`must be > 0, got ${x}`, `${at}.${field}`);
      return x;
    };
    switch (a.type) {
      case 'op':
        return { type: 'op' };
      case 'dc': {
        const src = sources.find((s) => s.name === a.source);
        if (!src) return err(`no source named "${a.source}" to sweep`, `${at}.source`);
        const unit = src.type === 'V' ? 'V' : 'A';
        return { type: 'dc', source: a.source, start: parseQuantity(a.start, unit, `${at}.start`, file), stop: parseQuantity(a.stop, unit, `${at}.stop`, file), step: pos(a.step, 'step', unit) };
      }
      case 'ac': {
        const fstart = pos(a.fstart, 'fstart', 'Hz');
        const fstop = pos(a.fstop, 'fstop', 'Hz');
        if (fstop <= fstart) err('fstop must exceed fstart', `${at}.fstop`);
        return { type: 'ac', pointsPerDecade: a.pointsPerDecade, fstart, fstop };
      }
      case 'tran': {
        const step = pos(a.step, 'step', 's');
        const stop = pos(a.stop, 'stop', 's');
        if (step > stop) err('step must not exceed stop', `${at}.step`);
        const start = a.start === undefined ? 0 : parseQuantity(a.start, 's', `${at}.start`, file);
        if (start < 0 || start >= stop) err(`start must lie in [0, stop)`, `${at}.start`);
        return { type: 'tran', step, stop, start, tmax: a.tmax === undefined ? undefined : pos(a.tmax, 'tmax', 's') };
      }
    }
  });

  const trainable = d.trainable ?? [];
  trainable.forEach((t, i) => {
    const [inst, param] = t.split('.');
    const found = instances.find((x) => x.name === inst);
    if (!found) err(`no instance named "${inst}"`, `trainable[${i}]`);
    if (!(param in found!.params)) err(`${found!.kind} has no parameter "${param}"`, `trainable[${i}]`);
  });

  const options = {
    ...d.options,
    noiseStep: d.options?.noiseStep === undefined ? undefined : parseQuantity(d.options.noiseStep, 's', 'options.noiseStep', file),
  };
  const description: Description = {
    name: d.name.replace(/[\u0000-\u001f\u007f]+/g, ' '),
    seed: d.seed ?? 1,
    instances,
    sources,
    analyses,
    options,
    save: d.save?.map(normaliseNet),
    trainable,
  };
  checkConnectivity(description, (message, field) => err(message, field));
  return description;
}
