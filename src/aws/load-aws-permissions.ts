/**
 * Loads migrations/aws-permissions.yaml (Azure built-in roles,
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles) and checks its
 * shape (schemaVersion 1), like
 * load-aws-components.ts: a broken table is an input error naming the entry. A project's own
 * table (`aws-permissions.yaml` in its --migrations folder) adds entries and replaces shipped
 * ones of the same key: roles by name, services by prefix, managed policies by name.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MigrationDataError, readMigrationTable } from '../sources/read-migration-table.js';
import type { ActionRule, AwsPermissionTable, AzureRoleEntry, ManagedPolicyEntry, RoleAssignmentKind, ServiceEntry } from './permission-table.js';
import { migrationFile } from '../sources/package-root.js';

export const AWS_PERMISSIONS_FILE_NAME = 'aws-permissions.yaml';
/** The shipped table; the path is relative to the compiled module (dist/aws). */
export const AWS_PERMISSIONS_FILE = migrationFile(AWS_PERMISSIONS_FILE_NAME);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PREFIX = /^[a-z0-9-]+$/;
const ASSIGNMENTS: readonly RoleAssignmentKind[] = ['azure-rbac', 'cosmos-db-sql'];

/** The shipped table plus, when given, the one in `folder` (a folder without one adds nothing). */
export function loadAwsPermissions(folder?: string): AwsPermissionTable {
  const shipped = readAwsPermissionsFile(AWS_PERMISSIONS_FILE);
  const ownFile = folder === undefined ? null : path.join(folder, AWS_PERMISSIONS_FILE_NAME);
  const table = ownFile !== null && existsSync(ownFile) ? mergeAwsPermissionTables(shipped, readAwsPermissionsFile(ownFile)) : shipped;
  checkRoleReferences(table, ownFile !== null && existsSync(ownFile) ? `${String(AWS_PERMISSIONS_FILE)} + ${ownFile}` : String(AWS_PERMISSIONS_FILE));
  return table;
}

/**
 * One file, shape-checked. Role references are checked after merging (checkRoleReferences),
 * because a project's table may name shipped roles.
 */
export function readAwsPermissionsFile(file: URL | string): AwsPermissionTable {
  const where = String(file);
  const table = readMigrationTable(file) as { schemaVersion?: unknown; roles?: unknown; services?: unknown; managedPolicies?: unknown } | null;
  if (table?.schemaVersion !== 1) throw new MigrationDataError(`${where}: expected schemaVersion 1`);
  const fail = (entry: string, message: string): never => {
    throw new MigrationDataError(`${where}: ${entry} ${message}`);
  };
  const read: AwsPermissionTable = {
    roles: list(table.roles, 'roles', fail).map((entry, index) => readRole(entry, `roles[${index}]`, fail)),
    services: list(table.services, 'services', fail).map((entry, index) => readService(entry, `services[${index}]`, fail)),
    managedPolicies: list(table.managedPolicies, 'managedPolicies', fail).map((entry, index) => readManagedPolicy(entry, `managedPolicies[${index}]`, fail)),
  };
  rejectDuplicates('roles', read.roles.map((role) => role.name), fail);
  rejectDuplicates('services', read.services.map((service) => service.prefix), fail);
  rejectDuplicates('managedPolicies', read.managedPolicies.map((policy) => policy.name.toLowerCase()), fail);
  return read;
}

/** Within one file a key appears once; replacing is what a second file is for. */
function rejectDuplicates(name: string, keys: readonly string[], fail: Fail): void {
  const index = keys.findIndex((key, position) => keys.indexOf(key) !== position);
  if (index >= 0) fail(`${name}[${index}]`, `repeats ${keys[index]}`);
}

type Fail = (entry: string, message: string) => never;

function list(value: unknown, name: string, fail: Fail): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(name, 'must be a list');
  return value.map((entry: unknown, index) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : fail(`${name}[${index}]`, 'must be a mapping')));
}

