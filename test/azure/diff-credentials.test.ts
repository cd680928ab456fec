import { describe, expect, it } from 'vitest';
import { diffCredentials } from '../../src/azure/diff-credentials.js';

const ISSUER = 'https://issuer.example/';
const credential = (name: string, subject: string, issuer = ISSUER) => ({ name, issuer, subject, audiences: ['api://AzureADTokenExchange'] });

describe('diffCredentials', () => {
  it.each([
    { title: 'nothing exists: create', existing: [], state: 'create', detail: null },
    { title: 'same issuer and subject under the same name: present', existing: [credential('wimigrate-a-b', 'sub')], state: 'present', detail: null },
    { title: 'same issuer and subject under another name: present, says which', existing: [credential('by-hand', 'sub')], state: 'present', detail: 'exists as by-hand' },
    { title: 'the name holds another subject: conflict', existing: [credential('wimigrate-a-b', 'other')], state: 'conflict', detail: 'name taken by issuer https://issuer.example/ subject other' },
    { title: 'names compare without case: conflict', existing: [credential('WIMIGRATE-A-B', 'other')], state: 'conflict', detail: expect.stringContaining('name taken') },
    { title: 'another issuer for the subject is not the same credential', existing: [credential('other-name', 'sub', 'https://other/')], state: 'create', detail: null },
    { title: '20 exist: over the limit', existing: Array.from({ length: 20 }, (_, i) => credential(`c-${i}`, `s${i}`)), state: 'over-limit', detail: expect.stringContaining('20 exist') },
  ])('$title', ({ existing, state, detail }) => {
    const [entry] = diffCredentials([credential('wimigrate-a-b', 'sub')], existing).entries;
    expect(entry).toEqual({ credential: credential('wimigrate-a-b', 'sub'), state, detail });
  });

  it('counts the ones it creates against the limit, in plan order', () => {
    const existing = Array.from({ length: 18 }, (_, i) => credential(`c-${i}`, `s${i}`));
    const planned = ['x1', 'x2', 'x3'].map((name) => credential(`wimigrate-${name}`, name));
    expect(diffCredentials(planned, existing).entries.map((entry) => entry.state)).toEqual(['create', 'create', 'over-limit']);
  });

  it('lists only credentials wimigrate made (by name) that the plan no longer has as prunable; pruning frees their slots', () => {
    const existing = [credential('wimigrate-old', 'gone'), credential('by-hand', 'kept'), credential('wimigrate-a-b', 'sub'), ...Array.from({ length: 17 }, (_, i) => credential(`c-${i}`, `s${i}`))];
    const planned = [credential('wimigrate-a-b', 'sub'), credential('wimigrate-new', 'new')];
    const kept = diffCredentials(planned, existing);
    expect(kept.prunable.map((entry) => entry.name)).toEqual(['wimigrate-old']);
    expect(kept.entries.map((entry) => entry.state)).toEqual(['present', 'over-limit']);
    expect(diffCredentials(planned, existing, true).entries.map((entry) => entry.state)).toEqual(['present', 'create']);
  });
});
