import { escapeHtml } from './escape.js';

/** A unified diff as HTML lines: added, removed, hunk and header lines, YAML/JSON tokens colored. */
export function diffToHtml(diff: string): string {
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  return lines.map(diffLine).join('');
}

function diffLine(line: string): string {
  if (/^(diff --git |--- |\+\+\+ |new file mode |deleted file mode |index )/.test(line)) return `<span class="dl meta">${escapeHtml(line)}</span>`;
  if (line.startsWith('@@')) return `<span class="dl hunk">${escapeHtml(line)}</span>`;
  const marker = line.charAt(0);
  const kind = marker === '+' ? 'add' : marker === '-' ? 'del' : marker === '\\' ? 'meta' : 'ctx';
  if (kind === 'meta') return `<span class="dl meta">${escapeHtml(line)}</span>`;
  return `<span class="dl ${kind}"><span class="mk">${escapeHtml(marker || ' ')}</span>${highlightYamlLine(line.slice(1))}</span>`;
}

/**
 * Token colors for one YAML (or JSON) line: key, string, literal (number, boolean, null),
 * comment. A line-local approximation, good for display; every piece is escaped.
 */
export function highlightYamlLine(text: string): string {
  const { code, comment } = splitComment(text);
  let out = '';
  let rest = code;
  const key = /^(\s*(?:-\s+)*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{}[\],][^:]*?)(\s*:)(?=\s|$)/.exec(rest);
  if (key) {
    out += `${escapeHtml(key[1] ?? '')}<span class="tk">${escapeHtml(key[2] ?? '')}</span>${escapeHtml(key[3] ?? '')}`;
    rest = rest.slice(key[0].length);
  } else {
    const dash = /^(\s*(?:-\s+)*)/.exec(rest);
    out += escapeHtml(dash?.[1] ?? '');
    rest = rest.slice(dash?.[1]?.length ?? 0);
  }
  out += valueHtml(rest);
  if (comment) out += `<span class="tc">${escapeHtml(comment)}</span>`;
  return out;
}

function valueHtml(text: string): string {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const trail = /\s*,?\s*$/.exec(text.slice(lead.length))?.[0] ?? '';
  const value = text.slice(lead.length, text.length - trail.length);
  if (value === '') return escapeHtml(text);
  let cls = 'tp';
  if (/^(["']).*\1$/.test(value)) cls = 'ts';
  else if (/^(-?\d+(\.\d+)?|true|false|null|~|yes|no)$/i.test(value)) cls = 'tl';
  return `${escapeHtml(lead)}<span class="${cls}">${escapeHtml(value)}</span>${escapeHtml(trail)}`;
}

/** A `#` starts a comment at the line start or after a space, outside quotes. */
function splitComment(text: string): { code: string; comment: string } {
  let quote: string | null = null;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quote) {
      if (char === '\\' && quote === '"') at++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      if (at === 0 || /[\s:[{,-]/.test(text[at - 1] ?? '')) quote = char;
    } else if (char === '#' && (at === 0 || /\s/.test(text[at - 1] ?? ''))) {
      return { code: text.slice(0, at), comment: text.slice(at) };
    }
  }
  return { code: text, comment: '' };
}
