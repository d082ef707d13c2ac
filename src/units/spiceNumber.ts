// Numbers as SPICE reads them: exponent notation out (never suffixes: SPICE's M is milli), suffixes understood in.
/** Format a finite number for a netlist in exponent notation, shortest round-trip digits (e.g. 6e+08). */
export function formatSpiceNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write non-finite value ${x} into a netlist`);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e4) return String(x);
  return x.toExponential();
}

const SUFFIX: Record<string, number> = {
  t: 1e12, g: 1e9, meg: 1e6, k: 1e3, mil: 25.4e-6, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15,
};

/** Parse a SPICE number with an optional scale suffix (1M = 1e-3, 1MEG = 1e6) and ignored trailing unit letters. */
export function parseSpiceNumber(text: string): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(meg|mil|[tgkmunpf])?[a-z]*\s*$/i.exec(text);
  if (!m) throw new RangeError(`not a SPICE number: ${JSON.stringify(text)}`);
  const base = Number(m[1]);
  return m[2] ? base * SUFFIX[m[2].toLowerCase()] : base;
}
