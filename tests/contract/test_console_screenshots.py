"""Every screen of the staff console named in the README has its screenshots, at phone and desktop width."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "### The staff console"


def screens_named_in_readme(readme: str) -> list[str]:
    """The first column of the screens table of the README's console section."""
    start = readme.index(SECTION)
    end = readme.find("\n#", start + len(SECTION))
    section = readme[start : end if end != -1 else None]
    rows = re.findall(r"^\| ([a-z][a-z-]*) \|", section, flags=re.MULTILINE)
    return [r for r in rows if r != "screen"]


def test_every_console_screen_in_the_readme_has_its_screenshots() -> None:
    readme = (ROOT / "README.md").read_text()
    screens = screens_named_in_readme(readme)
    assert len(screens) >= 6, screens  # the table was found and read
    missing = []
    for screen in screens:
        for width in ("phone", "desktop"):
            shot = f"docs/console/{screen}-{width}.png"
            if not (ROOT / shot).is_file() or (ROOT / shot).stat().st_size < 5_000:
                missing.append(shot)
            elif f"({shot})" not in readme:
                missing.append(f"{shot} (not linked)")
    assert not missing, f"screens named in the README without a screenshot: {missing}"


def test_a_screen_without_a_screenshot_is_found() -> None:
    readme = f"{SECTION}\n\n| screen | x |\n|---|---|\n| nowhere | y |\n\n## Next\n| later | z |\n"
    assert screens_named_in_readme(readme) == ["nowhere"]
    assert not (ROOT / "docs" / "console" / "nowhere-phone.png").exists()
