"""Every screen of the staff console named in the README has its screenshots, at phone and desktop width,
linked from the README; and every screenshot under docs/console/ is of a screen the README names."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "### The staff console"
WIDTHS = ("phone", "desktop")


def screens_named_in_readme(readme: str) -> list[str]:
    """The first column of the screens table of the README's console section."""
    start = readme.index(SECTION)
    end = readme.find("\n#", start + len(SECTION))
    section = readme[start : end if end != -1 else None]
    rows = re.findall(r"^\| ([a-z][a-z-]*) \|", section, flags=re.MULTILINE)
    return [r for r in rows if r != "screen"]


def missing_screenshots(readme: str, root: Path) -> list[str]:
    """The screenshots a screen named in ``readme`` lacks under ``root``/docs/console (or its README link)."""
    missing = []
    for screen in screens_named_in_readme(readme):
        for width in WIDTHS:
            shot = f"docs/console/{screen}-{width}.png"
            if not (root / shot).is_file() or (root / shot).stat().st_size < 5_000:
                missing.append(shot)
            elif f"({shot})" not in readme:
                missing.append(f"{shot} (not linked)")
    return missing


def test_every_console_screen_in_the_readme_has_its_screenshots() -> None:
    readme = (ROOT / "README.md").read_text()
    assert len(screens_named_in_readme(readme)) >= 9  # the table was found and read
    assert not missing_screenshots(readme, ROOT), "screens named in the README without a screenshot"


def test_every_screenshot_is_of_a_screen_the_readme_names() -> None:
    screens = set(screens_named_in_readme((ROOT / "README.md").read_text()))
    shots = {p.name for p in (ROOT / "docs" / "console").glob("*.png")}
    assert shots == {f"{s}-{w}.png" for s in screens for w in WIDTHS}


def test_a_screen_without_a_screenshot_or_a_link_is_found(tmp_path: Path) -> None:
    readme = (
        f"{SECTION}\n\n| screen | x | phone | desktop |\n|---|---|---|---|\n"
        "| shown | y | [phone](docs/console/shown-phone.png) | desktop |\n| nowhere | y | | |\n"
        "\n## Next\n| later | z |\n"
    )
    assert screens_named_in_readme(readme) == ["shown", "nowhere"]
    (tmp_path / "docs" / "console").mkdir(parents=True)
    for width in WIDTHS:
        (tmp_path / "docs" / "console" / f"shown-{width}.png").write_bytes(b"\x89PNG" + b"\0" * 6_000)
    assert missing_screenshots(readme, tmp_path) == [
        "docs/console/shown-desktop.png (not linked)",
        "docs/console/nowhere-phone.png",
        "docs/console/nowhere-desktop.png",
    ]
