// The shape of a device definition: parameter table, ports, equations, states, and its ngspice subcircuit.
import { equation, toJs, toSpice, type Equation } from '../equations/expression.ts';

/** Device-to-device variability of a parameter: relative (sigma as a fraction of the value) or absolute (SI). */
export interface Spread {
  kind: 'relative' | 'absolute';
  sigma: number;
  doc: string;
}

/** One row of a device's parameter table. Values are SI numbers; `unit` is the SI unit human input is converted to. */
export interface ParamSpec {
  unit: string;
  default: number;
  min: number;
  max: number;
  doc: string;
  spread?: Spread;
  trainable?: boolean;
}

/**
 * Port roles: 'in' is a high-impedance input that something else must drive; 'out' is driven by the device
 * (may be left unconnected elsewhere, e.g. an observed state); 'through' conducts (two-terminal elements).
 */
export interface PortSpec {
  role: 'in' | 'out' | 'through';
  doc: string;
}

/** An ODE state carried as a node voltage on a 1 F capacitor: C dv/dt = rhs. */
export interface StateSpec {
  /** The port that is the state node (so noise sources and .ic can reach it). */
  port: string;
  unit: string;
  doc: string;
  /** Default initial value when the instance gives none. */
  initial: number;
}

export interface DeviceDefinition<P extends string = string> {
  kind: string;
  summary: string;
  /** Doc comment: equation, source, units. */
  doc: string;
  ports: Record<string, PortSpec>;
  params: Record<P, ParamSpec>;
  /** Named physics equations (restricted mathjs syntax), written once, rendered to SPICE and JS. */
  equations: Record<string, string>;
  states?: Record<string, StateSpec>;
  /** White noise on a state: d(state) gets sqrt(rate) dW, `rate` an equation of the parameters (e.g. 2*pi*linewidth). */
  noise?: { state: string; rate: string };
  /** Groups of ports joined by a DC path inside the device; 'gnd' in a group means a DC path to ground. */
  dcPaths: string[][];
  /** Lines placed in the library before the .subckt (model-card .lib lines, helper subcircuits). */
  preamble?: string[];
  /** Body lines of the .subckt (ports in the order of `ports`, params as subckt parameters). */
  subcircuit(render: (equationName: string, bindings?: Record<string, string>) => string): string[];
  /**
   * Optional flat rendering of one instance: literal ngspice elements in the deck itself (no .subckt, no expression), their
   * values evaluated from the same equations with the instance's parameters. The emitter uses it when asked to flatten
   * (decks of millions of instances, where subcircuit expansion and B-source parsing dominate ngspice's time).
   */
  flat?(instance: FlatInstance): string[];
}

/** What a flat rendering sees of one instance. */
export interface FlatInstance {
  /** Instance name: element names are the SPICE letter followed by it (unique per deck like the instance names). */
  readonly name: string;
  /** The net a port is connected to. */
  net(port: string): string;
  /** A device equation evaluated in float64 with the instance's parameters. */
  value(equationName: string): number;
}

/** A device with its equations parsed and compiled once. */
export interface Device<P extends string = string> extends DeviceDefinition<P> {
  parsed: Record<string, Equation>;
  /** Float64 JS evaluators of the same equations (the surrogate side). */
  fn: Record<string, (scope: Record<string, number>) => number>;
  /** Name of the .subckt in the library. */
  subcktName: string;
  /** Parameter defaults as a plain object. */
  defaults(): Record<P, number>;
}

/** Check and compile a device definition. */
export function defineDevice<P extends string>(def: DeviceDefinition<P>): Device<P> {
  const parsed: Record<string, Equation> = {};
  const fn: Record<string, (scope: Record<string, number>) => number> = {};
  for (const [name, text] of Object.entries(def.equations)) {
    parsed[name] = equation(text);
    fn[name] = toJs(parsed[name]);
  }
  for (const [name, p] of Object.entries(def.params) as [string, ParamSpec][]) {
    if (!(p.min <= p.default && p.default <= p.max)) throw new Error(`${def.kind}.${name}: default outside [min, max]`);
  }
  return {
    ...def,
    parsed,
    fn,
    subcktName: `spinspice_${def.kind}`,
    defaults: () => Object.fromEntries(Object.entries(def.params).map(([k, v]) => [k, (v as ParamSpec).default])) as Record<P, number>,
  };
}

/** Render a device equation for the device's own subcircuit (parameters stay as subckt parameter names). */
export function renderEquation(device: { parsed: Record<string, Equation>; kind: string }, name: string, bindings: Record<string, string> = {}): string {
  const eq = device.parsed[name];
  if (!eq) throw new Error(`${device.kind}: no equation named ${name}`);
  return toSpice(eq, bindings);
}
