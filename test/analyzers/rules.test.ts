import { describe, expect, it } from 'vitest';
import { RULES, type AnalyzerOptions } from '../../src/analyzers/index.js';
import { loadAwsComponents } from '../../src/sources/load-aws-components.js';
import { loadHelmCharts } from '../../src/sources/load-helm-charts.js';
import { analyzeFiles, binding, deployment, identity, join } from '../helpers/manifests.js';

interface Case {
  name: string;
  files: Record<string, string>;
  options?: Partial<AnalyzerOptions>;
}
interface InvalidCase extends Case {
  /** Substrings of each expected message, in order, and the line of the first. */
  messages: string[];
  line?: number;
}

const one = (text: string) => ({ 'm.yaml': text });

const TABLES: Record<string, { valid: Case[]; invalid: InvalidCase[] }> = {
  'label-without-binding': {
    valid: [
      { name: 'bound label', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }))) },
      { name: 'cross-namespace by default', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'other', { aadpodidbinding: 'sel' }))) },
      {
        name: 'left in an immutable selector after cutover',
        files: one('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {aadpodidbinding: sel}\n  template:\n    metadata:\n      labels: {aadpodidbinding: sel, azure.workload.identity/use: "true"}\n    spec:\n      containers: [{name: a, image: b}]\n'),
      },
    ],
    invalid: [
      { name: 'no binding', files: one(deployment('web', 'a', { aadpodidbinding: 'nobody' })), messages: ['no AzureIdentityBinding has this selector'], line: 14 },
      {
        name: 'namespaced identity out of reach',
        files: one(join(identity('id', 'a', '  annotations:\n    aadpodidentity.k8s.io/Behavior: namespaced\n'), binding('b', 'a', 'id', 'sel'), deployment('web', 'other', { aadpodidbinding: 'sel' }))),
        messages: ['exist only in namespace a'],
      },
      {
        name: 'forceNamespaced',
        files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'other', { aadpodidbinding: 'sel' }))),
        options: { forceNamespaced: true },
        messages: ['exist only in namespace a'],
      },
      { name: 'binding to a missing identity', files: one(join(binding('b', 'a', 'ghost', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }))), messages: ['name no existing AzureIdentity'] },
    ],
  },
  'binding-without-identity': {
    valid: [{ name: 'identity exists', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'))) }],
    invalid: [
      { name: 'missing identity', files: one(binding('b', 'a', 'ghost', 'sel')), messages: ['names a/ghost'] },
      { name: 'identity in another namespace does not count', files: one(join(identity('id', 'z'), binding('b', 'a', 'id', 'sel'))), messages: ['names a/id'] },
    ],
  },
  'identity-never-bound': {
    valid: [{ name: 'bound', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'))) }],
    invalid: [{ name: 'unbound', files: one(identity('lonely', 'a')), messages: ['a/lonely is not used'], line: 1 }],
  },
  'identity-incomplete': {
    valid: [{ name: 'complete', files: one(identity('id', 'a')) }],
    invalid: [
      { name: 'no client id', files: one('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: x}\nspec:\n  type: 0\n  resourceID: /subscriptions/s/resourcegroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x\n'), messages: ['spec.clientID is missing'] },
      { name: 'bad type', files: one('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: x}\nspec:\n  type: 7\n  clientID: 9d1c3b5a-2e4f-4a6b-8c7d-1e2f3a4b5c01\n'), messages: ['spec.type is not 0, 1 or 2'] },
      {
        name: 'placeholder client id',
        files: one('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: x}\nspec:\n  type: 0\n  resourceID: /subscriptions/s/resourcegroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x\n  clientID: ${CLIENT_ID}\n'),
        messages: ['spec.clientID "${CLIENT_ID}" is a placeholder, not a client id'],
      },
    ],
  },
  'several-identities-on-selector': {
    valid: [{ name: 'one identity', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }))) }],
    invalid: [
      {
        name: 'two bindings, one selector',
        files: one(join(identity('one', 'a'), identity('two', 'a'), binding('b1', 'a', 'one', 'sel'), binding('b2', 'a', 'two', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }))),
        messages: ['receives 2 identities (a/one, a/two)'],
      },
    ],
  },
  'cross-namespace-binding': {
    valid: [{ name: 'same namespace', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'a', { aadpodidbinding: 'sel' }))) }],
    invalid: [
      { name: 'other namespace', files: one(join(identity('id', 'a'), binding('b', 'a', 'id', 'sel'), deployment('web', 'b', { aadpodidbinding: 'sel' }))), messages: ['gives a/id to Deployment b/web'] },
    ],
  },
  'label-in-immutable-selector': {
    valid: [{ name: 'label only in template', files: one(deployment('web', 'a', { aadpodidbinding: 'sel' })) }],
    invalid: [
      {
        name: 'label in matchLabels',
        files: one('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels:\n      aadpodidbinding: sel\n  template:\n    metadata:\n      labels:\n        aadpodidbinding: sel\n    spec:\n      containers: [{name: a, image: b}]\n'),
        messages: ['selects its pods by aadpodidbinding'],
        line: 7,
      },
    ],
  },
  'service-principal-identity': {
    valid: [{ name: 'managed identity', files: one(identity('id', 'a')) }],
    invalid: [
      {
        name: 'legacy capitalised type 1',
        files: one('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata: {name: sp, namespace: a}\nspec:\n  Type: 1\n  TenantID: t\n  ClientID: c\n  ClientPassword: {Name: s, Namespace: a}\n'),
        messages: ['a/sp is a service principal (type 1) whose secret becomes unnecessary'],
      },
    ],
  },
  'pod-identity-exception': {
    valid: [{ name: 'no exception', files: one(identity('id', 'a')) }],
    invalid: [
      { name: 'exception', files: one('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzurePodIdentityException\nmetadata: {name: mic, namespace: kube-system}\nspec:\n  podLabels:\n    app: mic\n'), messages: ['kube-system/mic (pod labels app=mic)'] },
    ],
  },
  'secret-provider-class-pod-identity': {
    valid: [{ name: 'workload identity mode', files: one('apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec:\n  provider: azure\n  parameters:\n    usePodIdentity: "false"\n    clientID: c\n') }],
    invalid: [
      { name: 'pod identity mode', files: one('apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata: {name: kv}\nspec:\n  provider: azure\n  parameters:\n    usePodIdentity: "true"\n'), messages: ['default/kv has usePodIdentity'], line: 7 },
    ],
  },
};

