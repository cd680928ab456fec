/**
 * IRSA trust policies
 * (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif):
 * a role trusts an EKS cluster's OIDC provider (`Principal.Federated`
 * `arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`) for
 * `sts:AssumeRoleWithWebIdentity`, narrowed by `<provider>:sub`
 * (`system:serviceaccount:<namespace>:<name>`) and `<provider>:aud` conditions. StringLike
 * allows `*` and `?`; Entra federated credentials do not, so wildcards are expanded later
 * (expand-subjects.ts). Whatever cannot be carried over safely is reported, never guessed.
 */
import { hasIamWildcard, matchesIamGlob } from './iam-glob.js';
import { isRecord, parsePolicyDocument, type PolicyCondition, type PolicyStatement } from './policy-document.js';

export interface SubjectPattern {
  /** The EKS OIDC provider the statement trusts: `oidc.eks.<region>.amazonaws.com/id/<ID>`. */
  provider: string;
  /** `system:serviceaccount:<namespace>:<name>`, with `*`/`?` when `wildcard`. */
  pattern: string;
  wildcard: boolean;
  /** The two parts when the pattern splits cleanly at `:`, else null (`system:serviceaccount:*`). */
  namespace: string | null;
  name: string | null;
}

export interface RoleTrust {
  roleArn: string;
  roleName: string;
  /** The file it was read from. */
  source: string;
  subjects: SubjectPattern[];
  audiences: string[];
  /** The role also trusts EKS Pod Identity (`pods.eks.amazonaws.com`): see its associations. */
  podIdentity: boolean;
  /** What was not carried over, as sentences naming the role and the statement. */
  problems: string[];
}

export type TrustParseResult = { ok: true; roles: RoleTrust[] } | { ok: false; error: string };

const SUBJECT_PREFIX = 'system:serviceaccount:';
const EXACT_SUBJECT = /^system:serviceaccount:([^:*?]+):([^:*?]+)$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;
const EKS_PROVIDER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/**
 * The output of `aws iam get-role` (`{"Role": {...}}`), or of `aws iam list-roles`
 * (`{"Roles": [...]}`), which carries the same trust documents.
 */
export function parseRoleOutput(output: unknown, source: string): TrustParseResult {
  const entries = isRecord(output) && isRecord(output['Role']) ? [output['Role']] : isRecord(output) && Array.isArray(output['Roles']) ? output['Roles'] : null;
  if (entries === null) return { ok: false, error: 'expected the output of `aws iam get-role` ({"Role": {...}}) or `aws iam list-roles` ({"Roles": [...]})' };
  const roles: RoleTrust[] = [];
  for (const [index, entry] of entries.entries()) {
    const where = entries.length > 1 ? `Roles[${index}]` : 'Role';
    if (!isRecord(entry) || typeof entry['RoleName'] !== 'string' || typeof entry['Arn'] !== 'string') {
      return { ok: false, error: `${where} needs RoleName and Arn strings` };
    }
    const document = parsePolicyDocument(entry['AssumeRolePolicyDocument']);
    if (!document.ok) return { ok: false, error: `${where}.AssumeRolePolicyDocument: ${document.error}` };
    roles.push(readTrust(entry['Arn'], entry['RoleName'], source, document.statements, document.problems));
  }
  return { ok: true, roles };
}

/** Pure reading of parsed statements, exported for callers that hold a document already. */
export function readTrust(roleArn: string, roleName: string, source: string, statements: readonly PolicyStatement[], documentProblems: readonly string[] = []): RoleTrust {
  const trust: RoleTrust = { roleArn, roleName, source, subjects: [], audiences: [], podIdentity: false, problems: documentProblems.map((problem) => `role ${roleName}: ${problem}`) };
  let webIdentity = false;
  for (const statement of statements) {
    const say = (message: string) => trust.problems.push(`role ${roleName}, ${statement.label}: ${message}`);
    const services = statement.principal !== '*' ? statement.principal?.['Service'] ?? [] : [];
    if (statement.effect === 'Allow' && !statement.notPrincipal && services.includes(POD_IDENTITY_SERVICE)) trust.podIdentity = true;
    const providers = oidcProviders(statement);
    if (providers.length === 0) continue;
    if (statement.notPrincipal) {
      say('uses NotPrincipal, which cannot be expressed as federated credentials; map it by hand');
      continue;
    }
    if (statement.effect === 'Deny') {
      say('is a Deny statement; Entra federated credentials have no deny, so its restriction is not carried over: review the subjects by hand');
      continue;
    }
    if (statement.notActions !== null) {
      say('uses NotAction, so it may allow sts:AssumeRoleWithWebIdentity without naming it; map it by hand');
      continue;
    }
    if (!statement.actions.some((action) => matchesIamGlob(action, WEB_IDENTITY_ACTION, true))) continue;
    const eks = providers.filter((provider) => EKS_PROVIDER.test(provider));
    for (const provider of providers.filter((candidate) => !eks.includes(candidate))) {
      say(`trusts OIDC provider ${provider}, which is not an EKS cluster's; ignored`);
    }
    if (eks.length === 0) continue;
    webIdentity = true;
    readConditions(statement, eks, trust, say);
  }
  if (!webIdentity && !trust.podIdentity) trust.problems.push(`role ${roleName}: no statement allows sts:AssumeRoleWithWebIdentity for an EKS OIDC provider, so it is not an IRSA role`);
  trust.subjects.sort((a, b) => a.provider.localeCompare(b.provider) || a.pattern.localeCompare(b.pattern));
  trust.audiences.sort();
  return trust;
}

