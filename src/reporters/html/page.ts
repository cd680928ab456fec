import { createHash } from 'node:crypto';
import type { Finding } from '../../model/finding.js';
import { formatLocation } from '../format-location.js';
import { CSS } from './assets.js';
import { escapeHtml as h } from './escape.js';

/**
 * The shell of every HTML report: one self-contained page with the inline style sheet and a
 * Content Security Policy that allows only that style (and the given script) by hash, so even a
 * missed escape could not run anything. `body` is HTML the caller has escaped.
 */
export function htmlPage(title: string, body: string, script?: string): string {
  const csp = `default-src 'none'; style-src '${sha256(CSS)}'; script-src ${script === undefined ? "'none'" : `'${sha256(script)}'`}; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
${script === undefined ? '' : `<script>${script}</script>\n`}</body>
</html>
`;
}

/** A table of text cells, every cell escaped. */
export function htmlTable(head: readonly string[], rows: readonly (readonly (string | number)[])[], id?: string): string {
  return `<table${id ? ` id="${h(id)}"` : ''}><tr>${head.map((cell) => `<th>${h(cell)}</th>`).join('')}</tr>${rows.map((row) => `<tr>${row.map((cell) => `<td>${h(String(cell))}</td>`).join('')}</tr>`).join('\n')}</table>`;
}

/** Summary cards: a title and a two-column table of counts each. */
export function htmlCards(cards: readonly { title: string; head: readonly [string, string]; rows: readonly (readonly [string, number])[] }[]): string {
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.map((card) => `<div class="card"><h3>${h(card.title)}</h3>${htmlTable(card.head, card.rows)}</div>`).join('\n')}</div></section>`;
}

/** The findings table the pages share: severity, rule, where, message and what to do. */
export function htmlFindings(findings: readonly Finding[]): string {
  const rows = findings.map(
    (finding) =>
      `<tr class="finding" data-severity="${finding.severity}"><td><span class="sev ${finding.severity}">${finding.severity}</span></td><td><code>${h(finding.id)}</code></td><td>${h(formatLocation(finding.location))}</td><td>${h(finding.message)}<br><span class="muted">Fix: ${h(finding.fix)}</span></td></tr>`,
  );
  const table = `<table id="findings-table"><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Message</th></tr>${rows.join('\n')}</table>`;
  return `<section id="findings"><h2>Findings (${rows.length})</h2>${rows.length > 0 ? table : '<p class="empty">No findings.</p>'}</section>`;
}

export function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
