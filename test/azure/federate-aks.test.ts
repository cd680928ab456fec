/** AKS-managed pod identity: `az aks show` JSON as a source of identities and bindings, offline. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const FIXTURE = path.join(import.meta.dirname, 'emit-golden/mixed/aks-cluster.json');

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: orders
spec:
  selector:
    matchLabels: {app: orders-api}
  template:
    metadata:
      labels:
        app: orders-api
        aadpodidbinding: orders-api
    spec:
      containers:
        - name: api
          image: example.azurecr.io/orders-api:1.4.2
`;

describe('federate --aks-cluster', () => {
  it('plans credentials for workloads labelled with an AKS-managed binding selector, with the cluster issuer, and prints the cutover commands', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-aks-'));
    mkdirSync(path.join(repo, 'apps'));
    writeFileSync(path.join(repo, 'apps/orders.yaml'), DEPLOYMENT);
    cpSync(FIXTURE, path.join(repo, 'aks.json'));
    // The cluster file sits in the scanned folder: it is read as the cluster, not as a manifest.
    const run = await runCli(['federate', '.', '--aks-cluster', 'aks.json', '--emit', 'az', '--out', 'out', '--format', 'json'], { cwd: repo });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { mode: string; identities: { name: string; credentials: { name: string; issuer: string; subject: string; serves: string }[] }[]; aksCutover: { cluster: string; commands: string[] } };
    expect(report.mode).toBe('offline');
    expect(report.identities).toHaveLength(1);
    expect(report.identities[0]!.name).toBe('id-orders');
    expect(report.identities[0]!.credentials).toEqual([
      {
        name: 'wimigrate-orders-orders-wi',
        issuer: 'https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/',
        subject: 'system:serviceaccount:orders:orders-wi',
        audiences: ['api://AzureADTokenExchange'],
        serves: 'ServiceAccount orders/orders-wi (AzureIdentity orders/orders)',
        state: 'planned',
        detail: null,
      },
    ]);
    expect(report.aksCutover.commands).toEqual([
      'az aks pod-identity delete --resource-group rg-aks --cluster-name aks-prod --namespace orders --name orders',
      'az aks pod-identity exception delete --resource-group rg-aks --cluster-name aks-prod --namespace kube-system --name kured',
      'az aks update --resource-group rg-aks --name aks-prod --disable-pod-identity',
    ]);
    expect(readFileSync(path.join(repo, 'out/aks-pod-identity-cutover.sh'), 'utf8')).toContain('az aks pod-identity delete');
    expect(readFileSync(path.join(repo, 'out/federated-credentials.sh'), 'utf8')).toContain('wimigrate-orders-orders-wi');
  });

  it('a broken cluster file is exit 2 naming file and line', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-aks-'));
    writeFileSync(path.join(repo, 'aks.json'), '{\n  "name": "c",\n  "resourceGroup": "rg",\n  "podIdentityProfile": []\n}\n');
    const run = await runCli(['federate', '.', '--aks-cluster', 'aks.json', '--emit', 'az', '--out', 'out'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('aks.json:4:25: podIdentityProfile must be an object');
  });
});
