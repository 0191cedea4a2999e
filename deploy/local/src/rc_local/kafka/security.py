"""The broker's secrets: SCRAM users salted for ``kafka-storage format --add-scram``, TLS keystore by keytool."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rc_local.kafka.common import (
    BROKER_USER,
    HOST,
    SCRAM_MECHANISMS,
    KafkaError,
    formatted,
    load_security,
    security_file,
    tls_dir,
    write_private,
)
from rc_local.kafka.probe import ClientSecurity

_SCRAM_HASHES = {"SCRAM-SHA-256": "sha256", "SCRAM-SHA-512": "sha512"}
_SCRAM_ITERATIONS = 4096  # Kafka's default and the minimum it accepts
_KEYTOOL_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class BrokerSecurity:
    """What :func:`rc_local.kafka.start` was asked for beyond a PLAINTEXT client listener."""

    sasl_mechanisms: tuple[str, ...] = ()
    """Enabled SCRAM mechanisms (first: inter-broker and probe); empty: no SASL."""
    tls_port: int | None = None
    broker_password: str | None = field(default=None, repr=False)
    keystore_password: str | None = field(default=None, repr=False)

    @property
    def main_listener(self) -> str:
        """Name (= protocol) of the client listener on ``port``; also the inter-broker one."""
        return "SASL_PLAINTEXT" if self.sasl_mechanisms else "PLAINTEXT"

    @property
    def tls_listener(self) -> str:
        return "SASL_SSL" if self.sasl_mechanisms else "SSL"

    def probe_security(self, tls: bool = False, cafile: Path | None = None) -> ClientSecurity:
        """How the launcher itself logs in: as :data:`BROKER_USER` with the first mechanism."""
        if not self.sasl_mechanisms:
            return ClientSecurity(tls=tls, cafile=cafile)
        return ClientSecurity(self.sasl_mechanisms[0], BROKER_USER, self.broker_password, tls, cafile)


# --------------------------------------------------------------------------------------------
# SCRAM users (written into the metadata log by `kafka-storage format --add-scram`)


def check_scram_request(users: Mapping[str, str], mechanisms: Sequence[str]) -> tuple[str, ...]:
    """The asked mechanisms, normalised; raises :class:`KafkaError` on an unusable user or mechanism."""
    mechs = tuple(dict.fromkeys(m.upper() for m in mechanisms))
    if not mechs:
        raise KafkaError("sasl_mechanisms is empty: give at least one of " + ", ".join(SCRAM_MECHANISMS))
    unknown = [m for m in mechs if m not in _SCRAM_HASHES]
    if unknown:
        raise KafkaError(f"unsupported SASL mechanism(s) {unknown}: use {', '.join(SCRAM_MECHANISMS)}")
    if not users:
        raise KafkaError("scram_users is empty: give at least one user, or None for a PLAINTEXT listener")
    for name, password in users.items():
        if not name or name != name.strip() or any(c in name for c in ',"'):
            raise KafkaError(f"SCRAM user name {name!r}: must be non-empty, without commas, quotes or edge spaces")
        if name == BROKER_USER:
            raise KafkaError(f"{BROKER_USER!r} is the broker's own user; choose another name")
        if not isinstance(password, str) or not password:
            raise KafkaError(f"SCRAM user {name!r} needs a non-empty password")
    return mechs


def _scram_record(mechanism: str, password: str, salt: bytes, iterations: int) -> tuple[bytes, bytes]:
    """``(salted_password, stored_key)`` as Kafka's ScramFormatter stores a credential."""
    name = _SCRAM_HASHES[mechanism]
    salted = hashlib.pbkdf2_hmac(name, password.encode(), salt, iterations)
    stored_key = hashlib.new(name, hmac.digest(salted, b"Client Key", name)).digest()
    return salted, stored_key


def _scram_credentials(
    users: Mapping[str, str], mechanisms: Sequence[str]
) -> tuple[list[str], dict[str, dict[str, dict[str, object]]]]:
    """``--add-scram`` arguments (salted, no plain password) and what to remember for later checks."""
    args: list[str] = []
    remembered: dict[str, dict[str, dict[str, object]]] = {}
    b64 = base64.b64encode
    for name, password in users.items():
        for mechanism in mechanisms:
            salt = secrets.token_bytes(32)
            salted, stored_key = _scram_record(mechanism, password, salt, _SCRAM_ITERATIONS)
            args.append(
                f"{mechanism}=[name={name},iterations={_SCRAM_ITERATIONS},"
                f'salt="{b64(salt).decode()}",saltedpassword="{b64(salted).decode()}"]'
            )
            remembered.setdefault(name, {})[mechanism] = {
                "salt": b64(salt).decode(),
                "iterations": _SCRAM_ITERATIONS,
                "stored_key": b64(stored_key).decode(),
            }
    return args, remembered


def scram_mismatches(remembered: object, users: Mapping[str, str], mechanisms: Sequence[str]) -> list[str]:
    """Users (or mechanisms/passwords) asked for that the formatted storage does not hold."""
    known = remembered if isinstance(remembered, dict) else {}
    problems: list[str] = []
    for name, password in users.items():
        for mechanism in mechanisms:
            record = known.get(name, {}).get(mechanism) if isinstance(known.get(name), dict) else None
            if not isinstance(record, dict):
                problems.append(f"{name} ({mechanism}): not created")
                continue
            salt = base64.b64decode(str(record["salt"]))
            iterations = record["iterations"]
            assert isinstance(iterations, int)
            _, stored_key = _scram_record(mechanism, password, salt, iterations)
            if not hmac.compare_digest(base64.b64encode(stored_key).decode(), str(record["stored_key"])):
                problems.append(f"{name} ({mechanism}): other password")
    return problems


