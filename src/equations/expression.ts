// Device equations as restricted mathjs expressions, rendered to ngspice B-source text and to JS functions.
import { parse, type MathNode } from 'mathjs';

/** Functions an equation may use; each exists in ngspice B-sources and in JS Math. Anything else is rejected before emission. */
const FUNCTIONS: Record<string, { spice: string; js: string; arity: [number, number] }> = {
  sin: { spice: 'sin', js: 'Math.sin', arity: [1, 1] },
  cos: { spice: 'cos', js: 'Math.cos', arity: [1, 1] },
  tanh: { spice: 'tanh', js: 'Math.tanh', arity: [1, 1] },
  exp: { spice: 'exp', js: 'Math.exp', arity: [1, 1] },
  log: { spice: 'ln', js: 'Math.log', arity: [1, 1] },
  sqrt: { spice: 'sqrt', js: 'Math.sqrt', arity: [1, 1] },
  abs: { spice: 'abs', js: 'Math.abs', arity: [1, 1] },
  min: { spice: 'min', js: 'Math.min', arity: [2, 2] },
  max: { spice: 'max', js: 'Math.max', arity: [2, 2] },
};

const BINARY: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '>': '>', '<': '<', '>=': '>=', '<=': '<=' };
// pi as a literal: ngspice knows pi in B-sources but not in {...} parameter expressions.
const CONSTANTS: Record<string, { spice: string; js: string }> = { pi: { spice: String(Math.PI), js: 'Math.PI' } };

export class EquationError extends Error {}

/** A parsed, whitelisted equation with its free symbols. */
export interface Equation {
  readonly text: string;
  readonly symbols: readonly string[];
  readonly node: MathNode;
}

/** Parse and check an equation: only whitelisted functions, integer powers, ternaries and comparisons. */
export function equation(text: string): Equation {
  const node = parse(text);
  const symbols = new Set<string>();
  node.traverse((n, _path, parent) => {
    if (n.type === 'FunctionNode') {
      const name = (n as unknown as { fn: { name: string } }).fn.name;
      const f = FUNCTIONS[name];
      const args = (n as unknown as { args: MathNode[] }).args.length;
      if (!f) throw new EquationError(`function ${name}() is not allowed in device equations (allowed: ${Object.keys(FUNCTIONS).join(', ')})`);
      if (args < f.arity[0] || args > f.arity[1]) throw new EquationError(`${name}() takes ${f.arity[0]} argument(s)`);
    } else if (n.type === 'OperatorNode') {
      const op = (n as unknown as { op: string; args: MathNode[] }).op;
      const args = (n as unknown as { args: MathNode[] }).args;
      if (op === '^') {
        const e = args[1];
        const p = e.type === 'ConstantNode' ? Number((e as unknown as { value: unknown }).value) : NaN;
        if (!Number.isInteger(p) || p < 1 || p > 8) {
          throw new EquationError(`only small positive integer powers are allowed (ngspice's pow/^ use |x|): ${n.toString()}`);
        }
      } else if (!(op in BINARY) && !(args.length === 1 && (op === '-' || op === '+'))) {
        throw new EquationError(`operator ${op} is not allowed in device equations`);
      }
    } else if (n.type === 'SymbolNode') {
      const isFnName = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      const name = (n as unknown as { name: string }).name;
      if (!isFnName && !(name in CONSTANTS)) symbols.add(name);
    } else if (!['ConstantNode', 'ParenthesisNode', 'ConditionalNode'].includes(n.type)) {
      throw new EquationError(`${n.type} is not allowed in device equations: ${n.toString()}`);
    }
  });
  return { text, symbols: [...symbols].sort(), node };
}

function renderJs(node: MathNode, bind: (name: string) => string): string {
  const r = (n: MathNode) => renderJs(n, bind);
  switch (node.type) {
    case 'ConstantNode': {
      const v = Number((node as unknown as { value: unknown }).value);
      return v < 0 ? `(${String(v)})` : String(v);
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return CONSTANTS[name] ? CONSTANTS[name].js : bind(name);
    }
    case 'ParenthesisNode':
      return `(${r((node as unknown as { content: MathNode }).content)})`;
    case 'ConditionalNode': {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      return `((${r(c.condition)}) ? (${r(c.trueExpr)}) : (${r(c.falseExpr)}))`;
    }
    case 'FunctionNode': {
      const f = node as unknown as { fn: { name: string }; args: MathNode[] };
      return `${FUNCTIONS[f.fn.name].js}(${f.args.map(r).join(', ')})`;
    }
    case 'OperatorNode': {
      const o = node as unknown as { op: string; args: MathNode[] };
      if (o.args.length === 1) return `(${o.op}${r(o.args[0])})`;
      if (o.op === '^') {
        const base = `(${r(o.args[0])})`;
        const p = Number((o.args[1] as unknown as { value: unknown }).value);
        return `(${Array.from({ length: p }, () => base).join('*')})`;
      }
      return `(${r(o.args[0])} ${BINARY[o.op]} ${r(o.args[1])})`;
    }
    default:
      throw new EquationError(`cannot render ${node.type}`);
  }
}

/** ngspice B-source text for `eq`, each free symbol replaced by `bindings[symbol]` (a parameter name, v(node), ...); the equation's own parentheses are kept so decks stay readable. */
export function toSpice(eq: Equation, bindings: Record<string, string> = {}): string {
  const options = {
    parenthesis: 'keep' as const,
    handler: (node: MathNode): string | undefined => {
      if (node.type === 'SymbolNode') {
        const name = (node as unknown as { name: string }).name;
        return CONSTANTS[name]?.spice ?? bindings[name] ?? name;
      }
      if (node.type === 'FunctionNode') {
        const f = node as unknown as { fn: { name: string }; args: MathNode[] };
        return `${FUNCTIONS[f.fn.name].spice}(${f.args.map((a) => a.toString(options)).join(', ')})`;
      }
      if (node.type === 'OperatorNode' && (node as unknown as { op: string }).op === '^') {
        const o = node as unknown as { args: MathNode[] };
        const base = o.args[0].toString(options);
        const factor = /^[\w.]+$/.test(base) ? base : `(${base})`;
        const p = Number((o.args[1] as unknown as { value: unknown }).value);
        return `(${Array.from({ length: p }, () => factor).join('*')})`;
      }
      return undefined;
    },
  };
  return eq.node.toString(options);
}

/** A JS function of a scope object evaluating `eq` in float64; unknown symbols throw when called. */
export function toJs(eq: Equation): (scope: Record<string, number>) => number {
  const body = renderJs(eq.node, (name) => `s[${JSON.stringify(name)}]`);
  const fn = new Function('s', `return ${body};`) as (s: Record<string, number>) => number;
  return (scope) => {
    for (const s of eq.symbols) if (typeof scope[s] !== 'number') throw new EquationError(`symbol ${s} is not bound in ${eq.text}`);
    return fn(scope);
  };
}
