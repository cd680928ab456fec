import type { AnalyzerOptions, AwsComponent, HelmChartRule } from '../analyzers/analyzer-options.js';
import path from 'node:path';
import { loadAwsComponents } from '../sources/load-aws-components.js';
import { loadIdentityMap } from '../sources/load-identity-map.js';
import { loadHelmCharts } from '../sources/load-helm-charts.js';
import { loadAwsPermissions, readPodIdentityAssociations, readRolePermissions, readTrustPolicies } from '../aws/index.js';
import type { Severity } from '../model/finding.js';
import type { MigrationPhase } from '../model/plan.js';
import { isGuid } from '../analyzers/object-fields.js';
import { DEFAULT_SERVICE_ACCOUNT_NAME, type AwsInputs, type PlanOptions, type RoleIdentityMapping } from '../planner/plan-options.js';
import { DEFAULT_MAX_FILE_BYTES } from '../sources/read-paths.js';
import { CliError, EXIT } from './exit-codes.js';
import { findConfigFile, loadConfig } from './load-config.js';

/** The flags as commander hands them over. */
export interface RawOptions {
  config?: string;
  format?: string;
  output?: string;
  failOn?: string;
  defaultNamespace?: string;
  forceNamespaced?: boolean;
  maxFileSize?: string;
  color?: boolean;
  quiet?: boolean;
  render?: boolean;
  issuer?: string;
  tenantId?: string;
  phase?: string;
  serviceAccountName?: string;
  proxySidecar?: boolean;
  write?: boolean;
  outDir?: string;
  planOut?: string;
  migrations?: string;
  identityMap?: string;
  subscriptionId?: string;
  identityResourceGroup?: string;
  identityLocation?: string;
  trustPolicies?: string[];
  podIdentityAssociations?: string[];
  awsPermissions?: string;
}

export interface ResolvedOptions {
  paths: string[];
  format: string;
  output: string | null;
  failOn: Severity | 'none';
  maxFileBytes: number;
  color: boolean;
  quiet: boolean;
  /** --render: also analyze what kubectl kustomize builds from the kustomizations. */
  render: boolean;
  analyzer: AnalyzerOptions;
  plan: PlanOptions;
  configFile: string | null;
  /** The identity map and AWS inputs (files or folders): read as inputs, never as manifests. */
  inputPaths: string[];
}

const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

