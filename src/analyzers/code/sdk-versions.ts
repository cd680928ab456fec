/**
 * Azure Identity SDK versions against the minimums of DESIGN §5 (migrations/sdk-minimums.yaml):
 * https://azure.github.io/azure-workload-identity/docs/topics/language-specific-examples/azure-identity-sdk.html
 */
import semver from 'semver';
import type { DeclaredDependency, Ecosystem, SdkMinimum, SdkTables } from '../../model/code.js';
import type { Finding } from '../../model/finding.js';
import { codeFinding } from './code-findings.js';

/** What a written version spec allows: one version, a range, anything, or something unreadable. */
export type VersionSpec = { kind: 'exact'; version: string } | { kind: 'range'; range: string } | { kind: 'any' } | { kind: 'unknown' };

export function packageKey(ecosystem: Ecosystem, name: string): string {
  // npm and Go names are case-sensitive; PyPI, NuGet and Maven compare without case.
  return `${ecosystem}:${ecosystem === 'npm' || ecosystem === 'go' ? name : name.toLowerCase()}`;
}

export function checkDependencies(dependencies: readonly DeclaredDependency[], tables: SdkTables): Finding[] {
  const minimums = new Map(tables.minimums.map((entry) => [packageKey(entry.ecosystem, entry.name), entry]));
  const legacy = new Map(tables.legacy.map((entry) => [packageKey(entry.ecosystem, entry.name), entry]));
  const findings: Finding[] = [];
  for (const dependency of dependencies) {
    const key = packageKey(dependency.ecosystem, dependency.name);
    const old = legacy.get(key);
    if (old) findings.push(codeFinding('legacy-auth-package', dependency.location, `${dependency.name} ${dependency.spec} has no Workload ID support; move to ${old.replacement}`));
    const minimum = minimums.get(key);
    if (minimum) {
      const finding = checkVersion(dependency, minimum);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}

function checkVersion(dependency: DeclaredDependency, minimum: SdkMinimum): Finding | null {
  const spec = parseVersionSpec(dependency.ecosystem, dependency.spec);
  const what = `${dependency.name} ${dependency.spec || '(no version)'}`;
  if (spec.kind === 'any') return null;
  if (spec.kind === 'unknown') {
    return codeFinding('sdk-version-unknown', dependency.location, `${what}: the version cannot be read here; Workload ID needs ${minimum.minimum} or later`);
  }
  // A range is judged by the best version it can give: when even that is too old, every install is.
  const reaches = (version: string) => (spec.kind === 'exact' ? semver.gte(spec.version, version) : semver.intersects(spec.range, `>=${version}`));
  if (reaches(minimum.minimum)) {
    const lowest = spec.kind === 'range' ? semver.minVersion(spec.range)?.version : undefined;
    return lowest !== undefined && semver.lt(lowest, minimum.minimum)
      ? codeFinding('sdk-range-allows-old', dependency.location, `${what} allows versions below ${minimum.minimum}, the first with WorkloadIdentityCredential`)
      : null;
  }
  if (minimum.envMinimum !== null && !reaches(minimum.envMinimum)) {
    return codeFinding('sdk-needs-proxy-sidecar', dependency.location, `${what} is older than ${minimum.envMinimum}: it cannot use the Workload ID environment at all; upgrade to ${minimum.minimum} or later, or run the pod with the migration proxy sidecar`);
  }
  return codeFinding('sdk-below-minimum', dependency.location, `${what} is below ${minimum.minimum}, the first version with WorkloadIdentityCredential; upgrade to ${minimum.minimum} or later`);
}

/** Reads a spec as each ecosystem writes it, into semver terms. */
export function parseVersionSpec(ecosystem: Ecosystem, written: string): VersionSpec {
  const spec = written.trim();
  if (spec === '') return ecosystem === 'pypi' ? { kind: 'any' } : { kind: 'unknown' };
  if (spec === '*' || spec === 'latest' || spec === 'x') return { kind: 'any' };
  if (/[$@]|:\/\/|^(file|git|github|link|workspace):/.test(spec)) return { kind: 'unknown' };
  if (ecosystem === 'pypi') return pythonSpec(spec);
  if (ecosystem === 'nuget' || ecosystem === 'maven') return bracketSpec(spec);
  const exact = semver.valid(spec);
  if (exact) return { kind: 'exact', version: exact };
  const range = semver.validRange(spec);
  return range ? { kind: 'range', range } : { kind: 'unknown' };
}

/** PEP 440 specifiers: `==1.12.0`, `>=1.10,<2`, `~=1.12` (compatible release), `!=` ignored. */
function pythonSpec(spec: string): VersionSpec {
  const clauses = spec.split(',').map((clause) => clause.trim()).filter((clause) => clause && !clause.startsWith('!='));
  if (clauses.length === 1 && /^===?\s*[\d.]+$/.test(clauses[0]!)) return exactOf(clauses[0]!.replace(/^===?\s*/, ''));
  const parts: string[] = [];
  for (const clause of clauses) {
    const match = /^(~=|===?|>=|<=|>|<|\^|~)?\s*([\d.*]+)$/.exec(clause);
    if (!match) return { kind: 'unknown' };
    const [, operator = '==', version = ''] = match;
    const coerced = semver.coerce(version.replace(/\.\*$/, ''))?.version;
    if (!coerced) return { kind: 'unknown' };
    if (operator === '~=') {
      // ~=1.12 is >=1.12, ==1.*; ~=1.12.3 is >=1.12.3, ==1.12.*.
      const pieces = version.split('.');
      const upper = pieces.length <= 2 ? `${Number(pieces[0]) + 1}.0.0` : `${pieces[0]}.${Number(pieces[1]) + 1}.0`;
      parts.push(`>=${coerced} <${upper}`);
    } else if (operator === '==' || operator === '===') parts.push(version.endsWith('*') ? `~${coerced}` : coerced);
    else parts.push(`${operator}${coerced}`);
  }
  return rangeOf(parts.join(' '));
}

/** NuGet and Maven: `1.9.0` (NuGet: at least; Maven: soft pin, resolved to itself), `[1.9.0]`, `[1.2,2.0)`, `1.*`. */
function bracketSpec(spec: string): VersionSpec {
  const interval = /^([[(])\s*([^,\])]*)\s*(?:,\s*([^\])]*))?\s*([\])])$/.exec(spec);
  if (interval) {
    const [, open, low, high, close] = interval;
    if (high === undefined) return exactOf(low!);
    const parts = [low ? `${open === '[' ? '>=' : '>'}${semver.coerce(low)?.version}` : '', high ? `${close === ']' ? '<=' : '<'}${semver.coerce(high)?.version}` : ''];
    return rangeOf(parts.filter(Boolean).join(' ') || '*');
  }
  if (spec.includes('*')) return rangeOf(spec.replace(/\.\*$/, '.x'));
  return exactOf(spec);
}

function exactOf(version: string): VersionSpec {
  const valid = semver.valid(version) ?? (/^\d+(\.\d+){0,2}$/.test(version) ? semver.coerce(version)?.version : null);
  return valid ? { kind: 'exact', version: valid } : { kind: 'unknown' };
}

function rangeOf(range: string): VersionSpec {
  const valid = semver.validRange(range);
  return valid ? { kind: 'range', range: valid } : { kind: 'unknown' };
}
