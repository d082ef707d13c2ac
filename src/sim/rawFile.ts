// Parser for ngspice's ASCII raw file (native engine output): the last plot's vectors, real or complex.
export interface RawPlot {
  dataType: 'real' | 'complex';
  names: string[];
  real: Float64Array[];
  imag?: Float64Array[];
}

/** Parse an ASCII raw file; with several plots, the last one is returned (one analysis per deck). */
export function parseAsciiRaw(text: string): RawPlot {
  const plots = text.split(/^(?=Title:)/m).filter((p) => p.trim());
  if (plots.length === 0) throw new Error('raw file holds no plot');
  const plot = plots[plots.length - 1];
  const lines = plot.split(/\r?\n/);
  const header = (key: string) => lines.find((l) => l.startsWith(key))?.slice(key.length).trim() ?? '';
  const complex = /complex/i.test(header('Flags:'));
  const nVars = Number(header('No. Variables:'));
  const nPoints = Number(header('No. Points:'));
  const varStart = lines.findIndex((l) => l.startsWith('Variables:')) + 1;
  const names = lines.slice(varStart, varStart + nVars).map((l) => l.trim().split(/\s+/)[1].toLowerCase());
  const valuesAt = lines.findIndex((l) => l.startsWith('Values:')) + 1;
  const tokens = lines.slice(valuesAt).join('\n').trim().split(/\s+/);
  const real = names.map(() => new Float64Array(nPoints));
  const imag = complex ? names.map(() => new Float64Array(nPoints)) : undefined;
  let t = 0;
  for (let p = 0; p < nPoints; p++) {
    t++; // point index
    for (let v = 0; v < nVars; v++) {
      const tok = tokens[t++];
      if (complex) {
        const [re, im] = tok.split(',');
        real[v][p] = Number(re);
        imag![v][p] = Number(im);
      } else real[v][p] = Number(tok);
    }
  }
  return { dataType: complex ? 'complex' : 'real', names, real, imag };
}
