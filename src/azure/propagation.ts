/**
 * What to tell people after credentials are created
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#time-for-federated-credential-changes-to-propagate):
 * new credentials take seconds to minutes to reach every node of Entra's token service; until
 * then token requests fail with AADSTS70021.
 */
export const PROPAGATION_ADVICE = [
  'New federated credentials take from a few seconds to a few minutes to propagate through Entra ID.',
  'Wait at least 5 minutes after they are created before restarting the workloads that use them (kubectl rollout restart).',
  'Meanwhile token requests may fail with AADSTS70021 ("No matching federated identity record found for presented assertion"):',
  'Entra has no credential yet whose issuer and subject match the service account token. It clears by itself once the',
  'credential has propagated (the Azure SDKs retry); if it persists after 10 minutes, compare the token\'s iss and sub',
  'with the credential: the issuer must match exactly (AKS issuers end with /), the subject is',
  'system:serviceaccount:<namespace>:<service account>, and the pod must run under that service account.',
];