def prepare_security(
    kdir: Path,
    scram_users: Mapping[str, str] | None,
    sasl_mechanisms: Sequence[str],
    tls_port: int | None,
) -> tuple[BrokerSecurity, list[str]]:
    """Secrets and ``--add-scram`` arguments for this start (nothing when PLAINTEXT).

    Raises :class:`KafkaError` when the storage is already formatted without the asked users.
    """
    if scram_users is None and tls_port is None:
        return BrokerSecurity(), []
    stored = load_security(kdir)
    changed = False
    add_scram: list[str] = []
    mechanisms: tuple[str, ...] = ()
    if scram_users is not None:
        mechanisms = check_scram_request(scram_users, sasl_mechanisms)
        if not isinstance(stored.get("broker_password"), str):
            stored["broker_password"] = secrets.token_urlsafe(24)
            changed = True
        everyone = {BROKER_USER: str(stored["broker_password"]), **scram_users}
        if formatted(kdir):
            problems = scram_mismatches(stored.get("scram"), everyone, mechanisms)
            if problems:
                raise KafkaError(
                    f"SCRAM users are created when the storage is formatted, and {kdir / 'data'} was "
                    f"formatted without: {'; '.join(problems)}. Use another state dir, or stop the broker "
                    f"and delete {kdir / 'data'} (topics are lost)."
                )
        else:
            add_scram, stored["scram"] = _scram_credentials(everyone, mechanisms)
            changed = True
    if tls_port is not None and not isinstance(stored.get("keystore_password"), str):
        stored["keystore_password"] = secrets.token_urlsafe(24)
        changed = True
        shutil.rmtree(tls_dir(kdir), ignore_errors=True)  # made with a lost password
    if changed:
        write_private(security_file(kdir), json.dumps(stored, indent=2) + "\n")
    return (
        BrokerSecurity(
            sasl_mechanisms=mechanisms,
            tls_port=tls_port,
            broker_password=str(stored["broker_password"]) if mechanisms else None,
            keystore_password=str(stored["keystore_password"]) if tls_port is not None else None,
        ),
        add_scram,
    )


# --------------------------------------------------------------------------------------------
# TLS material (self-signed CA + broker certificate, made once with keytool)


def _keytool(java: str) -> str:
    candidate = Path(java).resolve().parent / "keytool"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("keytool")
    if not found:
        raise KafkaError("keytool (part of every JDK/JRE) is needed to make the TLS certificates")
    return found


def ensure_tls(kdir: Path, java: str, password: str) -> None:
    """Make ``tls/ca.pem`` (CA certificate) and ``tls/broker.p12`` (broker key + chain) once.

    EC P-256 keys and a client-compiler JVM keep the six keytool runs at about 3 s. The broker
    needs no truststore: clients are not asked for certificates and inter-broker traffic stays on
    the non-TLS listener.
    """
    tls = tls_dir(kdir)
    if all((tls / n).exists() for n in ("ca.pem", "broker.p12")):
        return
    keytool = _keytool(java)
    tmp = kdir / f"tls.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(mode=0o700, parents=True)
    env = {**os.environ, "RC_KAFKA_KEYSTORE_PASS": password}
    jvm = ["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"]
    pw = ["-storepass:env", "RC_KAFKA_KEYSTORE_PASS"]
    new = [*pw, "-keypass:env", "RC_KAFKA_KEYSTORE_PASS", "-storetype", "PKCS12", "-noprompt"]
    key = ["-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650"]
    steps = [
        ["-genkeypair", "-alias", "ca", *key, "-dname", "CN=rc-local Kafka CA", "-ext", "bc:c",
         "-keystore", "ca.p12", *new],
        ["-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem", *pw],
        ["-genkeypair", "-alias", "broker", *key, "-dname", f"CN={HOST}", "-keystore", "broker.p12", *new],
        ["-certreq", "-alias", "broker", "-keystore", "broker.p12", "-file", "broker.csr", *pw],
        [
            "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "broker.csr", "-outfile", "broker.pem",
            "-rfc", "-validity", "3650", "-ext", f"SAN=IP:{HOST},DNS:localhost",
            "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth", *pw,
        ],
        ["-importcert", "-alias", "broker", "-file", "chain.pem", "-keystore", "broker.p12", "-noprompt", *pw],
    ]  # fmt: skip
    for step in steps:
        if step[0] == "-importcert":  # the CA's answer with the full chain, so no trust prompt
            (tmp / "chain.pem").write_text((tmp / "broker.pem").read_text() + (tmp / "ca.pem").read_text())
        done = subprocess.run(
            [keytool, *jvm, *step],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=_KEYTOOL_TIMEOUT_S,
        )
        if done.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise KafkaError(f"keytool {step[0]} failed (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    for name in ("broker.csr", "chain.pem"):
        (tmp / name).unlink()
    for name in ("ca.p12", "broker.p12"):
        os.chmod(tmp / name, 0o600)
    shutil.rmtree(tls, ignore_errors=True)
    tmp.rename(tls)
