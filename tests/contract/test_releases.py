"""A version names one contract for good: each released version of an API or of the event catalogue is a file
(``docs/releases``) never edited afterwards, and the event models stay compatible with every released
catalogue, not only with the working tree's schemas that the same commit could rewrite or remove."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rc_local import openapi
from rc_shared import catalogue as cat
from rc_shared import releases

ROOT = Path(__file__).resolve().parents[2]


def test_no_released_contract_was_ever_edited_renamed_or_removed() -> None:
    assert subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip() == "false", "needs the whole history"  # fmt: skip
    assert releases.rewritten(ROOT) == []


def test_each_current_version_is_released_as_it_is() -> None:
    for service, version, content in openapi._releases(openapi._render_all()[0]):
        assert releases.path_of(ROOT, service, version).read_text() == content, f"{service} {version}"
    assert releases.path_of(ROOT, cat.RELEASED_AS, cat.VERSION).read_text() == cat.released_content()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


def test_the_history_check_finds_a_release_edited_renamed_or_removed(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    for version in ("1.0.0", "1.1.0", "1.2.0"):
        assert releases.release(tmp_path, "donations", version, releases.render({"v": version}))
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "released")
    assert releases.rewritten(tmp_path) == []
    releases.path_of(tmp_path, "donations", "1.0.0").write_text(releases.render({"v": "other"}))
    releases.path_of(tmp_path, "donations", "1.1.0").unlink()
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "rewrote")
    found = releases.rewritten(tmp_path)
    assert sorted(f.split(" ", 1)[1] for f in found) == ["D docs/releases/donations/1.1.0.json",
                                                       "M docs/releases/donations/1.0.0.json"]  # fmt: skip


def test_a_document_changed_under_a_released_version_is_stale_and_not_regenerated(tmp_path: Path) -> None:
    """The same version string named several documents (donations 1.7.0's next_after, required then optional):
    now the released file of a version differs from a changed document, and generate writes nothing."""
    shutil.copytree(ROOT / "docs" / "openapi", tmp_path / "docs" / "openapi")
    shutil.copytree(ROOT / "docs" / "releases", tmp_path / "docs" / "releases")
    shutil.copytree(ROOT / openapi.CLIENTS, tmp_path / openapi.CLIENTS, ignore=shutil.ignore_patterns("__pycache__"))
    assert openapi.stale_files(tmp_path) == []
    doc = json.loads(openapi._render_all()[0]["docs/openapi/donations.json"])
    released = releases.path_of(tmp_path, "donations", doc["info"]["version"])
    released.write_text(releases.render(doc | {"paths": {}}))  # the version released as another document
    assert openapi.stale_files(tmp_path) == [released.relative_to(tmp_path).as_posix()]
    (tmp_path / "docs" / "openapi" / "members.json").unlink()
    with pytest.raises(SystemExit, match=f"donations {doc['info']['version']} was released"):
        openapi.generate(tmp_path)
    assert not (tmp_path / "docs" / "openapi" / "members.json").exists()  # nothing written
    released.unlink()  # a version not released yet: generate releases it
    assert released.relative_to(tmp_path).as_posix() in openapi.generate(tmp_path)
    assert openapi.stale_files(tmp_path) == []


def test_an_event_schema_removed_or_rewritten_in_the_working_tree_is_still_checked_against_its_release(
    tmp_path: Path,
) -> None:
    """The check compared the models with docs/events only: a commit that deleted a schema file and regenerated
    passed with amount_vnd turned into text. Each released catalogue is checked too."""
    shutil.copytree(ROOT / "docs" / "releases", tmp_path / "docs" / "releases")
    (tmp_path / "docs" / "events").mkdir(parents=True)  # every committed schema gone
    assert cat.compatibility_problems(tmp_path) == {}
    released = releases.path_of(tmp_path, cat.RELEASED_AS, cat.VERSION)
    schemas = json.loads(released.read_text())
    recorded = schemas["donations.donation.recorded.v1"]
    recorded["properties"]["amount_vnd"] = {"type": "string"}  # as if the model had been an integer since
    released.write_text(releases.render(schemas))
    problems = cat.compatibility_problems(tmp_path)
    assert any("amount_vnd" in p for p in problems[f"donations.donation.recorded.v1 (events {cat.VERSION})"])
    assert "was released" in problems[f"events {cat.VERSION}"][0]  # and the version names another catalogue
    with pytest.raises(SystemExit, match="breaking"):
        cat.generate(tmp_path)