const irsaAccount = (name: string, namespace: string, extra = '') =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/${name}\n${extra}`;

TABLES['irsa-service-account'] = {
  valid: [
    { name: 'a look-alike prefix', files: one('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\n  annotations:\n    irsa.amazonaws.com/role-arn: arn:aws:iam::1:role/x\n') },
    { name: 'a commented-out annotation', files: one('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\n  # annotations:\n  #   eks.amazonaws.com/role-arn: arn:aws:iam::1:role/x\n') },
  ],
  invalid: [
    {
      name: 'named and default service accounts with their workloads',
      files: {
        'sa.yaml': join(irsaAccount('uploader', 'media'), irsaAccount('default', 'batch')),
        'apps.yaml': join(deployment('upload-api', 'media', {}, '      serviceAccountName: uploader\n'), deployment('thumbnailer', 'media', {}, '      serviceAccount: uploader\n'), deployment('nightly', 'batch', {})),
      },
      messages: ['media/uploader assumes arn:aws:iam::111122223333:role/uploader; 2 workload(s) run under it: Deployment upload-api, Deployment thumbnailer', 'batch/default assumes arn:aws:iam::111122223333:role/default; 1 workload(s) run under it: Deployment nightly'],
    },
  ],
};

TABLES['irsa-non-default-audience'] = {
  valid: [
    { name: 'no audience', files: one(irsaAccount('s', 'a')) },
    { name: 'the default audience', files: one(irsaAccount('s', 'a', '    eks.amazonaws.com/audience: sts.amazonaws.com\n')) },
  ],
  invalid: [{ name: 'another audience', files: one(irsaAccount('s', 'a', '    eks.amazonaws.com/audience: beta-sts.amazonaws.com\n')), messages: ['asks for token audience beta-sts.amazonaws.com'], line: 8 }],
};

TABLES['aws-web-identity-env'] = {
  valid: [{ name: 'other env', files: one(deployment('web', 'a', {}).replace('          image:', '          env:\n            - {name: AWS_REGION, value: eu-west-1}\n          image:')) }],
  invalid: [
    {
      name: 'hard-coded role and token file',
      files: one(deployment('web', 'a', {}).replace('          image:', '          env:\n            - name: AWS_ROLE_ARN\n              value: arn:aws:iam::1:role/x\n            - name: AWS_WEB_IDENTITY_TOKEN_FILE\n              value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n          image:')),
      messages: ['Deployment a/web sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE'],
    },
  ],
};

TABLES['values-identity-setting'] = {
  valid: [
    { name: 'values without identity settings', files: { 'values.yaml': 'replicaCount: 2\nserviceAccount:\n  create: true\n  name: app\n' } },
    { name: 'a disabled chart identity', files: { 'values.yaml': 'azureIdentity:\n  enabled: false\n  resourceID: x\n' } },
    { name: 'AGIC already on Workload ID', files: { 'values.yaml': 'armAuth:\n  type: workloadIdentity\n  identityClientID: abc\n' } },
  ],
  invalid: [
    {
      name: 'pod label, IRSA annotation and AGIC pod identity, at any depth',
      files: {
        'values.yaml':
          'podLabels:\n  aadpodidbinding: web\nworker:\n  serviceAccount:\n    annotations:\n      eks.amazonaws.com/role-arn: arn:aws:iam::1:role/worker\narmAuth:\n  type: aadPodIdentity\n  identityClientID: abc\n',
      },
      messages: ['podLabels.aadpodidbinding sets the pod label aadpodidbinding: web', 'worker.serviceAccount.annotations.eks.amazonaws.com/role-arn sets the IRSA role arn:aws:iam::1:role/worker', 'armAuth.type configures AGIC'],
      line: 2,
    },
  ],
};

const shipped = { awsComponents: loadAwsComponents() };
const withImage = (name: string, image: string) => deployment(name, 'kube-system', {}).replace(/image: .*/, `image: ${image}`);

const kustomization = (body: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
const roleArnOperation = '- op: add\n  path: /metadata/annotations/eks.amazonaws.com~1role-arn\n  value: arn:aws:iam::111122223333:role/ack\n';

TABLES['kustomize-identity-setting'] = {
  valid: [
    { name: 'namespace and files only', files: { 'k/kustomization.yaml': 'namespace: shop\nresources:\n  - sa.yaml\ncommonLabels:\n  team: shop\n' } },
    { name: "Flux's Kustomization is not kustomize's", files: one('apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\nspec:\n  commonMetadata:\n    labels: {aadpodidbinding: x}\n') },
    {
      name: 'an inline JSON 6902 patch of one named object is rewritten',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: ServiceAccount, name: ack}\n    patch: |-\n      - op: add\n        path: /metadata/annotations/eks.amazonaws.com~1role-arn\n        value: $(ROLE)\n') },
    },
    {
      name: 'a JSON 6902 patch file of one named object is rewritten',
      files: { 'k/kustomization.yaml': kustomization('patchesJson6902:\n  - target: {version: v1, kind: ServiceAccount, name: ack}\n    path: ack.yaml\n'), 'k/ack.yaml': roleArnOperation },
    },
    {
      name: 'a JSON 6902 patch that only removes the label, whatever its target',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: Deployment, name: "web-.*"}\n    patch: |-\n      - op: remove\n        path: /spec/template/metadata/labels/aadpodidbinding\n') },
    },
    { name: 'a list of operations no kustomization names means nothing', files: { 'k/kustomization.yaml': kustomization('resources: [sa.yaml]\n'), 'k/stray.yaml': roleArnOperation } },
  ],
  invalid: [
    { name: 'commonLabels', files: { 'k/kustomization.yaml': 'commonLabels:\n  aadpodidbinding: shop\n' }, messages: ['commonLabels sets aadpodidbinding: shop'], line: 2 },
    {
      name: 'a JSON 6902 patch file whose target name is a regular expression',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: ServiceAccount, name: "ack-.*"}\n    path: ack.yaml\n'), 'k/ack.yaml': `# by pattern\n${roleArnOperation}` },
      messages: ['a JSON 6902 patch (patches.0 of k/kustomization.yaml) sets eks.amazonaws.com/role-arn, but its target name ack-.* is a regular expression; it is not rewritten'],
      line: 2,
    },
    {
      name: 'an inline JSON 6902 patch selecting by label',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: Deployment, labelSelector: "team=shop"}\n    patch: |-\n      - op: add\n        path: /spec/template/metadata/labels/aadpodidbinding\n        value: shop\n') },
      messages: ['sets aadpodidbinding, but its target selects objects by label or annotation'],
      line: 5,
    },
    {
      name: 'a JSON 6902 operation into a list item or a copy',
      files: {
        'k/kustomization.yaml': kustomization('patchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: web}\n    path: web.json\n'),
        'k/web.json': '[{"op": "copy", "from": "/metadata/labels/team", "path": "/spec/template/metadata/labels/aadpodidbinding"}]',
      },
      messages: ['sets aadpodidbinding, but operation copy /spec/template/metadata/labels/aadpodidbinding is not read; that operation is not rewritten'],
      line: 1,
    },
    {
      name: 'an inline strategic-merge patch whose target selects other names',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: ServiceAccount, name: "(a|b)"}\n    patch: |-\n      apiVersion: v1\n      kind: ServiceAccount\n      metadata:\n        name: a\n        annotations:\n          eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/ab\n') },
      messages: ['an inline patch (patches.0.patch) sets eks.amazonaws.com/role-arn, but its target selects other objects than the one it names; it is not rewritten'],
      line: 5,
    },
    {
      name: 'an inline strategic-merge patch applied by label selector',
      files: { 'k/kustomization.yaml': kustomization('patches:\n  - target: {kind: Deployment, labelSelector: "team=shop"}\n    patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: any\n      spec:\n        template:\n          metadata:\n            labels:\n              aadpodidbinding: shop\n') },
      messages: ['an inline patch (patches.0.patch) sets aadpodidbinding, but its target selects other objects than the one it names'],
      line: 5,
    },
    {
      name: 'an inline patch with several documents',
      files: { 'k/kustomization.yaml': kustomization('patchesStrategicMerge:\n  - |-\n    apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: a\n      annotations:\n        eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/a\n    ---\n    apiVersion: v1\n    kind: ServiceAccount\n    metadata:\n      name: b\n') },
      messages: ['an inline patch (patchesStrategicMerge.0) sets eks.amazonaws.com/role-arn, but the string is not one manifest wimigrate can read (several documents, templating); it is not rewritten'],
      line: 4,
    },
  ],
};

