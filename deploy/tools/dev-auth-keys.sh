#!/usr/bin/env bash
# The dev Kubernetes overlay trusts the same development signing key as the local stack: this
# creates the pair in .local/auth if it is missing (as `./dev token` would) and copies its public
# half to deploy/k8s/overlays/dev/auth/public.pem, which the overlay turns into a ConfigMap, and
# its private half to auth/private.pem, the Secret the console's development login signs with
# (both ignored by git).
# Then `./dev token` prints tokens that the dev cluster accepts. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
KEYS="${RC_STATE_DIR:-$ROOT/.local}/auth"
"$PYTHON" - "$KEYS" <<'PY'
import sys
from pathlib import Path

from rc_shared.auth import generate_keys

generate_keys(Path(sys.argv[1]))
PY
install -m 0644 "$KEYS/public.pem" "$ROOT/deploy/k8s/overlays/dev/auth/public.pem"
install -m 0600 "$KEYS/private.pem" "$ROOT/deploy/k8s/overlays/dev/auth/private.pem"
echo "$ROOT/deploy/k8s/overlays/dev/auth/public.pem"
