import { existsSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import type { AwsServiceClient, Ecosystem, LegacyPackage, SdkMinimum, SdkTables } from '../../model/code.js';
import { MigrationDataError, readMigrationTable } from '../read-migration-table.js';
import { migrationFile } from '../package-root.js';

/** The shipped tables; paths are relative to the compiled module (dist/sources/code). */
export const SDK_MINIMUMS_FILE = migrationFile('sdk-minimums.yaml');
export const AWS_SERVICE_CLIENTS_FILE = migrationFile('aws-service-clients.yaml');

const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'pypi', 'nuget', 'maven', 'go', 'vcpkg'];

/**
 * The shipped SDK tables, plus a project's own from `--migrations DIR` (sdk-minimums.yaml,
 * aws-service-clients.yaml), whose rows replace shipped ones with the same package or service.
 */
export function loadSdkTables(ownFolder?: string): SdkTables {
  const shipped = readSdkMinimums(SDK_MINIMUMS_FILE);
  const clients = readAwsClients(AWS_SERVICE_CLIENTS_FILE);
  if (ownFolder === undefined) return { ...shipped, awsClients: clients };
  const ownMinimumsFile = path.join(ownFolder, 'sdk-minimums.yaml');
  const ownClientsFile = path.join(ownFolder, 'aws-service-clients.yaml');
  const own = existsSync(ownMinimumsFile) ? readSdkMinimums(ownMinimumsFile) : { minimums: [], legacy: [] };
  const ownClients = existsSync(ownClientsFile) ? readAwsClients(ownClientsFile) : [];
  const key = (entry: { ecosystem: string; name: string }) => `${entry.ecosystem}:${entry.name.toLowerCase()}`;
  const replace = <T>(base: T[], extra: T[], keyOf: (entry: T) => string) => {
    const keys = new Set(extra.map(keyOf));
    return [...base.filter((entry) => !keys.has(keyOf(entry))), ...extra];
  };
  return {
    minimums: replace(shipped.minimums, own.minimums, key),
    legacy: replace(shipped.legacy, own.legacy, key),
    awsClients: replace(clients, ownClients, (entry) => entry.service),
  };
}

export function readSdkMinimums(file: URL | string): Pick<SdkTables, 'minimums' | 'legacy'> {
  const where = String(file);
  const table = readMigrationTable(file) as { schemaVersion?: unknown; minimums?: unknown; legacy?: unknown } | null;
  if (table?.schemaVersion !== 1 || !Array.isArray(table.minimums)) throw new MigrationDataError(`${where}: expected schemaVersion 1 and a minimums list`);
  const minimums = table.minimums.map((raw: unknown, index): SdkMinimum => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const envMinimum = entry.envMinimum ?? null;
    if (!isEcosystem(entry.ecosystem) || typeof entry.name !== 'string' || !isVersion(entry.minimum) || (envMinimum !== null && !isVersion(envMinimum))) {
      throw new MigrationDataError(`${where}: minimums[${index}] needs an ecosystem (${ECOSYSTEMS.join(', ')}), a name, a minimum version and an envMinimum version or null`);
    }
    return { ecosystem: entry.ecosystem, name: entry.name, minimum: entry.minimum as string, envMinimum: envMinimum as string | null };
  });
  const legacy = (Array.isArray(table.legacy) ? table.legacy : []).map((raw: unknown, index): LegacyPackage => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    if (!isEcosystem(entry.ecosystem) || typeof entry.name !== 'string' || typeof entry.replacement !== 'string') {
      throw new MigrationDataError(`${where}: legacy[${index}] needs an ecosystem, a name and a replacement`);
    }
    return { ecosystem: entry.ecosystem, name: entry.name, replacement: entry.replacement };
  });
  return { minimums, legacy };
}

export function readAwsClients(file: URL | string): AwsServiceClient[] {
  const where = String(file);
  const table = readMigrationTable(file) as { schemaVersion?: unknown; clients?: unknown } | null;
  if (table?.schemaVersion !== 1 || !Array.isArray(table.clients)) throw new MigrationDataError(`${where}: expected schemaVersion 1 and a clients list`);
  return table.clients.map((raw: unknown, index): AwsServiceClient => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    if (typeof entry.service !== 'string' || typeof entry.v2Class !== 'string' || typeof entry.azure !== 'string') {
      throw new MigrationDataError(`${where}: clients[${index}] needs a service, a v2Class and an azure counterpart`);
    }
    return { service: entry.service, v2Class: entry.v2Class, azure: entry.azure };
  });
}

function isEcosystem(value: unknown): value is Ecosystem {
  return typeof value === 'string' && (ECOSYSTEMS as readonly string[]).includes(value);
}

// js-yaml's core schema reads 3.2.0 as a string; a version written as 1.9 would be a number.
function isVersion(value: unknown): boolean {
  return typeof value === 'string' && semver.valid(value) !== null;
}