const charts = { helmCharts: loadHelmCharts() };
const helmRelease = (chart: string, values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ${chart}, namespace: flux-system}\nspec:\n  chart:\n    spec: {chart: ${chart}}\n  values:\n${values}`;

TABLES['chart-identity-settings'] = {
  valid: [
    { name: 'AGIC already on Workload ID', files: one('armAuth:\n  type: workloadIdentity\n  identityClientID: 4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f\n'), options: charts },
    { name: 'a label alone does not make cert-manager values', files: one('podLabels:\n  aadpodidbinding: dns\n'), options: charts },
  ],
  invalid: [
    { name: 'AGIC on pod identity', files: one('armAuth:\n  type: aadPodIdentity\n  identityClientID: 4d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f\n'), options: charts, messages: ['Application Gateway Ingress Controller (AGIC) values: migrate will set armAuth.type (at cutover)'], line: 1 },
    { name: 'cert-manager by its release', files: one(helmRelease('cert-manager', '    podLabels: {aadpodidbinding: dns}\n')), options: charts, messages: ['cert-manager (Azure DNS solver) values at spec.values: migrate will set serviceAccount.labels'] },
    { name: 'cert-manager by its values file path', files: { 'charts/cert-manager/values.yaml': 'podLabels: {aadpodidbinding: dns}\n' }, options: charts, messages: ['cert-manager (Azure DNS solver) values'] },
    { name: 'an umbrella chart keeps KEDA under its name', files: one('keda:\n  podIdentity:\n    activeDirectory:\n      identity: keda\n'), options: charts, messages: ['KEDA (pod identity) values at keda'], line: 1 },
  ],
};

TABLES['aws-only-chart'] = {
  valid: [{ name: 'an Azure chart', files: one(helmRelease('external-dns', '    serviceAccount:\n      annotations: {eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/dns}\n')), options: charts }],
  invalid: [
    {
      name: 'the load balancer controller by its release',
      files: one(helmRelease('aws-load-balancer-controller', '    serviceAccount:\n      annotations: {eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/lbc}\n')),
      options: charts,
      messages: ['AWS Load Balancer Controller is AWS-only; on AKS it is replaced by Application Gateway for Containers'],
    },
  ],
};

TABLES['aws-only-component'] = {
  valid: [
    { name: 'an ordinary image', files: one(withImage('web', 'myregistry.azurecr.io/web:1.0')), options: shipped },
    { name: 'a component name only in the tag', files: one(withImage('web', 'myregistry.azurecr.io/web:aws-ebs-csi-driver')), options: shipped },
    { name: 'no table given', files: one(withImage('lbc', 'public.ecr.aws/eks/aws-load-balancer-controller:v2.7.1')) },
  ],
  invalid: [
    {
      name: 'the load balancer controller and the EBS CSI driver',
      files: one(join(withImage('lbc', 'public.ecr.aws/eks/aws-load-balancer-controller:v2.7.1'), withImage('ebs', 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver@sha256:abc'))),
      options: shipped,
      messages: ['kube-system/lbc runs aws-load-balancer-controller, which only works on AWS; on AKS use Application Gateway for Containers', 'kube-system/ebs runs aws-ebs-csi-driver'],
    },
  ],
};

describe('every rule has a table', () => {
  it('covers each rule id, and nothing else', () => {
    expect(Object.keys(TABLES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });
});

for (const [ruleId, table] of Object.entries(TABLES)) {
  describe(ruleId, () => {
    for (const testCase of table.valid) {
      it(`valid: ${testCase.name}`, () => {
        const { findings } = analyzeFiles(testCase.files, testCase.options);
        expect(findings.filter((finding) => finding.id === ruleId)).toEqual([]);
      });
    }
    for (const testCase of table.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const hits = analyzeFiles(testCase.files, testCase.options).findings.filter((finding) => finding.id === ruleId);
        expect(hits).toHaveLength(testCase.messages.length);
        testCase.messages.forEach((message, index) => expect(hits[index]?.message).toContain(message));
        if (testCase.line !== undefined) expect(hits[0]?.location.line).toBe(testCase.line);
      });
    }
  });
}
