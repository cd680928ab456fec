/**
 * `wimigrate federate`: the federated identity credentials of a plan, compared with Azure
 * (dry run, the default), created (`--apply`), or emitted as code (`--emit KIND --out DIR`,
 * which needs no Azure access unless --apply is given too). See README "wimigrate federate".
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { runFederation, type IdentityOutcome } from '../azure/apply-federation.js';
import { emitAksPodIdentityCutover, aksPodIdentityCommands } from '../azure/emit/aks-pod-identity.js';
import { APP_REGISTRATION_NOTICE, azAppCommands, emitAppRegistrations, graphRequests } from '../azure/emit/app-registrations.js';
import { emitArm } from '../azure/emit/arm.js';
import { emitAz } from '../azure/emit/az.js';
import { emitBicep } from '../azure/emit/bicep.js';
import type { EmittedFile } from '../azure/emit/emitted-file.js';
import { emitTerraform } from '../azure/emit/terraform.js';
import { federationTargets, type FederationTargets, type IdentityWork } from '../azure/federation-targets.js';
import { openJournal, readJournal, unfinishedSteps } from '../azure/journal-file.js';
import { PROPAGATION_ADVICE } from '../azure/propagation.js';
import { DEFAULT_RETRY } from '../azure/with-retry.js';
import { renderFederateJson, renderFederateText, type FederateIdentityReport, type FederateReport } from '../reporters/federate-report.js';
import { renderFederateCsv, renderFederateHtml, renderFederateMarkdown, renderFederateSarif, type FederateFormatOptions } from '../reporters/federate-formats.js';
import { updateIdentityMapText, type IdentityMapUpdate } from '../sources/update-identity-map.js';
import { CliError, EXIT } from './exit-codes.js';
import { azureClient } from './federate-azure.js';
import { loadFederateInput, type FederatePlan, type FederateRaw } from './federate-input.js';
import { say } from './messages.js';
import { startProgress } from './progress.js';
import { toolVersion } from './tool-version.js';
import { emit as emitOutput, writeFileAtomic } from './write-output.js';

export const FEDERATE_FORMATS = ['table', 'json', 'markdown', 'sarif', 'html', 'csv'] as const;
export const EMIT_KINDS = ['az', 'bicep', 'terraform', 'arm'] as const;
export const DEFAULT_JOURNAL = '.wimigrate-federate-journal.jsonl';

export interface FederateCommandRaw extends FederateRaw {
  apply?: boolean;
  prune?: boolean;
  yes?: boolean;
  emit?: string;
  out?: string;
  concurrency?: string;
  journal?: string;
  armEndpoint?: string;
}

const EMITTERS: Record<(typeof EMIT_KINDS)[number], (targets: FederationTargets) => EmittedFile[]> = {
  az: emitAz,
  bicep: emitBicep,
  terraform: emitTerraform,
  arm: emitArm,
};

export async function federateCommand(paths: string[], raw: FederateCommandRaw): Promise<number> {
  const cwd = process.cwd();
  const format = raw.format ?? 'table';
  if (!(FEDERATE_FORMATS as readonly string[]).includes(format)) throw usage(`--format must be one of ${FEDERATE_FORMATS.join(', ')} (got "${format}")`);
  if (raw.emit !== undefined && !(EMIT_KINDS as readonly string[]).includes(raw.emit)) throw usage(`--emit must be one of ${EMIT_KINDS.join(', ')} (got "${raw.emit}")`);
  if (raw.emit !== undefined && raw.out === undefined) throw usage('--emit needs --out DIR');
  if (raw.prune && !raw.apply) throw usage('--prune deletes credentials: it needs --apply');
  const concurrency = raw.concurrency === undefined ? 4 : Number(raw.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw usage(`--concurrency must be a whole number from 1 to 32 (got "${raw.concurrency}")`);
  if (raw.armEndpoint !== undefined && !/^https:\/\/\S+$/.test(raw.armEndpoint)) throw usage(`--arm-endpoint must be an https URL (got "${raw.armEndpoint}")`);

  const input = loadFederateInput(paths, raw, ['text', ...FEDERATE_FORMATS], cwd);
  const targets = federationTargets(input.plan);
  const withoutIssuer = [...targets.identities.flatMap((work) => work.credentials), ...targets.appRegistrations.flatMap((app) => app.credentials)].filter((credential) => credential.issuer === '');
  if (withoutIssuer.length > 0) throw usage(`the plan has no OIDC issuer for ${withoutIssuer.length} credential(s): pass --issuer (az aks show --query oidcIssuerProfile.issuerUrl), set issuer in wimigrate.yaml, or give --aks-cluster with the OIDC issuer on`);
  const quiet = raw.quiet === true;
  const log = (line: string) => {
    if (!quiet) say(line);
  };
  const worth = input.findings.filter((finding) => finding.severity !== 'info');
  if (worth.length > 0) log(`${worth.length} finding(s) while planning (warnings and errors; \`wimigrate plan\` shows them): the credentials below are what could be planned.`);

  const emitted = raw.emit ? writeEmitted(raw.emit as (typeof EMIT_KINDS)[number], targets, input.aks, path.resolve(cwd, raw.out!)) : [];
  const needsAzure = raw.apply === true || raw.emit === undefined;
  let outcomes: IdentityOutcome[] | null = null;
  let resumed: FederateReport['resumed'] = [];
  let identityMap: FederateReport['identityMap'] = null;
  if (needsAzure && targets.identities.length > 0) {
    const client = await azureClient(raw.armEndpoint);
    const progress = startProgress(process.stderr, !quiet);
    const base = {
      concurrency,
      retry: DEFAULT_RETRY,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      // A lasting line clears the progress line first, so the two never mix.
      log: (line: string) => {
        progress.done();
        log(line);
      },
      onIdentity: (name: string, done: number, total: number) => progress.step(`Azure: identity ${done + 1} of ${total}, ${name}`),
    };
    if (raw.apply) {
      const journalFile = path.resolve(cwd, raw.journal ?? DEFAULT_JOURNAL);
      resumed = unfinishedSteps(readJournal(journalFile)).map(({ identity, step, name }) => ({ identity, step, name }));
      let prune = raw.prune === true;
      if (prune && !raw.yes) prune = await confirmPrune(client, targets.identities, base);
      const journal = openJournal(journalFile, `${new Date().toISOString()}-${process.pid}`);
      try {
        outcomes = await runFederation(client, targets.identities, { ...base, apply: true, prune, journal: (event) => journal.write(event) });
      } finally {
        journal.close();
      }
      identityMap = writeBackClientIds(outcomes, input.plan, input.identityMapFile);
    } else {
      outcomes = await runFederation(client, targets.identities, { ...base, apply: false, prune: false, journal: () => {} });
    }
    progress.done();
  }

  const report = buildFederateReport(targets, outcomes, {
    mode: raw.apply ? 'apply' : needsAzure ? 'dry-run' : 'offline',
    aksCommands: input.aks ? { cluster: input.aks.clusterName, commands: aksPodIdentityCommands(input.aks) } : null,
    emitted,
    identityMap,
    resumed,
  });
  for (const identity of report.identities) {
    if (identity.error) say(`wimigrate: ${identity.name}: ${identity.error.operation} ${identity.error.status === 0 ? 'failed without an HTTP answer:' : `answered HTTP ${identity.error.status}`} ${identity.error.code}: ${identity.error.message}`);
  }
  emitOutput(renderFederate(format as (typeof FEDERATE_FORMATS)[number], report, { toolVersion: toolVersion(), planFile: raw.plan ?? null }), raw.output ?? null);
  return exitCode(report, input.missingPaths);
}

function renderFederate(format: (typeof FEDERATE_FORMATS)[number], report: FederateReport, options: FederateFormatOptions): string {
  switch (format) {
    case 'table':
      return renderFederateText(report);
    case 'json':
      return renderFederateJson(report);
    case 'markdown':
      return renderFederateMarkdown(report, options);
    case 'sarif':
      return renderFederateSarif(report, options);
    case 'html':
      return renderFederateHtml(report, options);
    case 'csv':
      return renderFederateCsv(report);
  }
}

function usage(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

function writeEmitted(kind: (typeof EMIT_KINDS)[number], targets: FederationTargets, aks: ReturnType<typeof loadFederateInput>['aks'], out: string): string[] {
  const files = [...EMITTERS[kind](targets), ...emitAppRegistrations(targets.appRegistrations), ...(aks ? emitAksPodIdentityCutover(aks) : [])];
  try {
    mkdirSync(out, { recursive: true });
    for (const file of files) writeFileAtomic(path.join(out, file.path), file.text);
  } catch (error) {
    throw new CliError(`writing to ${out} failed: ${(error as Error).message}`, EXIT.external);
  }
  return files.map((file) => path.join(out, file.path));
}

/** Lists what --prune would delete and asks; without a terminal to ask on, --yes is required. */
async function confirmPrune(client: Awaited<ReturnType<typeof azureClient>>, works: readonly IdentityWork[], base: Omit<Parameters<typeof runFederation>[2], 'apply' | 'prune' | 'journal'>): Promise<boolean> {
  if (!process.stdin.isTTY) throw usage('--prune deletes credentials and asks first; without a terminal, pass --yes');
  const preview = await runFederation(client, works, { ...base, apply: false, prune: true, journal: () => {} });
  const doomed = preview.flatMap((outcome) => (outcome.diff?.prunable ?? []).map((credential) => `${outcome.work.address.name}/${credential.name}`));
  if (doomed.length === 0) return false;
  say(`--prune would delete ${doomed.length} credential(s) wimigrate made that the plan no longer has:\n  ${doomed.join('\n  ')}`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question('Delete them? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}

/** Client ids of identities for IAM roles go into the identity map, so `migrate` fills in the placeholders. */
function writeBackClientIds(outcomes: readonly IdentityOutcome[], plan: FederatePlan, file: string | null): FederateReport['identityMap'] {
  const updates: IdentityMapUpdate[] = [];
  for (const outcome of outcomes) {
    const found = outcome.identity;
    if (!found?.clientId) continue;
    const { address } = outcome.work;
    const role = plan.roleIdentities.find((entry) => entry.name.toLowerCase() === address.name.toLowerCase() && (entry.resourceGroup ?? address.resourceGroup).toLowerCase() === address.resourceGroup.toLowerCase());
    if (!role?.roleArn || role.clientId === found.clientId) continue;
    updates.push({ roleArn: role.roleArn, name: address.name, subscriptionId: address.subscriptionId, resourceGroup: address.resourceGroup, location: found.location, clientId: found.clientId });
  }
  if (updates.length === 0) return null;
  if (file === null) {
    say(`No identity map to write the client ids to (--identity-map FILE): ${updates.map((update) => `${update.roleArn} -> ${update.clientId}`).join(', ')}`);
    return null;
  }
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = null;
  }
  const result = updateIdentityMapText(text, file, updates);
  if ('refused' in result) throw new CliError(result.refused, EXIT.usage);
  if (result.changed) {
    try {
      writeFileAtomic(file, result.text);
    } catch (error) {
      throw new CliError(`writing ${file} failed: ${(error as Error).message}`, EXIT.external);
    }
  }
  return { file, updatedRoles: updates.map((update) => update.roleArn) };
}

export function buildFederateReport(
  targets: FederationTargets,
  outcomes: readonly IdentityOutcome[] | null,
  extra: Pick<FederateReport, 'mode' | 'emitted' | 'identityMap' | 'resumed'> & { aksCommands: FederateReport['aksCutover'] },
): FederateReport {
  const identities = targets.identities.map((work, index): FederateIdentityReport => {
    const outcome = outcomes?.[index] ?? null;
    const states = new Map(outcome?.diff?.entries.map((entry) => [entry.credential.name, entry]) ?? []);
    return {
      resourceId: work.resourceId,
      subscriptionId: work.address.subscriptionId,
      resourceGroup: work.address.resourceGroup,
      name: work.address.name,
      status: outcome?.status ?? 'planned',
      location: outcome?.identity?.location ?? work.create?.location ?? null,
      clientId: outcome?.identity?.clientId || null,
      principalId: outcome?.identity?.principalId || null,
      tenantId: outcome?.identity?.tenantId || null,
      createdIdentity: outcome?.createdIdentity ?? false,
      credentials: work.credentials.map((credential) => ({
        ...credential,
        serves: work.serves[credential.name] ?? '',
        state: outcome === null ? 'planned' : (states.get(credential.name)?.state ?? 'planned'),
        detail: states.get(credential.name)?.detail ?? null,
      })),
      created: outcome?.created ?? [],
      deleted: outcome?.deleted ?? [],
      prunable: outcome?.diff?.prunable.map((credential) => credential.name) ?? [],
      error: outcome?.error ? { operation: outcome.error.operation, status: outcome.error.status, code: outcome.error.code, message: outcome.error.detail } : null,
    };
  });
  const createdAny = identities.some((identity) => identity.created.length > 0);
  return {
    schemaVersion: 1,
    mode: extra.mode,
    identities,
    appRegistrations:
      targets.appRegistrations.length === 0 ? null : { notice: APP_REGISTRATION_NOTICE, commands: azAppCommands(targets.appRegistrations), requests: graphRequests(targets.appRegistrations) },
    unplaced: targets.unplaced.map((entry) => ({ name: entry.credential.name, subject: entry.credential.subject, serves: entry.serves, reason: entry.reason })),
    aksCutover: extra.aksCommands,
    emitted: extra.emitted,
    identityMap: extra.identityMap,
    resumed: extra.resumed,
    // Said after creating credentials, and with emitted code, which creates them when run.
    propagation: createdAny || extra.emitted.length > 0 ? PROPAGATION_ADVICE : null,
  };
}

/** 3 when Azure failed (or an identity is missing); 1 when a credential needs a person; 2 for missing paths. */
function exitCode(report: FederateReport, missingPaths: readonly string[]): number {
  if (report.identities.some((identity) => identity.status === 'failed' || identity.status === 'missing')) return EXIT.external;
  if (missingPaths.length > 0) return EXIT.usage;
  const blocked = report.identities.some((identity) => identity.status === 'unsupported-location' || identity.credentials.some((row) => row.state === 'conflict' || row.state === 'over-limit'));
  return blocked || report.unplaced.length > 0 ? EXIT.findings : EXIT.ok;
}
