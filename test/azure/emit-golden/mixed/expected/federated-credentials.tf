# Federated identity credentials planned by wimigrate.
# Credentials of one identity depend on each other, so they are written one at a time
# (parallel writes to one identity fail with 409). Configure the azurerm provider in your root module.

variable "identity_location" {
  description = "Azure region of the identities created for IAM roles"
  type        = string
}

resource "azurerm_federated_identity_credential" "id-orders__wimigrate-orders-orders-api-wi" {
  name                = "wimigrate-orders-orders-api-wi"
  resource_group_name = "rg-platform"
  parent_id           = "/subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:orders:orders-api-wi"
}

resource "azurerm_federated_identity_credential" "id-orders__wimigrate-orders-orders-cron-wi" {
  name                = "wimigrate-orders-orders-cron-wi"
  resource_group_name = "rg-platform"
  parent_id           = "/subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:orders:orders-cron-wi"
  depends_on          = [azurerm_federated_identity_credential.id-orders__wimigrate-orders-orders-api-wi]
}

resource "azurerm_federated_identity_credential" "id-orders__wimigrate-orders-orders-worker-wi" {
  name                = "wimigrate-orders-orders-worker-wi"
  resource_group_name = "rg-platform"
  parent_id           = "/subscriptions/2f6b7a10-4c1e-4d2a-9b3c-5e6f7a8b9c0d/resourceGroups/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:orders:orders-worker-wi"
  depends_on          = [azurerm_federated_identity_credential.id-orders__wimigrate-orders-orders-cron-wi]
}

resource "azurerm_user_assigned_identity" "archiver" {
  name                = "archiver"
  resource_group_name = "rg-workload-identities"
  location            = "westeurope"
  tags = {
    "created-by"            = "wimigrate"
    "wimigrate-source-role" = "arn:aws:iam::444455556666:role/archiver"
  }
}

resource "azurerm_federated_identity_credential" "archiver__wimigrate-reports-archiver" {
  name                = "wimigrate-reports-archiver"
  resource_group_name = "rg-workload-identities"
  parent_id           = azurerm_user_assigned_identity.archiver.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:reports:archiver"
}

resource "azurerm_user_assigned_identity" "billing-invoicer" {
  name                = "billing-invoicer"
  resource_group_name = "rg-workload-identities"
  location            = var.identity_location
  tags = {
    "created-by"            = "wimigrate"
    "wimigrate-source-role" = "arn:aws:iam::111122223333:role/billing-invoicer"
  }
}

resource "azurerm_federated_identity_credential" "billing-invoicer__wimigrate-billing-invoicer" {
  name                = "wimigrate-billing-invoicer"
  resource_group_name = "rg-workload-identities"
  parent_id           = azurerm_user_assigned_identity.billing-invoicer.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:billing:invoicer"
}

resource "azurerm_federated_identity_credential" "id-analytics__wimigrate-analytics-analytics-wi" {
  name                = "wimigrate-analytics-analytics-wi"
  resource_group_name = "rg-analytics"
  parent_id           = "/subscriptions/6d0c5e3a-8f1b-4a2c-9e7d-5b4a3c2d1e0f/resourceGroups/rg-analytics/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-analytics"
  audience            = ["api://AzureADTokenExchange"]
  issuer              = "https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/5a3b1c2d-0e4f-4a5b-8c6d-7e8f9a0b1c2d/"
  subject             = "system:serviceaccount:analytics:analytics-wi"
}
