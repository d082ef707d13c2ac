// Device equations rendered to differentiable TensorFlow.js functions (the third rendering, beside SPICE and float64 JS).
import * as tf from '@tensorflow/tfjs';
import type { MathNode } from 'mathjs';
import { EquationError, type Equation } from './expression.ts';

/** A value bound to a symbol: a tensor (broadcast like numpy) or a plain number. */
export type TensorScope = Record<string, tf.Tensor | number>;

const UNARY: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  sin: tf.sin,
  cos: tf.cos,
  tanh: tf.tanh,
  exp: tf.exp,
  log: tf.log,
  sqrt: tf.sqrt,
  abs: tf.abs,
};
const BINARY_FN: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = { min: tf.minimum, max: tf.maximum };
/** A comparison as a tape node with zero gradient (tfjs registers none for Greater & co., and a ternary needs one). */
const comparison = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b] = args as [tf.Tensor, tf.Tensor];
    return { value: f(a, b), gradFunc: () => [tf.zerosLike(a), tf.zerosLike(b)] };
  }) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

const OPERATORS: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  '+': tf.add,
  '-': tf.sub,
  '*': tf.mul,
  '/': tf.div,
  '>': comparison(tf.greater),
  '<': comparison(tf.less),
  '>=': comparison(tf.greaterEqual),
  '<=': comparison(tf.lessEqual),
};

/** tf.where with numpy broadcasting of condition and both branches. */
function select(condition: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const shape = tf.broadcast_util.assertAndGetBroadcastShape(tf.broadcast_util.assertAndGetBroadcastShape(condition.shape, a.shape), b.shape);
  const grow = (t: tf.Tensor) => (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : tf.broadcastTo(t, shape));
  return tf.where(grow(condition), grow(a), grow(b));
}

function render(node: MathNode, scope: TensorScope): tf.Tensor {
  const r = (n: MathNode) => render(n, scope);
  switch (node.type) {
    case 'ConstantNode':
      return tf.scalar(Number((node as unknown as { value: unknown }).value));
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (name === 'pi') return tf.scalar(Math.PI);
      const v = scope[name];
      if (v === undefined) throw new EquationError(`symbol ${name} is not bound`);
      return typeof v === 'number' ? tf.scalar(v) : v;
    }
    case 'ParenthesisNode':
      return r((node as unknown as { content: MathNode }).content);
    case 'ConditionalNode': {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      return select(r(c.condition), r(c.trueExpr), r(c.falseExpr));
    }
    case 'FunctionNode': {
      const f = node as unknown as { fn: { name: string }; args: MathNode[] };
      const name = f.fn.name;
      if (UNARY[name]) return UNARY[name](r(f.args[0]));
      if (BINARY_FN[name]) return BINARY_FN[name](r(f.args[0]), r(f.args[1]));
      throw new EquationError(`function ${name}() has no tfjs rendering`);
    }
    case 'OperatorNode': {
      const o = node as unknown as { op: string; args: MathNode[] };
      if (o.args.length === 1) return o.op === '-' ? tf.neg(r(o.args[0])) : r(o.args[0]);
      if (o.op === '^') {
        const base = r(o.args[0]);
        const p = Number((o.args[1] as unknown as { value: unknown }).value);
        let out = base;
        for (let k = 1; k < p; k++) out = tf.mul(out, base);
        return out;
      }
      const op = OPERATORS[o.op];
      if (!op) throw new EquationError(`operator ${o.op} has no tfjs rendering`);
      return op(r(o.args[0]), r(o.args[1]));
    }
    default:
      throw new EquationError(`cannot render ${node.type}`);
  }
}

/**
 * A tfjs function evaluating `eq` elementwise with broadcasting (float32, differentiable through tf.grad; a ternary
 * becomes tf.where, so gradients flow through the selected branch). Call it inside tf.tidy.
 */
export function toTfjs(eq: Equation): (scope: TensorScope) => tf.Tensor {
  return (scope) => {
    for (const s of eq.symbols) if (scope[s] === undefined) throw new EquationError(`symbol ${s} is not bound in ${eq.text}`);
    return render(eq.node, scope);
  };
}
