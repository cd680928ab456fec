export const annotations = {
  'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/ingest',
  'eks.amazonaws.com/token-expiration': '172800',
};
