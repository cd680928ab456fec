import type { Finding, Severity } from '../model/finding.js';
import type { RuleDescriptor } from '../pipeline/rule-catalog.js';

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule wimigrate knows (with its advice as
 * help text), one result per finding at its file, line and column.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export interface SarifOptions {
  toolVersion: string;
  rules: readonly RuleDescriptor[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** What SARIF needs of a command's outcome: the `Report` of scan/plan/migrate fits, and so do verify, federate and code. */
export interface SarifInput {
  command: string;
  findings: readonly Finding[];
}

export function renderSarif(report: SarifInput, options: SarifOptions): string {
  // A finding id missing from the catalog (a newer producer) still gets a rule entry.
  const known = new Set(options.rules.map((rule) => rule.id));
  const extra = [...new Set(report.findings.map((finding) => finding.id))].filter((id) => !known.has(id));
  const rules = [...options.rules, ...extra.map((id) => ruleFromFinding(report.findings.find((finding) => finding.id === id)!))];
  const index = new Map(rules.map((rule, at) => [rule.id, at]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'wimigrate',
            version: options.toolVersion,
            rules: rules.map(sarifRule),
          },
        },
        automationDetails: { id: `wimigrate/${report.command}/` },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => sarifResult(finding, index.get(finding.id) ?? 0, rules)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(rule: RuleDescriptor): object {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.title },
    help: { text: rule.fix, markdown: `**What to do:** ${rule.fix}` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['workload-identity', 'migration'] },
  };
}

function sarifResult(finding: Finding, ruleIndex: number, rules: readonly RuleDescriptor[]): object {
  // The rule's help says what to do in general; a finding that knows better says it in its message.
  const general = rules[ruleIndex]?.fix;
  const text = finding.fix && finding.fix !== general ? `${finding.message}\nFix: ${finding.fix}` : finding.message;
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.location.file),
          region: { startLine: Math.max(1, finding.location.line), startColumn: Math.max(1, finding.location.col) },
        },
      },
    ],
  };
}

function ruleFromFinding(finding: Finding): RuleDescriptor {
  return { id: finding.id, severity: finding.severity, title: finding.id, fix: finding.fix };
}

/**
 * Files inside the scanned tree are relative to the source root (what code scanning resolves
 * against the repository); a file outside it gets an absolute file URI. Segments are
 * percent-encoded (spaces, #, %...).
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const forward = file.replaceAll('\\', '/');
  // A cluster reference (k8s://context/namespace/Kind/name) is already an absolute URI.
  const scheme = /^([a-z][a-z0-9+.-]+):\/\/(.*)$/i.exec(forward);
  if (scheme && scheme[1]!.toLowerCase() !== 'file') return { uri: `${scheme[1]}://${scheme[2]!.split('/').map(encodeURIComponent).join('/')}` };
  const encoded = forward.split('/').map((segment) => (/^[a-zA-Z]:$/.test(segment) ? segment : encodeURIComponent(segment))).join('/');
  if (forward.startsWith('/')) return { uri: `file://${encoded}` };
  if (/^[a-zA-Z]:\//.test(forward)) return { uri: `file:///${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
