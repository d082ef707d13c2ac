// Classifies every line ngspice prints after a run (error / warning / note) and finds the netlist line an error names.
export interface ClassifiedMessages {
  errors: string[];
  warnings: string[];
  notes: string[];
}

const ERROR = /(^|\s)(error|fatal)\b|simulation interrupted|unknown (subckt|model|device|parameter)|could not find|singular matrix|timestep too small|no such vector|unable to find|undefined|cannot (open|find)|run simulation not started|no job/i;
const WARNING = /^\s*warning\b/i;

/** Split engine output lines into errors, warnings and notes ('No job' counts as an error: the run produced nothing). */
export function classifyMessages(lines: string[]): ClassifiedMessages {
  const out: ClassifiedMessages = { errors: [], warnings: [], notes: [] };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    if (WARNING.test(line) && !/no job/i.test(line)) out.warnings.push(line.trim());
    else if (ERROR.test(line)) out.errors.push(line.trim());
    else out.notes.push(line.trim());
  }
  return out;
}

/**
 * The netlist line an error refers to: ngspice's "line no. N" when given (mapped through `lineOrigin` for inlined
 * includes), else the first card whose element name appears in the error text.
 */
export function locateNetlistLine(
  messages: string[],
  deckLines: string[],
  lineOrigin: (n: number) => { number: number; text: string; file?: string } = (n) => ({ number: n, text: deckLines[n - 1] ?? '' }),
): { number: number; text: string; file?: string } | undefined {
  for (const m of messages) {
    const hit = /line no\.\s*(\d+)/i.exec(m) ?? /on line (\d+)/i.exec(m);
    if (hit) return lineOrigin(Number(hit[1]));
  }
  const text = messages.join(' ').toLowerCase();
  for (let i = 1; i < deckLines.length; i++) {
    const name = deckLines[i].trim().split(/\s+/)[0]?.toLowerCase();
    if (!name || name.startsWith('*') || name.startsWith('.') || name.startsWith('+')) continue;
    if (new RegExp(`(^|[^\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`).test(text)) return lineOrigin(i + 1);
  }
  return undefined;
}
