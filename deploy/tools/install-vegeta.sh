#!/usr/bin/env bash
# Install vegeta (github.com/tsenart/vegeta/v12, an open-loop HTTP load generator) into
# <repo>/.local/bin, built from source with the machine's Go through the Go module proxy.
# Idempotent: a binary of the wanted version already there is kept.
#
#   deploy/tools/install-vegeta.sh            # prints the binary's path
#   VEGETA_VERSION=v12.12.0 deploy/tools/install-vegeta.sh
set -euo pipefail

VERSION="${VEGETA_VERSION:-v12.12.0}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN_DIR="${VEGETA_BIN_DIR:-$ROOT/.local/bin}"
TARGET="$BIN_DIR/vegeta"
STAMP="$BIN_DIR/.vegeta.version"

if [ -x "$TARGET" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
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
    echo "install-vegeta: Go is needed to build vegeta $VERSION (none on PATH nor at /usr/local/go/bin/go)" >&2
    exit 1
  fi
fi

mkdir -p "$BIN_DIR"
exec 9> "$BIN_DIR/.vegeta.lock"
if command -v flock > /dev/null 2>&1; then
  flock 9
fi
if [ -x "$TARGET" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ]; then
  echo "$TARGET"
  exit 0
fi

STAGE="$(mktemp -d "$BIN_DIR/.vegeta-build.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
echo "install-vegeta: building github.com/tsenart/vegeta/v12@$VERSION with $("$GO_BIN" version)" >&2
(
  cd "$STAGE"
  GOBIN="$STAGE" GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -buildvcs=false" CGO_ENABLED=0 \
    "$GO_BIN" install "github.com/tsenart/vegeta/v12@$VERSION"
)
mv -f "$STAGE/vegeta" "$TARGET"
echo "$VERSION" > "$STAMP"
echo "$TARGET"