/** Flags override wimigrate.yaml, which overrides the defaults. */
export function resolveOptions(paths: string[], raw: RawOptions, formats: readonly string[], cwd = process.cwd()): ResolvedOptions {
  const givenPaths = paths.length > 0 ? paths : ['.'];
  const configFile = findConfigFile(raw.config, givenPaths, cwd);
  const config = loadConfig(configFile);
  const format = raw.format ?? formats[0] ?? 'text';
  if (!formats.includes(format)) throw usage(`--format must be one of ${formats.join(', ')} (got "${format}")`);
  const failOn = raw.failOn ?? config.failOn ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw usage(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  const phase = raw.phase ?? config.phase ?? 'prepare';
  if (phase !== 'prepare' && phase !== 'cutover') throw usage(`--phase must be prepare or cutover (got "${phase}")`);
  const issuer = raw.issuer ?? config.issuer ?? null;
  if (issuer !== null && !/^https:\/\/\S+$/.test(issuer)) throw usage(`--issuer must be the cluster's https OIDC issuer URL (got "${issuer}")`);
  const subscriptionId = raw.subscriptionId ?? config.subscriptionId ?? null;
  if (subscriptionId !== null && !isGuid(subscriptionId)) throw usage(`--subscription-id must be a GUID (got "${subscriptionId}")`);
  const migrationsFolder = relativeTo(raw.migrations, config.migrations, configFile, cwd);
  const identityMapFile = relativeTo(raw.identityMap, config.identityMap, configFile, cwd);
  const inputPaths = (flag: string[] | undefined, configured: string | string[] | undefined) => {
    if (flag !== undefined) return flag.map((entry) => path.resolve(cwd, entry));
    return (configured === undefined ? [] : [configured].flat()).map((entry) => relativeTo(undefined, entry, configFile, cwd) ?? entry);
  };
  const aws = {
    trust: inputPaths(raw.trustPolicies, config.trustPolicies),
    associations: inputPaths(raw.podIdentityAssociations, config.podIdentityAssociations),
    permissions: relativeTo(raw.awsPermissions, config.awsPermissions, configFile, cwd),
    migrations: migrationsFolder,
  };
  const maxFileBytes = raw.maxFileSize === undefined ? DEFAULT_MAX_FILE_BYTES : Number(raw.maxFileSize);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) throw usage(`--max-file-size must be a positive number of bytes (got "${raw.maxFileSize}")`);
  return {
    paths: givenPaths,
    format,
    output: raw.output ?? null,
    failOn: failOn as Severity | 'none',
    maxFileBytes,
    color: raw.color !== false && !('NO_COLOR' in process.env) && process.stdout.isTTY === true && raw.output === undefined,
    quiet: raw.quiet === true,
    render: raw.render === true,
    analyzer: {
      defaultNamespace: raw.defaultNamespace ?? config.defaultNamespace ?? 'default',
      forceNamespaced: raw.forceNamespaced ?? config.forceNamespaced ?? false,
      // A folder named in the config file is relative to that file; on the command line, to cwd.
      awsComponents: awsComponents(migrationsFolder),
      helmCharts: helmCharts(migrationsFolder),
    },
    plan: {
      phase: phase as MigrationPhase,
      issuer,
      tenantId: raw.tenantId ?? config.tenantId ?? null,
      serviceAccountName: raw.serviceAccountName ?? config.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT_NAME,
      proxySidecar: raw.proxySidecar ?? config.proxySidecar ?? false,
      identityMap: identityMap(identityMapFile),
      subscriptionId,
      identityResourceGroup: raw.identityResourceGroup ?? config.identityResourceGroup ?? null,
      identityLocation: raw.identityLocation ?? config.identityLocation ?? null,
      aws: awsInputs(aws),
    },
    configFile,
    inputPaths: [identityMapFile, ...aws.trust, ...aws.associations, aws.permissions].filter((entry): entry is string => entry !== undefined),
  };
}

/** A path from the command line is relative to cwd; one from the config file, to that file. */
function relativeTo(flag: string | undefined, configured: string | undefined, configFile: string | null, cwd: string): string | undefined {
  if (flag !== undefined) return path.resolve(cwd, flag);
  if (configured !== undefined && configFile !== null) return path.resolve(path.dirname(configFile), configured);
  return undefined;
}

function identityMap(file: string | undefined): RoleIdentityMapping[] {
  if (file === undefined) return [];
  try {
    return loadIdentityMap(file);
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The optional AWS inputs, read here at the edge: unreadable files become findings (the rest is
 * still read); a broken permissions table is a usage error.
 */
function awsInputs(given: { trust: string[]; associations: string[]; permissions: string | undefined; migrations: string | undefined }): AwsInputs {
  const trust = readTrustPolicies(given.trust);
  const associations = readPodIdentityAssociations(given.associations);
  const permissions = given.permissions === undefined ? { roles: [], errors: [] } : readRolePermissions(given.permissions);
  let permissionTable = null;
  if (given.permissions !== undefined) {
    try {
      permissionTable = loadAwsPermissions(given.migrations);
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
  }
  return {
    trust: trust.roles,
    associations: associations.associations,
    needsDescribe: associations.needsDescribe,
    permissions: permissions.roles,
    permissionTable,
    errors: [...trust.errors, ...associations.errors, ...permissions.errors],
  };
}

function helmCharts(folder: string | undefined): HelmChartRule[] {
  try {
    return loadHelmCharts(folder);
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
}

function usage(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/**
 * The shipped table, plus the user's own from `--migrations DIR` (its aws-components.yaml), whose
 * entries replace shipped ones of the same id.
 */
function awsComponents(folder: string | undefined): AwsComponent[] {
  try {
    const shipped = loadAwsComponents();
    if (folder === undefined) return shipped;
    const own = loadAwsComponents(path.join(folder, 'aws-components.yaml'));
    const ids = new Set(own.map((component) => component.id));
    return [...shipped.filter((component) => !ids.has(component.id)), ...own];
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage);
  }
}
