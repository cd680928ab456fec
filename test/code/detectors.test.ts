/** Each detector by valid (no finding) and invalid (findings at line:col) tables, typescript-eslint style. */
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { CODE_DETECTORS } from '../../src/analyzers/code/index.js';
import { loadSdkTables } from '../../src/sources/code/load-sdk-tables.js';

const tables = loadSdkTables();
const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noLib: true } });

function run(detectorId: string, code: string, file = 'app.ts'): string[] {
  const detector = CODE_DETECTORS.find((candidate) => candidate.id === detectorId)!;
  const source = project.createSourceFile(`/${file}`, code, { overwrite: true });
  return detector.detect(source, { file, tables }).map((finding) => `${finding.location.line}:${finding.location.col} ${finding.id}`);
}

type Table = { valid: string[]; invalid: [string, string[]][] };

const TABLES: Record<string, Table> = {
  'managed-identity-credential': {
    valid: ["import { ManagedIdentityCredential as Msi } from '@azure/identity';\nconst c = new Other();", 'new WorkloadIdentityCredential({ clientId })', 'new DefaultAzureCredential()', "new ManagedIdentityCredential({ resourceId: '/subscriptions/x' })", 'const ManagedIdentityCredential = 1;'],
    invalid: [
      ['const c = new ManagedIdentityCredential();', ['1:11 managed-identity-credential']],
      ["const c = new ManagedIdentityCredential('id');", ['1:11 managed-identity-credential']],
      ['const c = new identity.ManagedIdentityCredential({ clientId: id });', ['1:11 managed-identity-credential']],
      ['const c = new ManagedIdentityCredential(...args);', ['1:11 managed-identity-credential']],
      ["import { ManagedIdentityCredential as Msi } from '@azure/identity';\nconst c = new Msi('id');", ['2:11 managed-identity-credential']],
      ["const { ManagedIdentityCredential: Msi } = require('@azure/identity');\nconst c = new Msi();", ['2:11 managed-identity-credential']],
    ],
  },
  'identity-by-resource-id': {
    valid: ["new ManagedIdentityCredential('client')", "new DefaultAzureCredential({ managedIdentityClientId: 'x' })", "const resourceId = 'x';"],
    invalid: [
      ['new ManagedIdentityCredential({ resourceId: rid });', ['1:1 identity-by-resource-id']],
      ['new DefaultAzureCredential({\n  managedIdentityResourceId: rid,\n});', ['1:1 identity-by-resource-id']],
      ["fetch(`${IMDS}?resource=x&msi_res_id=${rid}`);", ['1:7 identity-by-resource-id']],
      ['const params = { mi_res_id: rid };', ['1:18 identity-by-resource-id']],
    ],
  },
  'imds-token-call': {
    valid: ["const url = 'http://169.254.169.254/latest/meta-data/';", "const s = 'metadata';"],
    invalid: [
      ["await fetch('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=x');", ['1:13 imds-token-call']],
      ["const host = '169.254.169.254';\nconst path = '/metadata/identity/oauth2/token';", ['1:14 imds-token-call', '2:14 imds-token-call']],
      ['const url = `http://${host}/metadata/identity/oauth2/token?resource=${r}`;', ['1:13 imds-token-call']],
    ],
  },
  'legacy-msi-auth': {
    valid: ["if (process.env.AZURE_AUTH_METHOD === 'workload') {}", 'login()'],
    invalid: [
      ['const creds = await msRestNodeAuth.loginWithVmMSI();', ['1:21 legacy-msi-auth']],
      ['const creds = new MSIVmTokenCredentials({});', ['1:15 legacy-msi-auth']],
      ["if (process.env.AZURE_AUTH_METHOD === 'msi') {}", ['1:5 legacy-msi-auth']],
      ["const env = [{ name: 'AZURE_AUTH_METHOD', value: 'MSI' }];", ['1:14 legacy-msi-auth']],
      ["const line = 'AZURE_AUTH_METHOD=msi';", ['1:14 legacy-msi-auth']],
    ],
  },
  'hard-coded-token-path': {
    valid: ["const f = '/var/run/secrets/azure/wi/token/azure-identity-token';", 'const f = process.env.AZURE_FEDERATED_TOKEN_FILE;'],
    invalid: [
      ["const f = '/var/run/secrets/azure/tokens/azure-identity-token';", ['1:11 hard-coded-token-path']],
      ['const f = `/var/run/secrets/azure/tokens/azure-identity-token`;', ['1:11 hard-coded-token-path']],
    ],
  },
  'aws-web-identity-code': {
    valid: ['const c = fromEnv();', 'new S3Client({})'],
    invalid: [
      ['const c = fromTokenFile({ roleSessionName: "x" });', ['1:11 aws-web-identity-code']],
      ['const c = fromWebToken({ roleArn, webIdentityToken });', ['1:11 aws-web-identity-code']],
      ['AWS.config.credentials = new AWS.TokenFileWebIdentityCredentials();', ['1:26 aws-web-identity-code']],
      ['await sts.send(new AssumeRoleWithWebIdentityCommand(input));', ['1:16 aws-web-identity-code']],
      ['sts.assumeRoleWithWebIdentity(params, done);', ['1:1 aws-web-identity-code']],
    ],
  },
  'aws-service-client': {
    valid: ["import { DefaultAzureCredential } from '@azure/identity';", "import { fromEnv } from '@aws-sdk/credential-providers';", 'const s3 = new Foo.S3();'],
    invalid: [
      ["import { S3Client } from '@aws-sdk/client-s3';\nimport { GetObjectCommand } from '@aws-sdk/client-s3';", ['1:1 aws-service-client']],
      ["const { SQSClient } = require('@aws-sdk/client-sqs');", ['1:23 aws-service-client']],
      ["import AWS from 'aws-sdk';\nconst db = new AWS.DynamoDB();", ['2:12 aws-service-client']],
      ["import S3 from 'aws-sdk/clients/s3';", ['1:1 aws-service-client']],
      ["import { BedrockClient } from '@aws-sdk/client-bedrock';", ['1:1 aws-service-client']],
    ],
  },
  'manifest-in-code': {
    valid: [
      "const labels = { app: 'a', aadpodidbinding: 'x', 'azure.workload.identity/use': 'true' };",
      "const spec = { selector: { matchLabels: { aadpodidbinding: 'x' } } };",
      "const a = { annotations: { 'eks.amazonaws.com/role-arn': arn, 'azure.workload.identity/client-id': id } };",
    ],
    invalid: [
      ["const m = { labels: {\n  aadpodidbinding: 'orders' } };", ['2:3 pod-identity-label-in-code']],
      ["const m = { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' } };", ['1:28 irsa-annotation-in-code']],
    ],
  },
};

describe.each(Object.entries(TABLES))('%s', (id, table) => {
  it('is a shipped detector', () => {
    expect(CODE_DETECTORS.map((detector) => detector.id)).toContain(id);
  });
  it.each(table.valid)('valid: %s', (code) => {
    expect(run(id, code)).toEqual([]);
  });
  it.each(table.invalid)('invalid: %s', (code, expected) => {
    expect(run(id, code)).toEqual(expected);
  });
});

describe('every detector has a table', () => {
  it.each(CODE_DETECTORS.map((detector) => detector.id))('%s', (id) => {
    expect(TABLES[id]?.invalid.length ?? 0).toBeGreaterThan(0);
  });
});

it('the aws-service-client message names the Azure counterpart', () => {
  const source = project.createSourceFile('/s.ts', "import { S3Client } from '@aws-sdk/client-s3';", { overwrite: true });
  const [finding] = CODE_DETECTORS.find((detector) => detector.id === 'aws-service-client')!.detect(source, { file: 's.ts', tables });
  expect(finding?.message).toContain('Azure Blob Storage');
});
