/**
 * What `wimigrate federate` works from: a plan file (`plan --format json`, `migrate --plan-out`)
 * or the same inputs as `migrate` (paths and plan options), plus the cluster JSON of AKS-managed
 * pod identity (`--aks-cluster`). Bad input is a CliError with exit code 2 naming the file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationPlan, PlannedFederatedCredential, PlannedRoleIdentity } from '../model/plan.js';
import type { Finding } from '../model/finding.js';
import { AksClusterError, readAksCluster, type AksPodIdentityProfile } from '../sources/read-aks-cluster.js';
import { CliError, EXIT } from './exit-codes.js';
import { findConfigFile, loadConfig } from './load-config.js';
import { reportMissingPaths } from './messages.js';
import { resolveOptions, type RawOptions } from './resolve-options.js';
import { runOnPaths } from './run-on-paths.js';

export type FederatePlan = Pick<MigrationPlan, 'federatedCredentials' | 'roleIdentities' | 'issuer'>;

export interface FederateInput {
  plan: FederatePlan;
  findings: Finding[];
  aks: AksPodIdentityProfile | null;
  /** The identity map to write client ids back to (flag or config), when there is one. */
  identityMapFile: string | null;
  missingPaths: string[];
}

export interface FederateRaw extends RawOptions {
  plan?: string;
  aksCluster?: string;
  subscription?: string;
}

export function loadFederateInput(paths: string[], raw: FederateRaw, formats: readonly string[], cwd = process.cwd()): FederateInput {
  let aks: ReturnType<typeof readAksCluster> | null = null;
  if (raw.aksCluster !== undefined) {
    try {
      aks = readAksCluster(raw.aksCluster);
    } catch (error) {
      if (error instanceof AksClusterError) throw new CliError(error.message, EXIT.usage);
      throw error;
    }
  }
  const identityMapFile = identityMapPath(paths, raw, cwd);
  if (raw.plan !== undefined) {
    // commander gives ['.'] when no path is named.
    if (paths.length > 0 && !(paths.length === 1 && paths[0] === '.')) throw new CliError('give either --plan FILE or paths to read, not both', EXIT.usage);
    return { plan: readPlanFile(raw.plan), findings: [], aks: aks?.profile ?? null, identityMapFile, missingPaths: [] };
  }
  // The subscription of the Azure access is also where identities planned for IAM roles go.
  const options = resolveOptions(paths, { ...raw, subscriptionId: raw.subscriptionId ?? raw.subscription }, formats, cwd);
  if (options.plan.issuer === null && aks?.profile.issuer) options.plan.issuer = aks.profile.issuer;
  // The cluster JSON is an input, not a manifest to scan.
  if (raw.aksCluster !== undefined) options.inputPaths.push(path.resolve(cwd, raw.aksCluster));
  const extra = aks ? [{ ...aks.source, absolutePath: null, root: '.' }] : [];
  const { result, missingPaths } = runOnPaths(options, cwd, false, extra);
  reportMissingPaths(missingPaths);
  return { plan: result.plan, findings: result.findings, aks: aks?.profile ?? null, identityMapFile, missingPaths };
}

function identityMapPath(paths: string[], raw: FederateRaw, cwd: string): string | null {
  if (raw.identityMap !== undefined) return path.resolve(cwd, raw.identityMap);
  if (raw.plan !== undefined && raw.config === undefined) return null;
  const configFile = findConfigFile(raw.config, paths.length > 0 ? paths : ['.'], cwd);
  const configured = loadConfig(configFile).identityMap;
  return configured !== undefined && configFile !== null ? path.resolve(path.dirname(configFile), configured) : null;
}

/** The plan out of a JSON report (`plan --format json`, `migrate --plan-out`), or a bare plan. */
export function readPlanFile(file: string): FederatePlan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the plan (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not JSON (${(error as Error).message}); write it with \`wimigrate plan --format json\` or \`migrate --plan-out\``, EXIT.usage);
  }
  const plan = (isObject(parsed) && isObject(parsed.plan) ? parsed.plan : parsed) as Record<string, unknown>;
  if (!isObject(plan) || !Array.isArray(plan.federatedCredentials)) {
    throw new CliError(`${file}: no plan in it (expected the JSON of \`wimigrate plan --format json\` with plan.federatedCredentials)`, EXIT.usage);
  }
  const credentials = plan.federatedCredentials.map((entry, index) => checkCredential(entry, `${file}: plan.federatedCredentials[${index}]`));
  const roles = Array.isArray(plan.roleIdentities) ? plan.roleIdentities.map((entry, index) => checkRole(entry, `${file}: plan.roleIdentities[${index}]`)) : [];
  return { federatedCredentials: credentials, roleIdentities: roles, issuer: typeof plan.issuer === 'string' ? plan.issuer : null };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCredential(entry: unknown, where: string): PlannedFederatedCredential {
  const bad = (what: string): never => {
    throw new CliError(`${where}: ${what}`, EXIT.usage);
  };
  if (!isObject(entry)) return bad('must be an object');
  for (const key of ['name', 'issuer', 'subject'] as const) if (typeof entry[key] !== 'string') bad(`${key} must be a string`);
  if (!Array.isArray(entry.audiences) || !entry.audiences.every((audience) => typeof audience === 'string')) bad('audiences must be a list of strings');
  const target = entry.target;
  if (!isObject(target)) return bad('target must be an object');
  if (target.kind === 'managed-identity') {
    for (const key of ['subscriptionId', 'resourceGroup', 'identityName', 'resourceId'] as const) if (typeof target[key] !== 'string') bad(`target.${key} must be a string`);
  } else if (target.kind === 'app-registration') {
    if (typeof target.clientId !== 'string') bad('target.clientId must be a string');
  } else if (target.kind !== 'unknown') bad('target.kind must be managed-identity, app-registration or unknown');
  for (const key of ['identity', 'serviceAccount'] as const) {
    const ref = entry[key];
    if (!isObject(ref) || typeof ref.namespace !== 'string' || typeof ref.name !== 'string') bad(`${key} must be {namespace, name}`);
  }
  return entry as unknown as PlannedFederatedCredential;
}

function checkRole(entry: unknown, where: string): PlannedRoleIdentity {
  if (!isObject(entry) || typeof entry.roleArn !== 'string' || typeof entry.name !== 'string' || (entry.source !== 'new' && entry.source !== 'identity-map')) {
    throw new CliError(`${where}: must have roleArn, name and source (new or identity-map)`, EXIT.usage);
  }
  const nullableString = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  return {
    roleArn: entry.roleArn,
    source: entry.source,
    name: entry.name,
    subscriptionId: nullableString('subscriptionId'),
    resourceGroup: nullableString('resourceGroup'),
    location: nullableString('location'),
    clientId: nullableString('clientId'),
  };
}
