import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, yaml } from '../yaml/yaml-library.js';
import { CliError, EXIT } from './exit-codes.js';

/** What a project sets once in wimigrate.yaml; flags override each of these. */
export interface ProjectConfig {
  issuer?: string;
  tenantId?: string;
  phase?: 'prepare' | 'cutover';
  serviceAccountName?: string;
  defaultNamespace?: string;
  forceNamespaced?: boolean;
  proxySidecar?: boolean;
  failOn?: 'error' | 'warning' | 'info' | 'none';
  /** A folder with the project's own migration tables (aws-components.yaml). */
  migrations?: string;
  /** IRSA: the identity map file, and where new managed identities go. */
  identityMap?: string;
  subscriptionId?: string;
  identityResourceGroup?: string;
  identityLocation?: string;
  /** IRSA: AWS CLI output files or folders (relative to this file). */
  trustPolicies?: string | string[];
  podIdentityAssociations?: string | string[];
  awsPermissions?: string;
  /** `scan --code`: which application code each workload runs (see README, Application code). */
  codeMapping?: { image?: string; manifests?: string; code: string }[];
}

export const CONFIG_FILE_NAME = 'wimigrate.yaml';

const FIELDS: Record<keyof ProjectConfig, (value: unknown) => boolean> = {
  issuer: (value) => typeof value === 'string',
  tenantId: (value) => typeof value === 'string',
  phase: (value) => value === 'prepare' || value === 'cutover',
  serviceAccountName: (value) => typeof value === 'string' && value.length > 0,
  defaultNamespace: (value) => typeof value === 'string' && value.length > 0,
  forceNamespaced: (value) => typeof value === 'boolean',
  proxySidecar: (value) => typeof value === 'boolean',
  failOn: (value) => value === 'error' || value === 'warning' || value === 'info' || value === 'none',
  migrations: (value) => typeof value === 'string' && value.length > 0,
  identityMap: (value) => typeof value === 'string' && value.length > 0,
  subscriptionId: (value) => typeof value === 'string' && value.length > 0,
  identityResourceGroup: (value) => typeof value === 'string' && value.length > 0,
  identityLocation: (value) => typeof value === 'string' && value.length > 0,
  trustPolicies: isPathOrPaths,
  podIdentityAssociations: isPathOrPaths,
  awsPermissions: (value) => typeof value === 'string' && value.length > 0,
  codeMapping: isCodeMapping,
};

/** A list of `{ image | manifests, code }` entries, each naming exactly one way to match. */
function isCodeMapping(value: unknown): boolean {
  const text = (entry: unknown) => typeof entry === 'string' && entry.length > 0;
  return (
    Array.isArray(value) &&
    value.every((entry: unknown) => {
      if (entry === null || typeof entry !== 'object') return false;
      const { image, manifests, code, ...rest } = entry as Record<string, unknown>;
      return Object.keys(rest).length === 0 && text(code) && (image === undefined) !== (manifests === undefined) && (image === undefined || text(image)) && (manifests === undefined || text(manifests));
    })
  );
}

function isPathOrPaths(value: unknown): boolean {
  return (typeof value === 'string' && value.length > 0) || (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && entry.length > 0));
}

/**
 * `--config FILE`, else wimigrate.yaml in the first folder argument, else in the working
 * directory. Unknown keys and wrong types are input errors naming the file and line.
 */
export function findConfigFile(explicit: string | undefined, paths: readonly string[], cwd: string): string | null {
  if (explicit) return path.resolve(cwd, explicit);
  const first = paths.find((given) => given !== '-');
  const candidates = [first && isFolder(path.resolve(cwd, first)) ? path.join(path.resolve(cwd, first), CONFIG_FILE_NAME) : null, path.join(cwd, CONFIG_FILE_NAME)];
  return candidates.find((candidate): candidate is string => candidate !== null && existsSync(candidate)) ?? null;
}

export function loadConfig(file: string | null): ProjectConfig {
  if (file === null) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, EXIT.usage);
  }
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter });
  const at = (offset: number | undefined) => {
    const position = lineCounter.linePos(offset ?? 0);
    return `${file}:${position.line}:${position.col}`;
  };
  const firstError = doc.errors[0];
  if (firstError) throw new CliError(`${at(firstError.pos[0])}: ${firstError.message.split('\n')[0]}`, EXIT.usage);
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) throw new CliError(`${at(0)}: the config must be a map of settings`, EXIT.usage);
  const config: Record<string, unknown> = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const check = FIELDS[key as keyof ProjectConfig];
    if (!check) throw new CliError(`${at(isScalar(pair.key) ? pair.key.range?.[0] : 0)}: unknown setting "${key}" (known: ${Object.keys(FIELDS).join(', ')})`, EXIT.usage);
    const value = isScalar(pair.value) ? pair.value.value : pair.value?.toJSON();
    if (!check(value)) throw new CliError(`${at((pair.value as { range?: [number, number, number] } | null)?.range?.[0] ?? 0)}: invalid value for "${key}"`, EXIT.usage);
    config[key] = value;
  }
  return config as ProjectConfig;
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
