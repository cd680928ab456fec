/**
 * A small renderer for the subset of Helm's Go templates that the golden templates use, so tests
 * can check what a rewritten template renders to: trim markers (`{{-`, `-}}`), `if`/`with`/
 * `else`/`end`, `include "name" .` of named templates given by the test, `toYaml .`, value
 * lookups (`.Values.x`, `.Chart.Name`, `.Release.Name`, `.`), and the pipeline functions
 * `nindent`, `indent`, `quote` and `default`. Anything else throws: a test must not pass on a
 * construct this renderer only pretends to know.
 */
import { stringify } from 'yaml';

export interface RenderContext {
  values: Record<string, unknown>;
  chart?: Record<string, unknown>;
  release?: Record<string, unknown>;
  /** Named templates for `include`, already rendered (Helm's `define` blocks). */
  named?: Record<string, string>;
}

type Token = { kind: 'text'; text: string } | { kind: 'action'; body: string; trimLeft: boolean; trimRight: boolean };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (let open = source.indexOf('{{', at); open !== -1; open = source.indexOf('{{', at)) {
    tokens.push({ kind: 'text', text: source.slice(at, open) });
    const close = source.indexOf('}}', open);
    if (close === -1) throw new Error(`unclosed action at ${open}`);
    let body = source.slice(open + 2, close);
    const trimLeft = /^-\s/.test(body);
    const trimRight = /\s-$/.test(body);
    body = body.replace(/^-\s/, '').replace(/\s-$/, '').trim();
    tokens.push({ kind: 'action', body, trimLeft, trimRight });
    at = close + 2;
  }
  tokens.push({ kind: 'text', text: source.slice(at) });
  // Trim markers eat the whitespace (line breaks included) on their side.
  tokens.forEach((token, index) => {
    if (token.kind !== 'action') return;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if (token.trimLeft && before?.kind === 'text') before.text = before.text.replace(/\s+$/, '');
    if (token.trimRight && after?.kind === 'text') after.text = after.text.replace(/^\s+/, '');
  });
  return tokens;
}

function lookup(path: string, dot: unknown, context: RenderContext): unknown {
  if (path === '.') return dot;
  const root: Record<string, unknown> = { Values: context.values, Chart: context.chart ?? {}, Release: context.release ?? {} };
  let node: unknown = root;
  for (const key of path.slice(1).split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function indentLines(text: string, width: number): string {
  return text.split('\n').map((line) => `${' '.repeat(width)}${line}`).join('\n');
}

function evaluate(expression: string, dot: unknown, context: RenderContext): unknown {
  const [head = '', ...pipes] = expression.split('|').map((part) => part.trim());
  let value: unknown;
  const include = /^include\s+"([^"]+)"\s+\.$/.exec(head);
  if (include) {
    const named = context.named?.[include[1]!];
    if (named === undefined) throw new Error(`no named template ${include[1]}`);
    value = named;
  } else if (/^toYaml\s+\.$/.test(head)) value = stringify(dot).replace(/\n$/, '');
  else if (/^\.[\w.]*$/.test(head)) value = lookup(head, dot, context);
  else throw new Error(`unsupported action: ${expression}`);
  for (const pipe of pipes) {
    const [name, argument] = pipe.split(/\s+/);
    if (name === 'nindent') value = `\n${indentLines(String(value), Number(argument))}`;
    else if (name === 'indent') value = indentLines(String(value), Number(argument));
    else if (name === 'quote') value = JSON.stringify(String(value ?? ''));
    else if (name === 'default') value = value === undefined || value === '' ? lookup(argument ?? '', dot, context) : value;
    else throw new Error(`unsupported function: ${pipe}`);
  }
  return value;
}

/** The text a template renders to with the given values. */
export function renderGoTemplate(source: string, context: RenderContext): string {
  const tokens = tokenize(source);
  // Each open block: whether it renders, and the dot inside it.
  const stack: { active: boolean; taken: boolean; dot: unknown }[] = [{ active: true, taken: true, dot: undefined }];
  let out = '';
  for (const token of tokens) {
    const frame = stack[stack.length - 1]!;
    if (token.kind === 'text') {
      if (frame.active) out += token.text;
      continue;
    }
    const body = token.body;
    if (body.startsWith('/*')) continue;
    const block = /^(if|with)\s+(.+)$/.exec(body);
    if (block) {
      const value = frame.active ? evaluate(block[2]!, frame.dot, context) : undefined;
      const active = frame.active && truthy(value);
      stack.push({ active, taken: active, dot: block[1] === 'with' && active ? value : frame.dot });
    } else if (body === 'else') {
      const parent = stack[stack.length - 2]!;
      frame.active = parent.active && !frame.taken;
      frame.dot = parent.dot;
    } else if (body === 'end') {
      stack.pop();
    } else if (frame.active) out += String(evaluate(body, frame.dot, context) ?? '');
  }
  if (stack.length !== 1) throw new Error('unbalanced blocks');
  return out;
}
