/**
 * Words that a document must contain to matter to any analyzer. Documents without them are
 * never parsed, which is what keeps a scan of a large GitOps repository fast: most documents
 * (Services, ConfigMaps, Ingresses...) are skipped after one regular-expression test.
 *
 * - pod identity: the CRD kinds and group, the `aadpodidbinding` label, SecretProviderClass
 *   `usePodIdentity`, KEDA's `podIdentity`, external-dns' `useManagedIdentityExtension`;
 * - EKS IRSA: `eks.amazonaws.com/` annotations and the web identity env the webhook injects,
 *   and the placeholder client id an earlier run left for an identity not created yet;
 * - service accounts: ServiceAccount documents and workloads that name one, because a service
 *   account may only be reused when every workload running under it maps to one identity.
 */
const POD_IDENTITY_WORDS = 'aadpodid|AzureIdentity|AzureAssignedIdentity|AzurePodIdentityException|podIdentity|useManagedIdentityExtension|eks\\.amazonaws\\.com|AWS_ROLE_ARN|AWS_WEB_IDENTITY_TOKEN_FILE|wimigrate-pending';
const RELEVANT = new RegExp(`${POD_IDENTITY_WORDS}|serviceAccount`, 'i');
const POD_IDENTITY = new RegExp(POD_IDENTITY_WORDS, 'i');

export function mayBeRelevant(text: string): boolean {
  return RELEVANT.test(text);
}

/** Pod identity and IRSA themselves: always read. */
export function mentionsPodIdentity(text: string): boolean {
  return POD_IDENTITY.test(text);
}

/**
 * What a text mentions, strongest first: pod identity or IRSA, one of the `alsoRead` words
 * (matched as `alsoRead` matches, case and all), only service accounts, or nothing.
 */
export type Mention = 'pod-identity' | 'also-read' | 'service-account' | null;

const scanners = new WeakMap<RegExp, RegExp>();
const WITHOUT_ALSO_READ = new RegExp(`(${POD_IDENTITY_WORDS})|(serviceAccount)`, 'gi');

/**
 * mentionsPodIdentity, `alsoRead` and mayBeRelevant in one scan of the text that stops at the
 * first word that decides: most documents are scanned once to their end, and those about pod
 * identity only up to their first such word.
 */
export function mentionOf(text: string, alsoRead: RegExp | undefined): Mention {
  let scanner = WITHOUT_ALSO_READ;
  if (alsoRead) {
    scanner = scanners.get(alsoRead) ?? new RegExp(`(${POD_IDENTITY_WORDS})|(serviceAccount)|(${alsoRead.source})`, 'gi');
    scanners.set(alsoRead, scanner);
  }
  scanner.lastIndex = 0;
  let serviceAccount = false;
  for (let match = scanner.exec(text); match !== null; match = scanner.exec(text)) {
    if (match[1] !== undefined) return 'pod-identity';
    if (match[2] !== undefined) serviceAccount = true;
    // The scan ignores case for every word; the `alsoRead` words count as `alsoRead` says.
    else if (alsoRead?.test(match[0])) return 'also-read';
  }
  return serviceAccount ? 'service-account' : null;
}

/** Anchors, aliases, merge keys and templating hide names from a text search. */
const HIDES_NAMES = /[&*]\w|<<\s*:|\{\{|%\{|\$\{/;
const NAME = /\b(?:name|serviceAccountName|serviceAccount)["']?[ \t]*:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9.-]*)/g;

/**
 * The names a document that only mentions service accounts could be about (its own name, the
 * service account its pods run under), found by a text search; null when the text could hide
 * one, and the document must be read to know.
 */
export function serviceAccountNamesIn(text: string): string[] | null {
  if (HIDES_NAMES.test(text)) return null;
  const names: string[] = [];
  NAME.lastIndex = 0;
  for (let match = NAME.exec(text); match !== null; match = NAME.exec(text)) names.push(match[1] ?? '');
  return names.length > 0 ? names : null;
}

/** The lines (1-based, counted from `firstLine`) that a person must look at in a template. */
export function relevantLines(text: string, firstLine = 1): number[] {
  const lines: number[] = [];
  let lineNumber = firstLine;
  for (const line of text.split('\n')) {
    if (RELEVANT.test(line)) lines.push(lineNumber);
    lineNumber++;
  }
  return lines;
}

// Where template actions make a document a template: see src/yaml/templating.ts.
export { hasTemplateActions } from '../yaml/templating.js';
