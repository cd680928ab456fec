import type { MigrationPhase } from '../model/plan.js';

export interface PlanOptions {
  phase: MigrationPhase;
  /** The cluster's OIDC issuer URL, exactly as the token's `iss` (trailing slash included). */
  issuer: string | null;
  tenantId: string | null;
  /** Name of service accounts the tool creates; `{identity}`, `{workload}` and `{namespace}` are replaced. */
  serviceAccountName: string;
  /** Opt-in migration proxy sidecar for apps on old SDKs. */
  proxySidecar: boolean;
}

export const DEFAULT_SERVICE_ACCOUNT_NAME = '{identity}-wi';

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  phase: 'prepare',
  issuer: null,
  tenantId: null,
  serviceAccountName: DEFAULT_SERVICE_ACCOUNT_NAME,
  proxySidecar: false,
};
