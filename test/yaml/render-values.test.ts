import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { plainIsSafe, renderBlock, renderScalar } from '../../src/yaml/render-values.js';

describe('plainIsSafe', () => {
  const safe = ['web', 'nginx:1.27', 'azure.workload.identity/use', '--port', 'a-b', 'arn:aws:iam::1:role/x', '00000000-0000-0000-0000-000000000001', 'a b'];
  const unsafe = ['', ' x', 'x ', 'true', 'false', 'null', '~', '1', '1.5', '0x1f', 'yes', 'no', 'on', 'off', 'y', 'n', '0777', '1:20', '3600', '86400', '1_000', '+1', '.5', '1e3', '2024-01-01', 'a: b', 'a #b', 'x:', '- x', '-', '*x', '&x', '!x', '{a}', '[a]', '"x"', "'x'", '%x', '@x', '`x', '|', '>', '#x', 'a\nb', 'tab\tin'];
  for (const value of safe) it(`plain is safe for ${JSON.stringify(value)}`, () => expect(plainIsSafe(value)).toBe(true));
  for (const value of unsafe) it(`plain is not safe for ${JSON.stringify(value)}`, () => expect(plainIsSafe(value)).toBe(false));
  it('is stricter inside flow collections', () => {
    expect(plainIsSafe('a,b')).toBe(true);
    expect(plainIsSafe('a,b', 'flow')).toBe(false);
    expect(plainIsSafe('a}b', 'flow')).toBe(false);
    expect(plainIsSafe('nginx:1.27', 'flow')).toBe(false);
  });
  it('decides words with colons without the parser as the parser would, in YAML 1.2 and 1.1', () => {
    const readsBack = (value: string) => parse(value, { version: '1.2' }) === value && parse(value, { version: '1.1' }) === value;
    const words = ['wimigrate-pending:web-1', 'https://example.com/a/', 'arn:aws:iam::111122223333:role/x', 'a:b', 'y:n', 'on:off', 'true:1', 'a::b', 'e:1', 'x:.inf', 'x:-1'];
    for (const value of words) expect(plainIsSafe(value), value).toBe(readsBack(value));
    expect(plainIsSafe('wimigrate-pending:web-1', 'flow')).toBe(false);
  });
});

describe('renderScalar', () => {
  it('keeps the wanted style when it can', () => {
    expect(renderScalar('x', 'plain')).toBe('x');
    expect(renderScalar('x', 'single')).toBe("'x'");
    expect(renderScalar("it's", 'single')).toBe("'it''s'");
    expect(renderScalar('x', 'double')).toBe('"x"');
  });
  it('quotes what plain style cannot hold, with the siblings quote', () => {
    expect(renderScalar('true', 'plain')).toBe('"true"');
    expect(renderScalar('true', 'plain', 'single')).toBe("'true'");
  });
  it('uses double quotes for control characters', () => {
    expect(renderScalar('a\nb', 'single')).toBe('"a\\nb"');
  });
  it('writes numbers and booleans bare', () => {
    expect(renderScalar(3, 'double')).toBe('3');
    expect(renderScalar(false, 'single')).toBe('false');
  });
  it('always reads back as the value', () => {
    for (const value of ['true', 'yes', '1e3', "a'b", 'a"b', 'a\\b', 'a\tb', '#x', 'x #y', '', '  ', 'é', '\u2028']) {
      for (const style of ['plain', 'single', 'double'] as const) {
        expect(parse(`k: ${renderScalar(value, style)}`)).toEqual({ k: value });
      }
    }
  });
});

describe('renderBlock', () => {
  it('quotes strings Kubernetes would read as something else', () => {
    expect(renderBlock({ a: 'yes', b: 'true', c: '1', d: 'web', on: 'x' }, '\n')).toBe('a: "yes"\nb: "true"\nc: "1"\nd: web\n"on": x\n');
  });
  it('uses the line ending and indentation asked for', () => {
    expect(renderBlock({ a: { b: [1] } }, '\r\n', { unit: 2, indentSeq: false })).toBe('a:\r\n  b:\r\n  - 1\r\n');
    expect(renderBlock({ a: { b: 1 } }, '\n', { unit: 4, indentSeq: true })).toBe('a:\n    b: 1\n');
  });
});
