import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayBeRelevant, mentionOf, mentionsPodIdentity } from '../../src/sources/relevance.js';
import { splitDocuments } from '../../src/yaml/split-documents.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ALSO_READ = /aws-load-balancer-controller|cluster-autoscaler|karpenter\/controller|aws-ebs-csi-driver/;

/** The three tests mentionOf does in one scan, each over the whole text. */
function separately(text: string, alsoRead: RegExp | undefined): 'read' | 'service-account' | null {
  if (mentionsPodIdentity(text) || alsoRead?.test(text)) return 'read';
  return mayBeRelevant(text) ? 'service-account' : null;
}

function decision(text: string, alsoRead: RegExp | undefined): 'read' | 'service-account' | null {
  const mention = mentionOf(text, alsoRead);
  return mention === 'pod-identity' || mention === 'also-read' ? 'read' : mention;
}

describe('mentionOf', () => {
  const documents = [...yamlFiles(path.join(ROOT, 'samples')), ...yamlFiles(path.join(ROOT, 'test')), ...yamlFiles(path.resolve(ROOT, '../shared/corpus'))].flatMap((file) =>
    splitDocuments(readFileSync(file, 'utf8')).map((chunk) => chunk.text),
  );

  it('decides as the separate tests do, on every document of the samples, the tests and the corpus', () => {
    expect(documents.length).toBeGreaterThan(500);
    for (const text of documents) {
      expect(decision(text, undefined), text).toBe(separately(text, undefined));
      expect(decision(text, ALSO_READ), text).toBe(separately(text, ALSO_READ));
    }
  });

  it('counts the alsoRead words as alsoRead matches them (case and all), and lets a later word decide', () => {
    const cases: [string, 'read' | 'service-account' | null][] = [
      ['image: Cluster-Autoscaler:1.0\n', null],
      ['image: Cluster-Autoscaler:1.0\nother: cluster-autoscaler\n', 'read'],
      ['serviceAccountName: app\nimage: registry/cluster-autoscaler:1.29\n', 'read'],
      ['serviceAccountName: app\nimage: nginx\n', 'service-account'],
      ['ServiceAccount then AADPODIDBINDING\n', 'read'],
      ['kind: ConfigMap\n', null],
    ];
    for (const [text, expected] of cases) {
      expect(decision(text, ALSO_READ), text).toBe(expected);
      expect(separately(text, ALSO_READ), text).toBe(expected);
    }
    // The same scanner serves every call: no state is left from one text to the next.
    expect(decision('aadpodidbinding: x\n', ALSO_READ)).toBe('read');
    expect(decision('nothing here\n', ALSO_READ)).toBeNull();
  });
});
