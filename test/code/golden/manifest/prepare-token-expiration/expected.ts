export const annotations = {
  'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/ingest',
  'azure.workload.identity/client-id': 'wimigrate-pending:ingest',
  'azure.workload.identity/service-account-token-expiration': '86400',
  'eks.amazonaws.com/token-expiration': '172800',
};
