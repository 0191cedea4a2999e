"""``./dev token`` mints the write quota claim of an integration client, which the services verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rc_local.cli import app
from rc_shared.auth import TokenVerifier


def _verifier(state: Path) -> TokenVerifier:
    pem = (state / "auth" / "public.pem").read_bytes()
    return TokenVerifier(public_key_pem=pem, issuer="rc-dev", audience="redcross-platform")


def test_dev_token_carries_the_quota_claim_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    runner = CliRunner()
    gateway = runner.invoke(app, ["token", "--subject", "payment-gateway", "--writes-per-minute", "12000"])
    assert gateway.exit_code == 0, gateway.output
    p = _verifier(tmp_path).verify(gateway.output.strip())
    assert (p.subject, p.writes_per_minute) == ("payment-gateway", 12000)

    person = runner.invoke(app, ["token"])
    assert _verifier(tmp_path).verify(person.output.strip()).writes_per_minute is None

    refused = runner.invoke(app, ["token", "--writes-per-minute", "0"])
    assert refused.exit_code != 0 and "writes-per-minute" in refused.output
