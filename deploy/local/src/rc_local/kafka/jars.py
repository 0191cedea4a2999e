"""The JVM and the broker jars: Java 17+, Maven Central resolution into ``<state>/kafka/lib``."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from rc_local.kafka.common import KAFKA_TEMPLATE_DIR, KafkaError, kafka_dir, locked

_MAVEN_TIMEOUT_S = 900.0


def java() -> str:
    """The ``java`` executable (``JAVA_HOME`` first, then ``PATH``); raises unless it is Java 17+."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not candidate or not Path(candidate).exists():
        raise KafkaError(
            "Java 17+ is required to run the local Kafka broker: install a JDK/JRE 17 or newer "
            "(e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME; or point "
            "KAFKA_BOOTSTRAP_SERVERS at an existing broker."
        )
    out = subprocess.run([candidate, "-version"], capture_output=True, text=True, check=False, timeout=60)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if match:
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8.0_x"
            major = int(match.group(2))
        if major < 17:
            raise KafkaError(f"Kafka 4 needs Java 17+, but {candidate} is Java {major}.")
    return candidate


def log_opts(kdir: Path) -> list[str]:
    """JVM options that send a Kafka JVM's log4j2 output to ``<kdir>/logs``."""
    logs = kdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return [
        f"-Dlog4j2.configurationFile={KAFKA_TEMPLATE_DIR / 'log4j2.properties'}",
        f"-Dkafka.logs.dir={logs}",
    ]


def _maven() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise KafkaError(
            "Maven (`mvn`) is required once to fetch the Kafka broker jars from Maven Central: "
            "install it (e.g. `apt-get install maven`); or point KAFKA_BOOTSTRAP_SERVERS at an "
            "existing broker."
        )
    return mvn


def _resolution_key(pom: Path, version: str | None) -> str:
    content = pom.read_bytes()
    default = KAFKA_TEMPLATE_DIR / "pom.xml"
    if pom.resolve() != default.resolve():  # a child of the launcher's pom (its parent)
        content += default.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    return f"{digest}:{version or 'default'}"


def ensure_jars(state_dir: Path, *, kafka_version: str | None = None, pom: Path | None = None) -> Path:
    """Resolve the Kafka broker jars into ``<state>/kafka/lib`` and return that folder.

    Runs ``mvn dependency:copy-dependencies`` on ``deploy/local/kafka/pom.xml`` once; later calls
    return at once while the pom and the requested version are unchanged (a ``.resolved`` marker
    records them). ``kafka_version`` (or env ``RC_KAFKA_VERSION``) overrides the pom's default.
    Maven runs offline when ``RC_MAVEN_OFFLINE=1``; an online failure is retried offline, so a
    filled ``~/.m2`` is enough without network. ``MAVEN_OPTS`` / ``RC_MAVEN_ARGS`` are honoured.
    ``pom`` resolves another pom instead (the Kafka image's, ``deploy/docker/kafka/pom.xml``: a
    child of the launcher's that adds the command-line tools).
    """
    kdir = kafka_dir(state_dir)
    with locked(kdir):
        return ensure_jars_locked(kdir, kafka_version, pom)


def ensure_jars_locked(kdir: Path, kafka_version: str | None, pom: Path | None = None) -> Path:
    """:func:`ensure_jars` for a caller that already holds the state dir's lock."""
    version = kafka_version or os.environ.get("RC_KAFKA_VERSION") or None
    pom = pom or KAFKA_TEMPLATE_DIR / "pom.xml"
    if not pom.exists():
        raise KafkaError(f"{pom} is missing: rc_local must run from the repository checkout.")
    lib = kdir / "lib"
    marker = lib / ".resolved"
    key = _resolution_key(pom, version)
    if marker.exists() and marker.read_text().strip() == key and any(lib.glob("kafka_2.13-*.jar")):
        return lib

    mvn = _maven()
    tmp = kdir / f"lib.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    base = [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(pom), "dependency:copy-dependencies"]
    base += [f"-DoutputDirectory={tmp}"]
    if version:
        base.append(f"-Dkafka.version={version}")
    base += shlex.split(os.environ.get("RC_MAVEN_ARGS", ""))
    offline_only = os.environ.get("RC_MAVEN_OFFLINE", "").lower() in {"1", "true", "yes"}
    attempts = [[*base, "-o"]] if offline_only else [base, [*base, "-o"]]
    errors: list[str] = []
    for cmd in attempts:
        try:
            done = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                check=False,
                timeout=_MAVEN_TIMEOUT_S,
                cwd=pom.parent,
            )
        except subprocess.TimeoutExpired:
            errors.append(f"`{shlex.join(cmd)}` timed out after {_MAVEN_TIMEOUT_S:.0f}s")
            continue
        if done.returncode == 0 and any(tmp.glob("kafka_2.13-*.jar")):
            break
        output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)  # Maven 3.8 colours
        output = "\n".join(output.splitlines()[-30:])
        errors.append(f"`{shlex.join(cmd)}` exited {done.returncode}:\n{output}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
        raise KafkaError("could not resolve the Kafka broker jars from Maven Central:\n" + "\n\n".join(errors))
    (tmp / ".resolved").write_text(key + "\n")
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    return lib
