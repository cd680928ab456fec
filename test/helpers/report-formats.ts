/** Checks the report formats share: SARIF against the official schema, CSV parsed back. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';
import { ROOT } from './cli.js';

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

/** The OASIS SARIF 2.1.0 schema (rtm.5) as @microsoft/jest-sarif ships it, as in test/reporters/schemas.test.ts. */
export function sarifErrors(text: string): unknown {
  if (!validator) {
    const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajvFormatsModule.default(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
  }
  return validator(JSON.parse(text)) ? null : validator.errors;
}

/** RFC 4180: CRLF line ends, quoted cells with doubled quotes. Throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = 0;
  while (at < text.length) {
    let cell = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        if (at >= text.length) throw new Error('unterminated quote');
        if (text[at] === '"') {
          if (text[at + 1] === '"') {
            cell += '"';
            at += 2;
          } else {
            at++;
            break;
          }
        } else cell += text[at++];
      }
    } else {
      while (at < text.length && text[at] !== ',' && text[at] !== '\r') {
        if (text[at] === '"' || text[at] === '\n') throw new Error(`bare ${JSON.stringify(text[at])} at ${at}`);
        cell += text[at++];
      }
    }
    row.push(cell);
    if (text[at] === ',') at++;
    else if (text.startsWith('\r\n', at)) {
      rows.push(row);
      row = [];
      at += 2;
    } else throw new Error(`expected , or CRLF at ${at}`);
  }
  if (row.length > 0) throw new Error('last line without CRLF');
  const width = rows[0]?.length;
  if (rows.some((entry) => entry.length !== width)) throw new Error('rows of different widths');
  return rows;
}
