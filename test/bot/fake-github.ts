/**
 * A local HTTPS server answering the few GitHub REST endpoints `wimigrate pr --github` calls,
 * as documented (https://docs.github.com/rest/pulls/pulls): list pull requests by head, create
 * (422 when one from that head is already open), update, add labels, request reviewers, and 401
 * for a wrong token. Its certificate is self-made; the CLI under test trusts it through
 * NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}

export interface FakeGitHub {
  url: string;
  caFile: string;
  pulls: FakePull[];
  calls: string[];
  /** The next list calls answer as if no pull request existed (another run racing this one). */
  hideFromNextList: number;
  /** The next calls are refused as over a secondary rate limit: 403 with retry-after (seconds). */
  rateLimitNext: { count: number; retryAfter: number; status: 403 | 429 };
  close(): Promise<void>;
}

export const GOOD_TOKEN = 'ghs_test_token_0123456789';

export async function startFakeGitHub(owner: string, repo: string, prefix = ''): Promise<FakeGitHub> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wimigrate-gh-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const state: FakeGitHub = { url: '', caFile: cert, pulls: [], calls: [], hideFromNextList: 0, rateLimitNext: { count: 0, retryAfter: 1, status: 403 }, close: async () => {} };
  const base = `${prefix}/repos/${owner}/${repo}`;

  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    void handle(request, response);
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    let raw = '';
    for await (const chunk of request) raw += String(chunk);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    state.calls.push(`${request.method} ${url.pathname}${url.search}`);
    const send = (status: number, data: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(data));
    };
    if (request.headers.authorization !== `token ${GOOD_TOKEN}` && request.headers.authorization !== `bearer ${GOOD_TOKEN}` && request.headers.authorization !== `Bearer ${GOOD_TOKEN}`) {
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    if (state.rateLimitNext.count > 0) {
      state.rateLimitNext.count--;
      response.writeHead(state.rateLimitNext.status, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(state.rateLimitNext.retryAfter) });
      response.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api' }));
      return;
    }
    const view = (pull: FakePull) => ({
      number: pull.number,
      html_url: `https://github.example/${owner}/${repo}/pull/${pull.number}`,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      head: { ref: pull.head, label: `${owner}:${pull.head}` },
      base: { ref: pull.base },
    });
    const number = /\/(?:pulls|issues)\/(\d+)/.exec(url.pathname)?.[1];
    const pull = number ? state.pulls.find((entry) => entry.number === Number(number)) : undefined;

    if (request.method === 'GET' && url.pathname === `${base}/pulls`) {
      const head = url.searchParams.get('head');
      const wanted = url.searchParams.get('state') ?? 'open';
      if (state.hideFromNextList > 0) {
        state.hideFromNextList--;
        return send(200, []);
      }
      return send(200, state.pulls.filter((entry) => (wanted === 'all' || entry.state === wanted) && (!head || `${owner}:${entry.head}` === head)).map(view));
    }
    if (request.method === 'POST' && url.pathname === `${base}/pulls`) {
      const head = String(body.head);
      if (state.pulls.some((entry) => entry.state === 'open' && entry.head === head)) {
        return send(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }], status: '422' });
      }
      if (typeof body.title !== 'string' || typeof body.base !== 'string') return send(422, { message: 'Validation Failed', errors: [{ message: 'title and base are required' }] });
      const created: FakePull = { number: state.pulls.length + 1, head, base: body.base, title: body.title, body: String(body.body ?? ''), draft: body.draft === true, state: 'open', labels: [], reviewers: [], teamReviewers: [] };
      state.pulls.push(created);
      return send(201, view(created));
    }
    if (request.method === 'PATCH' && pull && url.pathname === `${base}/pulls/${pull.number}`) {
      if (typeof body.title === 'string') pull.title = body.title;
      if (typeof body.body === 'string') pull.body = body.body;
      if (typeof body.base === 'string') pull.base = body.base;
      return send(200, view(pull));
    }
    if (request.method === 'POST' && pull && url.pathname === `${base}/issues/${pull.number}/labels`) {
      for (const label of (body.labels as string[]) ?? []) if (!pull.labels.includes(label)) pull.labels.push(label);
      return send(200, pull.labels.map((name) => ({ name })));
    }
    if (request.method === 'POST' && pull && url.pathname === `${base}/pulls/${pull.number}/requested_reviewers`) {
      for (const login of (body.reviewers as string[]) ?? []) if (!pull.reviewers.includes(login)) pull.reviewers.push(login);
      for (const team of (body.team_reviewers as string[]) ?? []) if (!pull.teamReviewers.includes(team)) pull.teamReviewers.push(team);
      return send(201, view(pull));
    }
    return send(404, { message: 'Not Found' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
