// A synthetic TypeScript monorepo for `wimigrate code`: `services/svc-NN/` with a package.json and
// `src/**/*.ts` modules of 40 to 120 lines (interfaces, classes, functions, imports, comments).
// About a quarter of the files mention something the detectors look for (ManagedIdentityCredential
// with a client id, the old token path, AWS SDK clients and web-identity credentials, cdk8s
// labels, IMDS calls, resource ids); the rest are ordinary code. Deterministic: a seeded PRNG
// (mulberry32), same options, same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['order', 'invoice', 'customer', 'payment', 'report', 'shipment', 'catalog', 'account', 'ledger', 'session', 'upload', 'search', 'audit', 'quota', 'tenant'];

function plainModule(random, name, lines) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [`import { logger } from '../util/logger';`, `import type { Context } from '../types';`, ''];
  let index = 0;
  while (out.length < lines) {
    const word = pick(WORDS);
    const type = `${word[0].toUpperCase()}${word.slice(1)}${index}`;
    out.push(
      `/** A ${word} as the ${name} module stores it. */`,
      `export interface ${type} {`,
      `  id: string;`,
      `  ${word}Count: number;`,
      `  createdAt: Date;`,
      `  tags?: readonly string[];`,
      `}`,
      '',
      `export class ${type}Repository {`,
      `  private readonly items = new Map<string, ${type}>();`,
      '',
      `  constructor(private readonly context: Context) {}`,
      '',
      `  async find(id: string): Promise<${type} | undefined> {`,
      `    logger.debug('find ${word}', { id, tenant: this.context.tenant });`,
      `    return this.items.get(id);`,
      `  }`,
      '',
      `  save(item: ${type}): void {`,
      `    if (item.${word}Count < 0) throw new Error(\`invalid ${word} \${item.id}\`);`,
      `    this.items.set(item.id, { ...item, tags: [...(item.tags ?? []), '${name}'] });`,
      `  }`,
      `}`,
      '',
      `export function total${type}(items: ${type}[]): number {`,
      `  return items.reduce((sum, item) => sum + item.${word}Count, 0);`,
      `}`,
      '',
    );
    index++;
  }
  return out;
}

const SPECIALS = [
  { share: 0.08, lines: () => [`import { ManagedIdentityCredential } from '@azure/identity';`, '', `export const credential = new ManagedIdentityCredential(process.env.APP_CLIENT_ID ?? '00000000-0000-4000-8000-000000000000');`, ''] },
  { share: 0.02, lines: () => [`import { readFileSync } from 'node:fs';`, '', `export const assertion = () => readFileSync('/var/run/secrets/azure/tokens/azure-identity-token', 'utf8');`, ''] },
  { share: 0.05, lines: () => [`import { S3Client } from '@aws-sdk/client-s3';`, `import { SQSClient } from '@aws-sdk/client-sqs';`, '', `export const s3 = new S3Client({});`, `export const sqs = new SQSClient({});`, ''] },
  { share: 0.01, lines: () => [`import { fromTokenFile } from '@aws-sdk/credential-providers';`, '', `export const credentials = fromTokenFile();`, ''] },
  { share: 0.02, lines: () => [`export const podMetadata = {`, `  labels: {`, `    app: 'worker',`, `    aadpodidbinding: 'worker-identity',`, `  },`, `};`, ''] },
  { share: 0.01, lines: () => [`export const tokenUrl = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01';`, ''] },
  { share: 0.06, lines: () => [`export function scopeOf(resourceId: string): string {`, `  return resourceId.split('/providers/')[0] ?? resourceId;`, `}`, ''] },
];

/** Writes the corpus; returns its summary. */
export function generateCodeCorpus(dir, { files = 2000, seed = 7 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  const random = mulberry32(seed);
  const services = Math.max(1, Math.round(files / 50));
  let bytes = 0;
  let special = 0;
  for (let file = 0; file < files; file++) {
    const service = `svc-${String(file % services).padStart(2, '0')}`;
    const folder = path.join(dir, 'services', service, 'src', ['handlers', 'domain', 'clients', 'jobs'][file % 4]);
    mkdirSync(folder, { recursive: true });
    const name = `${WORDS[file % WORDS.length]}-${file}`;
    let roll = random();
    const head = [];
    for (const entry of SPECIALS) {
      if (roll < entry.share) {
        head.push(...entry.lines());
        special++;
        break;
      }
      roll -= entry.share;
    }
    const text = `${[...head, ...plainModule(random, name, 40 + Math.floor(random() * 80))].join('\n')}\n`;
    writeFileSync(path.join(folder, `${name}.ts`), text);
    bytes += text.length;
  }
  for (let service = 0; service < services; service++) {
    const identity = ['^2.1.0', '^3.1.0', '^4.0.0', '3.0.1'][service % 4];
    const text = `${JSON.stringify({ name: `svc-${service}`, private: true, dependencies: { '@azure/identity': identity, '@aws-sdk/client-s3': '^3.450.0' } }, null, 2)}\n`;
    writeFileSync(path.join(dir, 'services', `svc-${String(service).padStart(2, '0')}`, 'package.json'), text);
    bytes += text.length;
  }
  return { files, services, special, bytes };
}
