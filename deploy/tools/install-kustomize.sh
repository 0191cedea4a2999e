#!/usr/bin/env bash
# Install kustomize (the real one, sigs.k8s.io/kustomize/kustomize/v5) into <repo>/.local/bin,
# built from source with the machine's Go through the Go module proxy. Idempotent: a binary of
# the wanted version already there is kept, so later calls return at once.
#
#   deploy/tools/install-kustomize.sh            # prints the binary's path
#   KUSTOMIZE_VERSION=v5.8.0 deploy/tools/install-kustomize.sh
#
# v5.8.0 (kustomize/api v0.21.x) builds with Go 1.26 without a toolchain download; GOTOOLCHAIN is
# forced to "local" so a newer version that needs a newer Go fails here instead of fetching one.
set -euo pipefail

VERSION="${KUSTOMIZE_VERSION:-v5.8.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN_DIR="${KUSTOMIZE_BIN_DIR:-$ROOT/.local/bin}"
TARGET="$BIN_DIR/kustomize"

installed_version() {
  [ -x "$TARGET" ] || return 1
  # `kustomize version` prints e.g. "v5.8.0"
  "$TARGET" version 2>/dev/null | head -n 1 | tr -d '[:space:]'
}

if [ "$(installed_version || true)" = "$VERSION" ]; then
  echo "$TARGET"
  exit 0
fi

GO_BIN="${GO:-}"
if [ -z "$GO_BIN" ]; then
  if command -v go > /dev/null 2>&1; then
    GO_BIN="$(command -v go)"
  elif [ -x /usr/local/go/bin/go ]; then
    GO_BIN=/usr/local/go/bin/go
  else
    echo "install-kustomize: Go is needed to build kustomize $VERSION (none on PATH nor at /usr/local/go/bin/go)" >&2
    exit 1
  fi
fi

mkdir -p "$BIN_DIR"
# One installer at a time (parallel test sessions); re-check once the lock is ours.
exec 9> "$BIN_DIR/.kustomize.lock"
if command -v flock > /dev/null 2>&1; then
  flock 9
fi
if [ "$(installed_version || true)" = "$VERSION" ]; then
  echo "$TARGET"
  exit 0
fi

STAGE="$(mktemp -d "$BIN_DIR/.kustomize-build.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
echo "install-kustomize: building sigs.k8s.io/kustomize/kustomize/v5@$VERSION with $("$GO_BIN" version)" >&2
# Run outside the repository so no go.mod/go.work around it takes part.
(
  cd "$STAGE"
  GOBIN="$STAGE" GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -buildvcs=false" CGO_ENABLED=0 \
    "$GO_BIN" install "sigs.k8s.io/kustomize/kustomize/v5@$VERSION"
)
mv -f "$STAGE/kustomize" "$TARGET"

got="$(installed_version || true)"
if [ "$got" != "$VERSION" ]; then
  echo "install-kustomize: built binary reports '$got', expected '$VERSION'" >&2
  exit 1
fi
echo "$TARGET"
