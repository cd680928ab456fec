import type { SourceLocation } from './location.js';

/** The package ecosystems whose Azure Identity SDK versions are checked (DESIGN §5). */
export type Ecosystem = 'npm' | 'pypi' | 'nuget' | 'maven' | 'go' | 'vcpkg';

/** One row of migrations/sdk-minimums.yaml. */
export interface SdkMinimum {
  ecosystem: Ecosystem;
  /** Package name as the ecosystem spells it (Maven: `group:artifact`). */
  name: string;
  /** First version with WorkloadIdentityCredential. */
  minimum: string;
  /** First version whose environment-based credential works with the injected variables; null when none is documented. */
  envMinimum: string | null;
}

/** A package with no Workload ID support at all (e.g. `@azure/ms-rest-nodeauth`). */
export interface LegacyPackage {
  ecosystem: Ecosystem;
  name: string;
  replacement: string;
}

/** One row of migrations/aws-service-clients.yaml: an AWS SDK client and its usual Azure counterpart. */
export interface AwsServiceClient {
  /** The service's short name as in `@aws-sdk/client-<service>` and `aws-sdk/clients/<service>`. */
  service: string;
  /** The v2 SDK's class name (`new AWS.S3()`). */
  v2Class: string;
  azure: string;
}

export interface SdkTables {
  minimums: SdkMinimum[];
  legacy: LegacyPackage[];
  awsClients: AwsServiceClient[];
}

/**
 * A dependency as a manifest or lockfile declares it. `spec` is the text written there: a range
 * (package.json, requirements), an exact version (lockfiles) or something unresolvable
 * (`latest`, a property reference, a git URL).
 */
export interface DeclaredDependency {
  ecosystem: Ecosystem;
  name: string;
  spec: string;
  /** Lockfiles and resolved versions: the version that is installed, not a range. */
  locked: boolean;
  location: SourceLocation;
}
