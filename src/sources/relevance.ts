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
const RELEVANT = /aadpodid|AzureIdentity|AzureAssignedIdentity|AzurePodIdentityException|podIdentity|useManagedIdentityExtension|eks\.amazonaws\.com|AWS_ROLE_ARN|AWS_WEB_IDENTITY_TOKEN_FILE|wimigrate-pending|serviceAccount/i;
const POD_IDENTITY = /aadpodid|AzureIdentity|AzureAssignedIdentity|AzurePodIdentityException|podIdentity|useManagedIdentityExtension|eks\.amazonaws\.com|AWS_ROLE_ARN|AWS_WEB_IDENTITY_TOKEN_FILE|wimigrate-pending/i;

export function mayBeRelevant(text: string): boolean {
  return RELEVANT.test(text);
}

const withAlsoRead = new WeakMap<RegExp, RegExp>();

/**
 * One pattern for "relevant, or one of `alsoRead`", to skip the many documents that are neither
 * in a single scan of their text. It may say yes where neither does (it ignores case for both);
 * the two are tested apart only then.
 */
export function mayBeRelevantOrAlso(alsoRead: RegExp | undefined): RegExp {
  if (!alsoRead) return RELEVANT;
  let either = withAlsoRead.get(alsoRead);
  if (!either) {
    either = new RegExp(`${RELEVANT.source}|${alsoRead.source}`, 'i');
    withAlsoRead.set(alsoRead, either);
  }
  return either;
}

/** Pod identity and IRSA themselves: always read. */
export function mentionsPodIdentity(text: string): boolean {
  return POD_IDENTITY.test(text);
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
  const names = [...text.matchAll(NAME)].map((match) => match[1] ?? '');
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
