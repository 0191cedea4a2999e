"""What a command printed, as words: rich draws its errors in a box that breaks lines at 80 columns."""

from __future__ import annotations


def said(output: str) -> str:
    """The command's words, without rich's box and its line breaks."""
    return " ".join(output.replace("│", " ").split())
