#!/usr/bin/env bash
# Federated identity credentials planned by wimigrate. Safe to run again: only what is missing
# is created. Writes to one identity run one at a time (parallel writes fail with 409).
set -euo pipefail

# ensure_credential SUBSCRIPTION RESOURCE_GROUP IDENTITY NAME ISSUER SUBJECT AUDIENCE
ensure_credential() {
  local found
  found="$(az identity federated-credential list --subscription "$1" --resource-group "$2" --identity-name "$3" \
    --query "length([?issuer=='$5' && subject=='$6'])" --output tsv)"
  if [ "$found" = "0" ]; then
    az identity federated-credential create --subscription "$1" --resource-group "$2" --identity-name "$3" \
      --name "$4" --issuer "$5" --subject "$6" --audiences "$7" --output none
    echo "created $3/$4"
  else
    echo "present $3/$4"
  fi
}

# /subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
# ServiceAccount orders/orders-api-wi (AzureIdentity orders/orders)
ensure_credential 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d rg-platform id-orders wimigrate-orders-orders-api-wi https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:orders:orders-api-wi api://AzureADTokenExchange
# ServiceAccount orders/orders-cron-wi (AzureIdentity orders/orders)
ensure_credential 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d rg-platform id-orders wimigrate-orders-orders-cron-wi https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:orders:orders-cron-wi api://AzureADTokenExchange
# ServiceAccount orders/orders-worker-wi (AzureIdentity orders/orders)
ensure_credential 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d rg-platform id-orders wimigrate-orders-orders-worker-wi https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:orders:orders-worker-wi api://AzureADTokenExchange

# /subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-workload-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/archiver
if ! az identity show --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-workload-identities --name archiver --output none 2>/dev/null; then
  az identity create --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-workload-identities --name archiver --location westeurope --tags created-by=wimigrate wimigrate-source-role=arn:aws:iam::444455556666:role/archiver --output none
  echo "created identity archiver"
fi
# ServiceAccount reports/archiver (IAM role arn:aws:iam::444455556666:role/archiver)
ensure_credential 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d rg-workload-identities archiver wimigrate-reports-archiver https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:reports:archiver api://AzureADTokenExchange

# /subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-workload-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/billing-invoicer
if ! az identity show --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-workload-identities --name billing-invoicer --output none 2>/dev/null; then
  az identity create --subscription 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d --resource-group rg-workload-identities --name billing-invoicer --location "${IDENTITY_LOCATION:?set IDENTITY_LOCATION to the Azure region of new identities}" --tags created-by=wimigrate wimigrate-source-role=arn:aws:iam::111122223333:role/billing-invoicer --output none
  echo "created identity billing-invoicer"
fi
# ServiceAccount billing/invoicer (IAM role arn:aws:iam::111122223333:role/billing-invoicer)
ensure_credential 2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d rg-workload-identities billing-invoicer wimigrate-billing-invoicer https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:billing:invoicer api://AzureADTokenExchange

# /subscriptions/6d0c5e3a-8f1b-4a2c-9e7d-5b4a3c2d1e0f/resourceGroups/rg-analytics/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-analytics
# ServiceAccount analytics/analytics-wi (AzureIdentity analytics/analytics)
ensure_credential 6d0c5e3a-8f1b-4a2c-9e7d-5b4a3c2d1e0f rg-analytics id-analytics wimigrate-analytics-analytics-wi https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/ system:serviceaccount:analytics:analytics-wi api://AzureADTokenExchange
