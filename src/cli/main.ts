#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { CliError, EXIT } from './exit-codes.js';
import type { RawOptions } from './resolve-options.js';
import { PACKAGE_ROOT } from '../sources/package-root.js';
import { tuneEngine } from './tune-engine.js';

tuneEngine();

const version = (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;

type Action = (paths: string[], raw: RawOptions) => number | Promise<number>;

/** The report formats (src/reporters/registry.ts), listed here so that --help loads no reporter. */
const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'html', 'csv'] as const;

/** Options every file command shares. */
function withInputOptions(command: Command, formats: readonly string[]): Command {
  return command
    .argument('[paths...]', 'files or folders to read (YAML, JSON), or - for standard input', ['.'])
    .option('-c, --config <file>', 'project settings (default: wimigrate.yaml in the first folder or the working directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default(formats[0]))
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['error', 'warning', 'info', 'none']))
    .option('--default-namespace <namespace>', 'namespace of manifests that name none (default: default)')
    .option('--force-namespaced', 'MIC/NMI run with --forceNamespaced: bindings only match pods in their namespace')
    .option('--max-file-size <bytes>', 'skip files larger than this (default: 10 MiB)')
    .option('--migrations <dir>', 'a folder with your own migration tables (aws-components.yaml), added to the shipped ones')
    .option('--render', 'also analyze what `kubectl kustomize` (or `kustomize build`) builds from each kustomization folder')
    .option('--no-color', 'no colors even on a terminal (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'print only the report, no findings or summary on stderr');
}

function withPlanOptions(command: Command): Command {
  return command
    .option('--issuer <url>', "the cluster's OIDC issuer URL (az aks show --query oidcIssuerProfile.issuerUrl)")
    .option('--tenant-id <id>', 'Entra tenant id, written as azure.workload.identity/tenant-id')
    .addOption(new Option('--phase <phase>', 'prepare: Workload ID beside pod identity; cutover: remove pod identity').choices(['prepare', 'cutover']))
    .option('--service-account-name <template>', 'name of created service accounts; {identity}, {workload}, {namespace} (default: {identity}-wi)')
    .option('--proxy-sidecar', 'add the migration proxy sidecar annotation (apps on old SDKs; see README)')
    .option('--identity-map <file>', 'IRSA: the managed identity of each IAM role (YAML or JSON; see README)')
    .option('--subscription-id <id>', 'IRSA: subscription of the managed identities planned for unmapped roles')
    .option('--identity-resource-group <name>', 'IRSA: resource group of the managed identities planned for unmapped roles')
    .option('--identity-location <region>', 'IRSA: Azure region of the managed identities planned for unmapped roles')
    .option('--trust-policies <paths...>', 'IRSA: aws iam get-role (or list-roles) JSON files or folders; wildcard subjects become one credential per service account')
    .option('--pod-identity-associations <paths...>', 'EKS Pod Identity: aws eks describe-pod-identity-association JSON files or folders, migrated like IRSA')
    .option('--aws-permissions <dir>', 'IRSA: <dir>/<role-name>/ with the role\'s IAM policies as JSON; suggests Azure role assignments');
}

/** Options of the commands that read a live cluster. */
function withClusterOptions(command: Command): Command {
  return command
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('-n, --namespace <namespace>', 'read only this namespace (default: all namespaces)')
    .option('-A, --all-namespaces', 'read every namespace (the default)');
}

/** Commands load their modules only when run, so start-up stays small. */
function lazy(load: () => Promise<Action>): (paths: string[], raw: RawOptions) => Promise<void> {
  return async (paths, raw) => {
    const action = await load();
    process.exitCode = await action(paths, raw);
  };
}

