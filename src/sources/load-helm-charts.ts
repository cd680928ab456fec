/**
 * The chart knowledge table (migrations/helm-charts.yaml, and a project's own in its
 * --migrations folder), checked when loaded: a broken entry is an input error naming it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HelmChartChange, HelmChartRule } from '../analyzers/analyzer-options.js';
import { MigrationDataError, readMigrationTable } from './read-migration-table.js';
import { migrationFile } from './package-root.js';

export const HELM_CHARTS_FILE = migrationFile('helm-charts.yaml');
export const HELM_CHARTS_FILE_NAME = 'helm-charts.yaml';

/** The shipped table, plus `<folder>/helm-charts.yaml` when there is one (its entries replace shipped ones by id). */
export function loadHelmCharts(folder?: string): HelmChartRule[] {
  const shipped = readHelmCharts(HELM_CHARTS_FILE);
  const own = folder === undefined ? null : path.join(folder, HELM_CHARTS_FILE_NAME);
  if (own === null || !existsSync(own)) return shipped;
  const added = readHelmCharts(own);
  const ids = new Set(added.map((chart) => chart.id));
  return [...shipped.filter((chart) => !ids.has(chart.id)), ...added];
}

export function readHelmCharts(file: URL | string): HelmChartRule[] {
  const where = String(file);
  const table = readMigrationTable(file) as { schemaVersion?: unknown; charts?: unknown };
  if (table?.schemaVersion !== 1 || !Array.isArray(table.charts)) throw new MigrationDataError(`${where}: expected schemaVersion 1 and a charts list`);
  return table.charts.map((entry, index) => checkChart(entry, `${where}: charts[${index}]`));
}

const isPath = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((key) => typeof key === 'string' && key !== '');

function checkChart(entry: unknown, where: string): HelmChartRule {
  const chart = (entry ?? {}) as Record<string, unknown>;
  const fail = (problem: string): never => {
    throw new MigrationDataError(`${where}${typeof chart.id === 'string' ? ` (${chart.id})` : ''}: ${problem}`);
  };
  if (typeof chart.id !== 'string' || chart.id === '') fail('needs an id');
  if (typeof chart.title !== 'string') fail('needs a title');
  const match = (chart.match ?? {}) as Record<string, unknown>;
  if (match.path !== undefined && !isPath(match.path)) fail('match.path must be a list of keys');
  if (match.equals !== undefined && typeof match.equals !== 'string' && typeof match.equals !== 'boolean') fail('match.equals must be a string or a boolean');
  if (match.chartNames !== undefined && !isPath(match.chartNames)) fail('match.chartNames must be a list of names');
  if (match.path === undefined && match.chartNames === undefined) fail('match needs a path or chartNames');
  const clientId = chart.clientId as Record<string, unknown> | undefined;
  if (clientId !== undefined && (!['value', 'selector', 'role-arn'].includes(String(clientId.from)) || !isPath(clientId.path))) fail('clientId needs from (value, selector or role-arn) and a path');
  if (chart.replacedBy !== undefined && typeof chart.replacedBy !== 'string') fail('replacedBy must be text');
  const changes = chart.changes ?? [];
  if (!Array.isArray(changes)) return fail('changes must be a list');
  if (chart.replacedBy === undefined && changes.length === 0 && typeof chart.note !== 'string') fail('needs changes, a note, or replacedBy');
  return {
    id: chart.id as string,
    title: chart.title as string,
    ...(typeof chart.docs === 'string' ? { docs: chart.docs } : {}),
    match: match as HelmChartRule['match'],
    ...(clientId ? { clientId: clientId as HelmChartRule['clientId'] } : {}),
    changes: changes.map((change, index) => checkChange(change, `${where} (${String(chart.id)}).changes[${index}]`)),
    ...(typeof chart.note === 'string' ? { note: chart.note } : {}),
    ...(typeof chart.replacedBy === 'string' ? { replacedBy: chart.replacedBy } : {}),
  };
}

function checkChange(entry: unknown, where: string): HelmChartChange {
  const change = (entry ?? {}) as Record<string, unknown>;
  const phase = change.phase ?? 'prepare';
  if (phase !== 'prepare' && phase !== 'cutover') throw new MigrationDataError(`${where}: phase must be prepare or cutover`);
  if (isPath(change.set)) {
    if (typeof change.value !== 'string' && typeof change.value !== 'boolean') throw new MigrationDataError(`${where}: set needs a value (text or boolean)`);
    return { phase, op: 'set', path: change.set, value: change.value };
  }
  if (isPath(change.delete)) return { phase, op: 'delete', path: change.delete };
  throw new MigrationDataError(`${where}: needs set (with value) or delete, each a list of keys`);
}
