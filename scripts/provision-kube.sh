#!/usr/bin/env bash
# Provision etcd and a real kube-apiserver + kube-controller-manager for the cluster tests and the
# cluster benchmark (DESIGN.md section 7). No package ships kube-apiserver and nothing outside the
# package registries is reachable, so the binaries are built from Debian bookworm's `kubernetes`
# source package. The build takes minutes; the binaries are cached outside the work tree and
# reused when present:
#
#   ${WIMIGRATE_KUBE_CACHE:-/var/cache/wimigrate/kube}/<debian version>/{kube-apiserver,kube-controller-manager}
#
# Prints the cache directory on its last line. Needs root (apt) unless everything is already there.
# Usage: scripts/provision-kube.sh [--print-dir]   (--print-dir: only print where binaries would live)
set -euo pipefail

CACHE_ROOT="${WIMIGRATE_KUBE_CACHE:-/var/cache/wimigrate/kube}"
APT_OPTS=(-o DPkg::Lock::Timeout=900 -y -qq)
export DEBIAN_FRONTEND=noninteractive

log() { echo "provision-kube: $*" >&2; }

# 1. A deb-src entry for bookworm main (and its updates/security suites, where the +deb12u1
#    revision of the source package lives).
SRC_LIST=/etc/apt/sources.list.d/wimigrate-deb-src.sources
if ! apt-cache showsrc kubernetes >/dev/null 2>&1 || ! apt-cache showsrc kubernetes | grep -q '^Version:'; then
  log "adding deb-src entries ($SRC_LIST)"
  cat >"$SRC_LIST" <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  apt-get -o DPkg::Lock::Timeout=900 update -qq
fi

VERSION="$(apt-cache showsrc kubernetes | sed -n 's/^Version: //p' | sort -V | tail -1)"
if [ -z "$VERSION" ]; then
  log "no source version of 'kubernetes' found in apt"; exit 1
fi
OUT="$CACHE_ROOT/$VERSION"
if [ "${1:-}" = "--print-dir" ]; then echo "$OUT"; exit 0; fi

# 2. Runtime tools: etcd from Debian, openssl for the test certificates.
need=()
for p in etcd-server etcd-client openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ -x "$OUT/kube-apiserver" ] && [ -x "$OUT/kube-controller-manager" ]; then
  if [ "${#need[@]}" -gt 0 ]; then apt-get install "${APT_OPTS[@]}" "${need[@]}" >&2; fi
  log "reusing cached binaries in $OUT"
  echo "$OUT"; exit 0
fi

# 3. Build tools.
for p in golang-1.19-go rsync make golang-github-modern-go-reflect2-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get install "${APT_OPTS[@]}" "${need[@]}" >&2
fi

WORK="$(mktemp -d /var/tmp/wimigrate-kube-build.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
log "fetching the source package kubernetes=$VERSION into $WORK"
apt-get source --download-only "kubernetes=$VERSION" >&2
tar xzf ./*.orig.tar.gz
SRC_DIR="$(find . -maxdepth 1 -type d -name 'kubernetes-*' | head -1)"
UPSTREAM="${SRC_DIR#./kubernetes-}"

# GOPATH mode: `-mod=vendor` fails on this tree with Go 1.19, so the tree sits at
# $GOPATH/src/k8s.io/kubernetes and its vendor/ folder resolves imports.
export GOPATH="$WORK/go"
export GO111MODULE=off
export GOFLAGS=
export CGO_ENABLED=0
export PATH="/usr/lib/go-1.19/bin:$PATH"
export HOME="$WORK/home"; mkdir -p "$HOME"
mkdir -p "$GOPATH/src/k8s.io"
mv "$SRC_DIR" "$GOPATH/src/k8s.io/kubernetes"
cd "$GOPATH/src/k8s.io/kubernetes"

# The vendored reflect2 1.0.1 segfaults under Go >= 1.18 on the first custom resource;
# Debian's 1.0.2 is API-compatible.
rm -rf vendor/github.com/modern-go/reflect2
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2

log "generating OpenAPI definitions (make gen_openapi)"
make gen_openapi >&2

# Version stamp, so /version answers like a released server (v1.20.2), not v0.0.0-master.
VPKGS=(k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version)
MINOR="$(echo "$UPSTREAM" | cut -d. -f2)"
LDFLAGS="-s -w"
for pkg in "${VPKGS[@]}"; do
  LDFLAGS="$LDFLAGS -X $pkg.gitVersion=v$UPSTREAM -X $pkg.gitMajor=1 -X $pkg.gitMinor=$MINOR -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

mkdir -p "$WORK/bin"
for cmd in kube-apiserver kube-controller-manager; do
  log "building $cmd"
  go build -ldflags "$LDFLAGS" -o "$WORK/bin/$cmd" "./cmd/$cmd"
done

mkdir -p "$OUT"
for cmd in kube-apiserver kube-controller-manager; do
  # temp name + rename: a concurrent reader never sees half a binary
  cp "$WORK/bin/$cmd" "$OUT/.$cmd.tmp" && mv "$OUT/.$cmd.tmp" "$OUT/$cmd"
done
log "built $("$OUT/kube-apiserver" --version 2>&1) into $OUT"
echo "$OUT"