export function buildProgram(): Command {
  const program = new Command('wimigrate')
    .description('Migrate Kubernetes workloads from AAD Pod Identity and EKS IRSA to Microsoft Entra Workload ID')
    .version(version)
    .showHelpAfterError('(run wimigrate --help for usage)')
    .exitOverride();

  const scan = withClusterOptions(withInputOptions(program.command('scan').description('inventory of pod identity and IRSA use, with findings'), REPORT_FORMATS))
    .option('--cluster', 'read the live cluster of the kubeconfig (read-only); with paths, also compare it with the files')
    .option('--issuer <url>', "with --cluster: the OIDC issuer for the plan (default: the cluster's own)")
    .option('--code <paths...>', 'also analyze application code (see the code command) and link each workload to the code at risk');
  scan.action(
    // scan on files must not load the cluster client: the cluster module is imported only for --cluster.
    lazy(async () => (paths, raw) =>
      (raw as { cluster?: boolean }).cluster === true
        ? import('./cluster/scan-cluster-command.js').then((module) => module.scanClusterCommand(paths, raw, scan.args.length > 0))
        : import('./scan-command.js').then((module) => module.scanCommand(paths, raw)),
    ),
  );
  withPlanOptions(withInputOptions(program.command('plan').description('the migration plan: service accounts, managed identities for IAM roles, federated credentials, manual steps'), REPORT_FORMATS)).action(
    lazy(async () => (await import('./plan-command.js')).planCommand),
  );
  withPlanOptions(withInputOptions(program.command('migrate').description('rewrite manifests for Workload ID; a diff preview unless --write or --out-dir'), ['diff', ...REPORT_FORMATS]))
    .option('--write', 'change the files in place (atomically)')
    .option('--out-dir <dir>', 'write a migrated copy of the tree to this folder')
    .option('--plan-out <file>', 'also write the plan and report as JSON to this file')
    .option('--validate-server', 'send each rewritten object to the API server of the kubeconfig as a server-side dry run (dryRun=All)')
    .option('--context <name>', 'with --validate-server: kubeconfig context (default: the current one)')
    .option('--kubeconfig <file>', 'with --validate-server: kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .action(
      lazy(async () => (paths, raw) =>
        (raw as { validateServer?: boolean }).validateServer === true
          ? import('./cluster/validate-server.js').then((module) => module.migrateValidateCommand(paths, raw))
          : import('./migrate-command.js').then((module) => module.migrateCommand(paths, raw)),
      ),
    );
  withClusterOptions(withPlanOptions(withInputOptions(program.command('verify').description('after a rollout: check each planned workload in the live cluster (exit 1 on failure)'), REPORT_FORMATS)))
    .option('--plan <file>', 'the plan as JSON (plan -f json, or migrate --plan-out); default: planned from the paths')
    .option('--azure', 'also check that the planned federated credentials exist in Azure (az login, or WIMIGRATE_ARM_ACCESS_TOKEN)')
    .option('--arm-endpoint <url>', 'with --azure: Azure Resource Manager endpoint (default https://management.azure.com)')
    .action(lazy(async () => (await import('./cluster/verify-command.js')).verifyCommand));
  withPlanOptions(withInputOptions(program.command('federate').description('federated identity credentials of the plan: compare with Azure, create them (--apply), or emit them as code (--emit)'), ['table', 'json', 'markdown', 'sarif', 'html', 'csv']))
    .option('--plan <file>', 'the plan as JSON (plan --format json, or migrate --plan-out) instead of reading paths')
    .option('--aks-cluster <file>', 'AKS-managed pod identity: the JSON of `az aks show`, read as identities, bindings and exceptions')
    .option('--subscription <id>', 'the subscription of identities planned for IAM roles (as --subscription-id)')
    .option('--apply', 'create the missing identities and credentials in Azure')
    .option('--prune', 'with --apply: delete credentials wimigrate made that the plan no longer has (asks unless --yes)')
    .option('--yes', 'do not ask before --prune deletes')
    .option('--emit <kind>', 'write the credentials as code: az, bicep, terraform, arm (needs --out; no Azure access unless --apply)')
    .option('--out <dir>', 'folder for --emit')
    .option('--concurrency <n>', 'identities worked on at once (default 4); writes to one identity are always one at a time')
    .option('--journal <file>', `with --apply: the journal of each step (default ${'.wimigrate-federate-journal.jsonl'})`)
    .option('--arm-endpoint <url>', 'Azure Resource Manager endpoint (default https://management.azure.com; sovereign clouds differ)')
    .action(async (paths: string[], raw: RawOptions) => {
      const { federateCommand } = await import('./federate-command.js');
      process.exitCode = await federateCommand(paths, raw);
    });
  withPlanOptions(withInputOptions(program.command('pr').description('commit the migration to a branch (wimigrate/<phase>) and open or update its pull request'), ['markdown', 'json']))
    .option('--branch <name>', 'the branch to commit to (default: wimigrate/<phase>)')
    .option('--base <branch>', 'the branch the pull request goes into (default: the current branch)')
    .option('--remote <name>', 'the git remote to push to (default: origin)')
    .option('--push', 'push the branch (--github pushes too)')
    .option('--github <owner/repo>', 'push and open or update the pull request on GitHub (token in GITHUB_TOKEN)')
    .option('--github-api-url <url>', 'GitHub API URL, for GitHub Enterprise Server (default: GITHUB_API_URL or https://api.github.com)')
    .option('--label <labels...>', 'labels to put on the pull request')
    .option('--draft', 'open the pull request as a draft')
    .option('--reviewer <logins...>', 'reviewers to request: users, or teams as org/team')
    .option('--credential-code <kinds...>', 'code in the body that creates the federated credentials: az, bicep, terraform, arm, or none (default: az)')
    .action(lazy(async () => (await import('./pr-command.js')).prCommand));
  program
    .command('code')
    .description('application code that breaks under Workload ID (SDK versions, credentials, IMDS calls, IRSA); codemods as a diff unless --write')
    .argument('[paths...]', 'source folders or files (JavaScript, TypeScript, and dependency files of any language)', ['.'])
    .option('-c, --config <file>', 'project settings (default: wimigrate.yaml in the first folder or the working directory)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['diff', 'json', 'text', 'markdown', 'sarif', 'html', 'csv']).default('diff'))
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['error', 'warning', 'info', 'none']))
    .addOption(new Option('--credential <credential>', 'what new ManagedIdentityCredential(clientId) becomes').choices(['workload', 'default']).default('workload'))
    .addOption(new Option('--phase <phase>', 'cdk8s/Pulumi objects: prepare adds Workload ID beside pod identity and IRSA; cutover also removes them').choices(['prepare', 'cutover']))
    .option('--identity-map <file>', 'IRSA: the managed identity of each IAM role, for client ids in cdk8s/Pulumi annotations')
    .option('--migrations <dir>', 'a folder with your own sdk-minimums.yaml / aws-service-clients.yaml, added to the shipped ones')
    .option('--max-file-size <bytes>', 'skip files larger than this (default: 10 MiB)')
    .option('--write', 'change the files in place (atomically)')
    .option('--no-color', 'no colors even on a terminal (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'print only the diff, no findings or summary on stderr')
    .action(lazy(async () => (await import('./code-command.js')).codeCommand));
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander already printed its message.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof CliError) {
      process.stderr.write(`wimigrate: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`wimigrate: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.external;
    }
  }
}

await main(process.argv);
