import { readFileSync } from 'node:fs';
import type { MigrationPhase, MigrationPlan } from '../../model/plan.js';
import { credentialKey, verifyRollout, type AzureCredentialState, type VerifyResult } from '../../pipeline/verify-rollout.js';
import { renderVerifyCsv, renderVerifyHtml, renderVerifySarif } from '../../reporters/verify-formats.js';
import { renderVerifyJson, renderVerifyMarkdown, renderVerifyText } from '../../reporters/verify-report.js';
import { readCluster } from '../../sources/cluster/read-cluster.js';
import { CliError, EXIT } from '../exit-codes.js';
import { reportMissingPaths } from '../messages.js';
import { resolveOptions } from '../resolve-options.js';
import { runOnPaths } from '../run-on-paths.js';
import { planAsBuilt } from '../../planner/plan-as-built.js';
import { toolVersion } from '../tool-version.js';
import { emit } from '../write-output.js';
import { clusterProgress, namespaceScope, openCluster, withClusterErrors, type ClusterRawOptions } from './cluster-options.js';

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'html', 'csv'] as const;
const RENDERERS: Record<(typeof FORMATS)[number], (result: VerifyResult, context: string) => string> = {
  text: renderVerifyText,
  json: renderVerifyJson,
  markdown: renderVerifyMarkdown,
  sarif: (result, context) => renderVerifySarif(result, context, toolVersion()),
  html: (result, context) => renderVerifyHtml(result, context, toolVersion()),
  csv: renderVerifyCsv,
};
type PlanPart = Pick<MigrationPlan, 'phase' | 'workloads' | 'serviceAccounts' | 'irsaWorkloads' | 'irsaServiceAccounts'> & Partial<Pick<MigrationPlan, 'federatedCredentials'>>;

/**
 * `verify`: after a rollout, checks each planned workload in the live cluster. The plan comes
 * from --plan (the JSON of `plan -f json` or `migrate --plan-out`, needed after cutover, when
 * the files no longer say what was migrated) or is computed from the paths.
 */
export async function verifyCommand(paths: string[], raw: ClusterRawOptions & { azure?: boolean; armEndpoint?: string }): Promise<number> {
  const options = resolveOptions(paths, raw, FORMATS);
  const namespace = namespaceScope(raw);
  let plan: PlanPart;
  let missingPaths: string[] = [];
  if (raw.plan !== undefined) plan = readPlanFile(raw.plan);
  else {
    const outcome = runOnPaths(options, process.cwd(), false);
    plan = outcome.result.plan;
    missingPaths = outcome.missingPaths;
  }
  // --render: the cluster runs what kustomize built, under the built names.
  plan = planAsBuilt(plan);
  if (namespace !== null) plan = inNamespace(plan, namespace);
  const phase: MigrationPhase = raw.phase === 'prepare' || raw.phase === 'cutover' ? raw.phase : plan.phase;
  const client = await openCluster(raw);
  const { hooks, progress } = clusterProgress(options.quiet);
  const read = await withClusterErrors(() => readCluster(client, { namespace, pods: 'all', hooks }));
  progress.done();
  const unread = new Set(read.kinds.filter((kind) => kind.status !== 'read').map((kind) => kind.kind));
  const azure = raw.azure === true ? await readAzureCredentials(plan, raw.armEndpoint) : undefined;
  const result = verifyRollout(plan, phase, { items: read.items, pods: read.pods, unread }, azure);
  emit(RENDERERS[options.format as (typeof FORMATS)[number]](result, client.context), options.output);
  reportMissingPaths(missingPaths);
  if (missingPaths.length > 0) return EXIT.usage;
  return result.passed ? EXIT.ok : EXIT.findings;
}

/** --namespace: only the workloads planned in that namespace are verified. */
function inNamespace(plan: PlanPart, namespace: string): PlanPart {
  return {
    ...plan,
    workloads: plan.workloads.filter((workload) => workload.ref.namespace === namespace),
    irsaWorkloads: plan.irsaWorkloads.filter((workload) => workload.ref.namespace === namespace),
  };
}

function readPlanFile(file: string): PlanPart {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`--plan ${file}: ${error instanceof Error ? error.message : String(error)}`, EXIT.usage);
  }
  // The whole report (plan -f json, --plan-out) or the plan alone.
  const plan = (typeof parsed === 'object' && parsed !== null && 'plan' in parsed ? (parsed as { plan: unknown }).plan : parsed) as Partial<PlanPart> | null;
  const lists = ['workloads', 'serviceAccounts', 'irsaWorkloads', 'irsaServiceAccounts'] as const;
  if (!plan || typeof plan !== 'object' || lists.some((key) => !Array.isArray(plan[key])) || (plan.phase !== 'prepare' && plan.phase !== 'cutover')) {
    throw new CliError(`--plan ${file}: not a wimigrate plan (expected the JSON of \`wimigrate plan -f json\` or \`migrate --plan-out\`, with plan.phase, plan.workloads, plan.serviceAccounts, plan.irsaWorkloads, plan.irsaServiceAccounts)`, EXIT.usage);
  }
  return plan as PlanPart;
}

/**
 * --azure: the credentials each managed identity of the plan has, through the same Azure client
 * as `federate` (loaded only here). A failure is kept per identity and fails its workloads' check;
 * the other identities are still read.
 */
async function readAzureCredentials(plan: PlanPart, armEndpoint: string | undefined): Promise<AzureCredentialState> {
  const { azureClient } = await import('../federate-azure.js');
  const client = await azureClient(armEndpoint);
  const identities = new Map<string, { subscriptionId: string; resourceGroup: string; name: string }>();
  for (const credential of plan.federatedCredentials ?? []) {
    const target = credential.target;
    if (target.kind === 'managed-identity') identities.set(target.resourceId.toLowerCase(), { subscriptionId: target.subscriptionId, resourceGroup: target.resourceGroup, name: target.identityName });
  }
  const state = new Map<string, { found: ReadonlySet<string> } | { error: string }>();
  await Promise.all(
    [...identities].map(async ([key, address]) => {
      try {
        const credentials = await client.listCredentials(address);
        state.set(key, { found: new Set(credentials.map((credential) => credentialKey(credential.issuer, credential.subject))) });
      } catch (error) {
        state.set(key, { error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return state;
}
