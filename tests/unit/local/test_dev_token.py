"""``./dev token`` mints the write quota claim of an integration client, which the services verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rc_local.cli import app
from rc_shared.auth import TokenVerifier
from tests.unit.local.cli_text import said


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


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--role", "nope"], "'nope' is not one of 'admin', 'unit_manager', 'data_entry', 'viewer'"),
        (["--role", "viewer"], "a viewer token needs the unit of its scope"),
        (["--role", "unit_manager", "--unit", "abc"], "'abc' is not a valid UUID"),
        (["--hours", "0"], "--hours"),
    ],
)
def test_dev_token_refuses_what_the_services_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str
) -> None:
    """A token the services' verifier would answer 401 is not printed: the command says what is wrong."""
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    refused = CliRunner().invoke(app, ["token", *args])
    assert refused.exit_code == 2, refused.output
    assert says in said(refused.output), refused.output
    assert not (tmp_path / "auth").exists() or "eyJ" not in refused.output


def test_dev_token_of_a_scoped_role_is_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    unit = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    made = CliRunner().invoke(app, ["token", "--role", "viewer", "--unit", unit])
    assert made.exit_code == 0, made.output
    p = _verifier(tmp_path).verify(made.output.strip())
    assert (p.role, str(p.unit_id)) == ("viewer", unit)


def test_logs_names_the_services_it_knows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_STATE_DIR", str(tmp_path))
    unknown = CliRunner().invoke(app, ["logs", "nosuch"])
    assert unknown.exit_code == 2 and "'nosuch' is not one of 'members'" in said(unknown.output)
    missing = CliRunner().invoke(app, ["logs", "donations"])
    assert missing.exit_code == 1 and "no log of donations yet" in missing.output
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "donations.log").write_text("".join(f"line {i}\n" for i in range(100)))
    shown = CliRunner().invoke(app, ["logs", "donations", "--lines", "3"])
    assert shown.exit_code == 0 and shown.output.split("\n")[:3] == ["line 97", "line 98", "line 99"], shown.output
