import path from 'node:path';
import type { SdkTables } from '../model/code.js';
import { loadSdkTables } from '../sources/code/load-sdk-tables.js';
import { CliError, EXIT } from './exit-codes.js';
import { loadConfig } from './load-config.js';

/**
 * The SDK tables: shipped, plus the project's own sdk-minimums.yaml / aws-service-clients.yaml
 * in the --migrations folder (or the config's `migrations`, relative to the config file).
 */
export function loadCodeTables(flag: string | undefined, configFile: string | null, cwd: string): SdkTables {
  const configured = loadConfig(configFile).migrations;
  const folder = flag !== undefined ? path.resolve(cwd, flag) : configured !== undefined && configFile !== null ? path.resolve(path.dirname(configFile), configured) : undefined;
  try {
    return loadSdkTables(folder);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage);
  }
}
