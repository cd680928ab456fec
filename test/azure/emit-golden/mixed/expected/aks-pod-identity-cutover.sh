#!/usr/bin/env bash
# Cutover of AKS-managed pod identity on cluster aks-prod: run only once every workload
# below runs on Workload ID (federated credentials created and propagated, pods restarted).
set -euo pipefail

az aks pod-identity delete --resource-group rg-aks --cluster-name aks-prod --namespace orders --name orders
az aks pod-identity exception delete --resource-group rg-aks --cluster-name aks-prod --namespace kube-system --name kured
az aks update --resource-group rg-aks --name aks-prod --disable-pod-identity
