#!/usr/bin/env bash
# NOT APPLIED by wimigrate: service-principal identities (types 1 and 2) take the credential on their app registration (Microsoft Graph). Review, then run these with rights on the app.
# Safe to run again: a credential with the same issuer and subject is left as it is.
set -euo pipefail

# wimigrate: ServiceAccount billing/billing-sp-wi (AzureIdentity billing/billing-sp)
if [ "$(az ad app federated-credential list --id 0f9e8d7c-6b5a-4a3b-9c2d-1e0f2a3b4c01 --query 'length([?issuer=='\''https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/'\'' && subject=='\''system:serviceaccount:billing:billing-sp-wi'\''])' --output tsv)" = "0" ]; then
  az ad app federated-credential create --id 0f9e8d7c-6b5a-4a3b-9c2d-1e0f2a3b4c01 --parameters '{"name":"wimigrate-billing-billing-sp-wi","issuer":"https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/","subject":"system:serviceaccount:billing:billing-sp-wi","audiences":["api://AzureADTokenExchange"],"description":"wimigrate: ServiceAccount billing/billing-sp-wi (AzureIdentity billing/billing-sp)"}' --output none
fi
