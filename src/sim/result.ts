// Typed simulation results shared by both engines: real vectors, or complex ones as re/im pairs.
export interface SimResult {
  engine: 'wasm' | 'native';
  dataType: 'real' | 'complex';
  /** Vector name (lower case, as ngspice names them: time, frequency, v(net), i(vsrc)) -> real parts. */
  variables: Record<string, Float64Array>;
  /** Imaginary parts for complex (AC) results. */
  imaginary?: Record<string, Float64Array>;
  /** Warnings ngspice printed for this run. */
  warnings: string[];
}

/** JSON form written by `spinspice sim`: { engine, variables: { name: [values] } } (complex values as [re, im]). */
export function resultToJson(result: SimResult): { engine: string; dataType: string; variables: Record<string, number[] | [number, number][]> } {
  const variables: Record<string, number[] | [number, number][]> = {};
  for (const [name, re] of Object.entries(result.variables)) {
    const im = result.imaginary?.[name];
    variables[name] = im ? Array.from(re, (r, i) => [r, im[i]] as [number, number]) : Array.from(re);
  }
  return { engine: result.engine, dataType: result.dataType, variables };
}

/** Linear interpolation of vector `y` over the monotone abscissa `x` at `at`. */
export function interpolate(x: Float64Array, y: Float64Array, at: number): number {
  if (at <= x[0]) return y[0];
  if (at >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const w = (at - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + w * (y[hi] - y[lo]);
}