function oidcProviders(statement: PolicyStatement): string[] {
  if (statement.principal === '*' || statement.principal === null) return [];
  return (statement.principal['Federated'] ?? []).flatMap((arn) => {
    const match = OIDC_PROVIDER_ARN.exec(arn);
    return match?.[1] ? [match[1]] : [];
  });
}

interface KeyedCondition extends PolicyCondition {
  provider: string;
  claim: 'sub' | 'aud';
}

function readConditions(statement: PolicyStatement, providers: readonly string[], trust: RoleTrust, say: (message: string) => void): void {
  const claims: KeyedCondition[] = [];
  // A sub condition that cannot be read may narrow the others (StringNotLike ...:sub); reading
  // only the rest would trust more service accounts than AWS does.
  let subUnreadable = false;
  for (const condition of statement.conditions) {
    const keyed = claimOf(condition, providers);
    if (keyed === null) {
      say(`condition ${condition.operator} on ${condition.key} has no Entra counterpart and is not carried over; review it`);
      continue;
    }
    const operator = plainOperator(condition.operator);
    if (operator === null) {
      say(`condition ${condition.operator} on ${condition.key} cannot be interpreted (only StringEquals and StringLike can); map it by hand`);
      subUnreadable ||= keyed.claim === 'sub';
      continue;
    }
    if (/^ForAllValues:/i.test(condition.operator)) say(`${condition.operator} on the single-valued key ${condition.key} is read as ${operator}`);
    claims.push({ ...condition, operator, ...keyed });
  }
  const subs = claims.filter((claim) => claim.claim === 'sub');
  if (subUnreadable) {
    say('has a sub condition that cannot be read, so no subject is derived from this statement; map it by hand');
  } else if (subs.length === 0) {
    say('has no sub condition: ANY service account of the cluster can assume the role; no subject can be derived, choose the service accounts by hand');
  } else if (subs.length > 1) {
    say(`has ${subs.length} sub conditions that must all hold; they cannot be read safely, map them by hand`);
  } else if (subs[0]) {
    for (const value of subs[0].values) addSubject(subs[0], value, trust, say);
  }
  for (const aud of claims.filter((claim) => claim.claim === 'aud')) {
    for (const value of aud.values) if (!trust.audiences.includes(value)) trust.audiences.push(value);
  }
}

/** `<provider>:sub` or `<provider>:aud` for a provider of this statement; keys are case-insensitive. */
function claimOf(condition: PolicyCondition, providers: readonly string[]): { provider: string; claim: 'sub' | 'aud' } | null {
  const key = condition.key.toLowerCase();
  for (const provider of providers) {
    for (const claim of ['sub', 'aud'] as const) if (key === `${provider.toLowerCase()}:${claim}`) return { provider, claim };
  }
  return null;
}

/** StringEquals or StringLike, with or without a set prefix; null for anything else (IfExists, Not..., IgnoreCase). */
function plainOperator(operator: string): 'StringEquals' | 'StringLike' | null {
  const base = operator.replace(/^(ForAnyValue|ForAllValues):/i, '');
  if (base === 'StringEquals') return 'StringEquals';
  if (base === 'StringLike') return 'StringLike';
  return null;
}

function addSubject(condition: KeyedCondition, value: string, trust: RoleTrust, say: (message: string) => void): void {
  if (value.includes('${')) {
    say(`sub value "${value}" uses a policy variable, which is not interpreted; map it by hand`);
    return;
  }
  const wildcard = condition.operator === 'StringLike' && hasIamWildcard(value);
  if (condition.operator === 'StringEquals' && hasIamWildcard(value)) {
    say(`StringEquals compares "${value}" literally, so its * or ? is not a wildcard and no service account matches it; did you mean StringLike?`);
    return;
  }
  if (!wildcard && !EXACT_SUBJECT.test(value)) {
    say(`sub value "${value}" is not of the form system:serviceaccount:<namespace>:<name>; ignored`);
    return;
  }
  if (wildcard && !couldMatchServiceAccount(value)) {
    say(`sub pattern "${value}" cannot match any system:serviceaccount:<namespace>:<name> subject; ignored`);
    return;
  }
  if (trust.subjects.some((subject) => subject.provider === condition.provider && subject.pattern === value)) return;
  const parts = value.startsWith(SUBJECT_PREFIX) ? value.slice(SUBJECT_PREFIX.length).split(':') : [];
  const [namespace, name] = parts.length === 2 ? parts : [];
  trust.subjects.push({ provider: condition.provider, pattern: value, wildcard, namespace: namespace ?? null, name: name ?? null });
}

/** The literal text before the first wildcard must agree with `system:serviceaccount:`. */
function couldMatchServiceAccount(pattern: string): boolean {
  const literal = pattern.split(/[*?]/)[0] ?? '';
  return literal.length <= SUBJECT_PREFIX.length ? SUBJECT_PREFIX.startsWith(literal) : literal.startsWith(SUBJECT_PREFIX);
}
