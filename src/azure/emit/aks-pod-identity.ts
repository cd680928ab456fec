/**
 * Cutover of AKS-managed pod identity (`az aks pod-identity`): the commands that remove each
 * pod identity and exception from the cluster's podIdentityProfile, then turn the add-on off.
 * Run only after the workloads run on Workload ID. Pure.
 */
import type { AksPodIdentityProfile } from '../../sources/read-aks-cluster.js';
import { shellWord, type EmittedFile } from './emitted-file.js';

export function aksPodIdentityCommands(profile: AksPodIdentityProfile): string[] {
  const where = `--resource-group ${shellWord(profile.resourceGroup)} --cluster-name ${shellWord(profile.clusterName)}`;
  return [
    ...profile.identities.map((identity) => `az aks pod-identity delete ${where} --namespace ${shellWord(identity.namespace)} --name ${shellWord(identity.name)}`),
    ...profile.exceptions.map((exception) => `az aks pod-identity exception delete ${where} --namespace ${shellWord(exception.namespace)} --name ${shellWord(exception.name)}`),
    `az aks update --resource-group ${shellWord(profile.resourceGroup)} --name ${shellWord(profile.clusterName)} --disable-pod-identity`,
  ];
}

export function emitAksPodIdentityCutover(profile: AksPodIdentityProfile): EmittedFile[] {
  const lines = [
    '#!/usr/bin/env bash',
    `# Cutover of AKS-managed pod identity on cluster ${profile.clusterName}: run only once every workload`,
    '# below runs on Workload ID (federated credentials created and propagated, pods restarted).',
    'set -euo pipefail',
    '',
    ...aksPodIdentityCommands(profile),
  ];
  return [{ path: 'aks-pod-identity-cutover.sh', text: `${lines.join('\n')}\n` }];
}