function readRole(entry: Record<string, unknown>, where: string, fail: Fail): AzureRoleEntry {
  const { name, id, assignment = 'azure-rbac', azureService, scopeHint } = entry;
  if (!nonEmpty(name) || !nonEmpty(azureService) || !nonEmpty(scopeHint)) return fail(where, 'needs a name, an azureService and a scopeHint');
  if (id !== undefined && !(typeof id === 'string' && GUID.test(id))) return fail(where, `(${name}) has an id that is not a lower-case GUID`);
  if (!ASSIGNMENTS.includes(assignment as RoleAssignmentKind)) return fail(where, `(${name}) has assignment ${String(assignment)}, expected ${ASSIGNMENTS.join(' or ')}`);
  return { name, ...(typeof id === 'string' ? { id } : {}), assignment: assignment as RoleAssignmentKind, azureService, scopeHint };
}

function readService(entry: Record<string, unknown>, where: string, fail: Fail): ServiceEntry {
  const { prefix, awsService, fallback = [], note, rules = [] } = entry;
  if (!(typeof prefix === 'string' && PREFIX.test(prefix)) || !nonEmpty(awsService)) return fail(where, 'needs a lower-case prefix and an awsService');
  if (!Array.isArray(rules)) return fail(where, `(${prefix}) rules must be a list`);
  return {
    prefix,
    awsService,
    fallback: names(fallback, `${where} (${prefix}) fallback`, fail, true),
    ...optionalNote(note, where, fail),
    rules: rules.map((rule: unknown, index) => readRule(rule, prefix, `${where}.rules[${index}]`, fail)),
  };
}

function readRule(rule: unknown, prefix: string, where: string, fail: Fail): ActionRule {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return fail(where, 'must be a mapping');
  const { actions, roles, note } = rule as Record<string, unknown>;
  const patterns = names(actions, `${where} actions`, fail);
  const foreign = patterns.find((action) => !action.toLowerCase().startsWith(`${prefix}:`));
  if (foreign !== undefined) return fail(where, `action ${foreign} does not start with ${prefix}:`);
  return { actions: patterns, roles: names(roles, `${where} roles`, fail), ...optionalNote(note, where, fail) };
}

function readManagedPolicy(entry: Record<string, unknown>, where: string, fail: Fail): ManagedPolicyEntry {
  const { name, roles, note } = entry;
  if (!nonEmpty(name)) return fail(where, 'needs a name');
  return { name, roles: names(roles, `${where} (${name}) roles`, fail), ...optionalNote(note, where, fail) };
}

/** A list of non-empty strings; non-empty unless `allowEmpty`. */
function names(value: unknown, where: string, fail: Fail, allowEmpty = false): string[] {
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0) || !value.every(nonEmpty)) return fail(where, `must be a ${allowEmpty ? '' : 'non-empty '}list of names`);
  return value;
}

function optionalNote(note: unknown, where: string, fail: Fail): { note?: string } {
  if (note === undefined) return {};
  return nonEmpty(note) ? { note } : fail(where, 'has a note that is not text');
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Later entries replace earlier ones with the same key; the order of first appearance is kept. */
export function mergeAwsPermissionTables(base: AwsPermissionTable, own: AwsPermissionTable): AwsPermissionTable {
  return {
    roles: mergeBy(base.roles, own.roles, (role) => role.name),
    services: mergeBy(base.services, own.services, (service) => service.prefix),
    managedPolicies: mergeBy(base.managedPolicies, own.managedPolicies, (policy) => policy.name.toLowerCase()),
  };
}

function mergeBy<T>(base: readonly T[], own: readonly T[], key: (entry: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const entry of [...base, ...own]) merged.set(key(entry), entry);
  return [...merged.values()];
}

/** Every role a rule, fallback or managed policy names must exist. */
export function checkRoleReferences(table: AwsPermissionTable, where: string): void {
  const known = new Set(table.roles.map((role) => role.name));
  const missing = (roles: readonly string[]) => roles.find((role) => !known.has(role));
  for (const service of table.services) {
    const inFallback = missing(service.fallback);
    if (inFallback !== undefined) throw new MigrationDataError(`${where}: service ${service.prefix} fallback names unknown role "${inFallback}"`);
    service.rules.forEach((rule, index) => {
      const unknown = missing(rule.roles);
      if (unknown !== undefined) throw new MigrationDataError(`${where}: service ${service.prefix} rules[${index}] names unknown role "${unknown}"`);
    });
  }
  for (const policy of table.managedPolicies) {
    const unknown = missing(policy.roles);
    if (unknown !== undefined) throw new MigrationDataError(`${where}: managed policy ${policy.name} names unknown role "${unknown}"`);
  }
}
