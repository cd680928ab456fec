/**
 * A stand-in for azure-workload-identity's mutating webhook (no image can run here): a real
 * admission webhook the API server calls over HTTPS, which injects what the project documents
 * into pods labelled `azure.workload.identity/use: "true"`: AZURE_FEDERATED_TOKEN_FILE and
 * AZURE_AUTHORITY_HOST, and the projected service account token for api://AzureADTokenExchange.
 * https://azure.github.io/azure-workload-identity/docs/installation/mutating-admission-webhook.html
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';

export const TOKEN_MOUNT = '/var/run/secrets/azure/tokens';

export interface InjectionWebhook {
  url: string;
  configuration: string;
  close(): Promise<void>;
}

export async function startInjectionWebhook(clusterDir: string): Promise<InjectionWebhook> {
  const server = https.createServer({ cert: readFileSync(path.join(clusterDir, 'server.crt')), key: readFileSync(path.join(clusterDir, 'server.key')) }, (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const review = JSON.parse(body) as { request: { uid: string; object: Pod } };
      const patch = injection(review.request.object);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: { uid: review.request.uid, allowed: true, ...(patch.length > 0 ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') } : {}) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mutate`;
  const caBundle = readFileSync(path.join(clusterDir, 'ca.crt')).toString('base64');
  const configuration = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: azure-wi-webhook-mutating-webhook-configuration
webhooks:
  - name: mutation.azure-workload-identity.io
    admissionReviewVersions: [v1]
    sideEffects: None
    failurePolicy: Fail
    timeoutSeconds: 10
    objectSelector:
      matchLabels:
        azure.workload.identity/use: "true"
    clientConfig:
      url: ${url}
      caBundle: ${caBundle}
    rules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [pods]
`;
  return { url, configuration, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Pod {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: { env?: unknown[]; volumeMounts?: unknown[] }[]; volumes?: unknown[] };
}

function injection(pod: Pod): unknown[] {
  if (pod.metadata?.labels?.['azure.workload.identity/use'] !== 'true') return [];
  const patch: unknown[] = [];
  const env = [
    { name: 'AZURE_FEDERATED_TOKEN_FILE', value: `${TOKEN_MOUNT}/azure-identity-token` },
    { name: 'AZURE_AUTHORITY_HOST', value: 'https://login.microsoftonline.com/' },
  ];
  (pod.spec?.containers ?? []).forEach((container, index) => {
    if (container.env) for (const entry of env) patch.push({ op: 'add', path: `/spec/containers/${index}/env/-`, value: entry });
    else patch.push({ op: 'add', path: `/spec/containers/${index}/env`, value: env });
    const mount = { name: 'azure-identity-token', mountPath: TOKEN_MOUNT, readOnly: true };
    if (container.volumeMounts) patch.push({ op: 'add', path: `/spec/containers/${index}/volumeMounts/-`, value: mount });
    else patch.push({ op: 'add', path: `/spec/containers/${index}/volumeMounts`, value: [mount] });
  });
  const volume = { name: 'azure-identity-token', projected: { sources: [{ serviceAccountToken: { path: 'azure-identity-token', expirationSeconds: 3600, audience: 'api://AzureADTokenExchange' } }] } };
  if (pod.spec?.volumes) patch.push({ op: 'add', path: '/spec/volumes/-', value: volume });
  else patch.push({ op: 'add', path: '/spec/volumes', value: [volume] });
  return patch;
}
