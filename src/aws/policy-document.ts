/**
 * IAM JSON policy documents
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): `Statement`
 * is one object or a list; `Action`, `Resource`, principals and condition values are a string or
 * a list. The IAM API returns documents URL-encoded (RFC 3986); the AWS CLI prints them decoded.
 * Both forms are accepted. Nothing here interprets what a statement allows: that is up to callers.
 */

export type StatementEffect = 'Allow' | 'Deny';

export interface PolicyCondition {
  /** As written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  key: string;
  values: string[];
}

export interface PolicyStatement {
  /** For messages: `statement "Sid"` or `statement 2` (1-based). */
  label: string;
  effect: StatementEffect;
  actions: string[];
  /** Non-null when the statement uses NotAction (then `actions` is empty). */
  notActions: string[] | null;
  resources: string[];
  notResources: string[] | null;
  /** Principal type (`AWS`, `Federated`, `Service`, ...) to its values; `'*'` for everyone; null when absent. */
  principal: Record<string, string[]> | '*' | null;
  notPrincipal: boolean;
  conditions: PolicyCondition[];
}

export type PolicyDocumentResult =
  | { ok: true; statements: PolicyStatement[]; problems: string[] }
  | { ok: false; error: string };

/** Accepts the document as an object, as JSON text, or URL-encoded JSON text. */
export function parsePolicyDocument(value: unknown): PolicyDocumentResult {
  const document = typeof value === 'string' ? decodeDocumentText(value) : value;
  if (!isRecord(document)) return { ok: false, error: 'the policy document is not a JSON object (nor URL-encoded JSON text)' };
  const raw = document['Statement'];
  if (raw === undefined) return { ok: false, error: 'the policy document has no Statement' };
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = [];
  const problems: string[] = [];
  list.forEach((entry: unknown, index) => {
    const parsed = parseStatement(entry, index);
    if (typeof parsed === 'string') problems.push(parsed);
    else statements.push(parsed);
  });
  return { ok: true, statements, problems };
}

function decodeDocumentText(text: string): unknown {
  const trimmed = text.trim();
  // Encoded text never starts with `{`; decoding plain JSON would break on a literal `%`.
  const candidates = trimmed.startsWith('{') ? [trimmed] : [safeDecode(trimmed), trimmed];
  for (const candidate of candidates) {
    if (candidate === null) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next form
    }
  }
  return null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function parseStatement(entry: unknown, index: number): PolicyStatement | string {
  const sid = isRecord(entry) && typeof entry['Sid'] === 'string' && entry['Sid'] !== '' ? entry['Sid'] : null;
  const label = sid !== null ? `statement "${sid}"` : `statement ${index + 1}`;
  if (!isRecord(entry)) return `${label} is not an object; skipped`;
  const effect = entry['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `${label} has no Effect of Allow or Deny; skipped`;
  const conditions = parseConditions(entry['Condition']);
  if (conditions === null) return `${label} has a Condition that is not an object of operators to keys; skipped`;
  const notPrincipal = entry['NotPrincipal'] !== undefined;
  return {
    label,
    effect,
    actions: stringList(entry['Action']),
    notActions: entry['NotAction'] === undefined ? null : stringList(entry['NotAction']),
    resources: stringList(entry['Resource']),
    notResources: entry['NotResource'] === undefined ? null : stringList(entry['NotResource']),
    principal: parsePrincipal(notPrincipal ? entry['NotPrincipal'] : entry['Principal']),
    notPrincipal,
    conditions,
  };
}

function parsePrincipal(value: unknown): PolicyStatement['principal'] {
  if (value === undefined || value === null) return null;
  if (value === '*') return '*';
  if (!isRecord(value)) return null;
  return Object.fromEntries(Object.entries(value).map(([type, values]) => [type, stringList(values)]));
}

function parseConditions(value: unknown): PolicyCondition[] | null {
  if (value === undefined) return [];
  if (!isRecord(value)) return null;
  const conditions: PolicyCondition[] = [];
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) return null;
    for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, values: stringList(values) });
  }
  return conditions;
}

/** A string or a list of them; booleans and numbers (`"Bool": {"aws:SecureTransport": false}`) as text. */
function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((item) => ['string', 'number', 'boolean'].includes(typeof item)).map(String);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
