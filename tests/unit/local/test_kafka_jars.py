"""The broker jars' resolution (rc_local.kafka.jars): the launcher's pom, or the Kafka image's pom
(deploy/docker/kafka/pom.xml, a child of the launcher's that adds kafka-tools)."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rc_local.kafka import jars
from rc_local.kafka.common import KAFKA_TEMPLATE_DIR

ROOT = Path(__file__).resolve().parents[3]
IMAGE_POM = ROOT / "deploy" / "docker" / "kafka" / "pom.xml"
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def test_the_image_pom_is_a_child_of_the_launchers_pom_adding_kafka_tools() -> None:
    child = ET.parse(IMAGE_POM).getroot()
    parent = ET.parse(KAFKA_TEMPLATE_DIR / "pom.xml").getroot()
    ref = child.find("m:parent", NS)
    assert ref is not None
    for field in ("groupId", "artifactId", "version"):
        assert ref.findtext(f"m:{field}", namespaces=NS) == parent.findtext(f"m:{field}", namespaces=NS)
    relative = ref.findtext("m:relativePath", namespaces=NS)
    assert relative is not None
    assert (IMAGE_POM.parent / relative).resolve() == (KAFKA_TEMPLATE_DIR / "pom.xml").resolve()
    added = [d.findtext("m:artifactId", namespaces=NS) for d in child.findall("m:dependencies/m:dependency", NS)]
    assert added == ["kafka-tools"]


def test_the_launchers_key_is_unchanged_and_a_childs_follows_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launcher = KAFKA_TEMPLATE_DIR / "pom.xml"
    # state directories resolved before keep their key (no new resolution after an upgrade)
    assert jars._resolution_key(launcher, None) == hashlib.sha256(launcher.read_bytes()).hexdigest() + ":default"

    template = tmp_path / "template"
    template.mkdir()
    (template / "pom.xml").write_text("<project>parent 1</project>")
    child = tmp_path / "child.xml"
    child.write_text("<project>child</project>")
    monkeypatch.setattr(jars, "KAFKA_TEMPLATE_DIR", template)
    before = jars._resolution_key(child, None)
    (template / "pom.xml").write_text("<project>parent 2</project>")
    assert jars._resolution_key(child, None) != before, "a change of the parent must resolve again"


def test_ensure_jars_resolves_the_pom_it_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = tmp_path / "calls"
    mvn = tmp_path / "mvn"
    mvn.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> {calls}\n'
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) d="${a#-DoutputDirectory=}";; esac; done\n'
        'mkdir -p "$d" && touch "$d/kafka_2.13-4.1.1.jar"\n'
    )
    mvn.chmod(0o755)
    monkeypatch.setattr(jars, "_maven", lambda: str(mvn))
    lib = jars.ensure_jars(tmp_path / "state", pom=IMAGE_POM)
    assert (lib / "kafka_2.13-4.1.1.jar").exists()
    (call,) = calls.read_text().splitlines()
    args = call.split()
    assert args[args.index("-f") + 1] == str(IMAGE_POM)
    # resolved once: a second call with the same pom returns at once
    assert jars.ensure_jars(tmp_path / "state", pom=IMAGE_POM) == lib
    assert len(calls.read_text().splitlines()) == 1
