"""Vietnamese tone marks placed by one convention, so that two spellings of one word compare equal.

In a word ending in "oa", "oe" or "uy" the old convention puts the tone on the first vowel ("Hòa", "khỏe",
"Thủy"), the new one on the second ("Hoà", "khoẻ", "Thuỷ"); both are typed every day (two machines, two
keyboard settings), so a name or an address is compared after :func:`tone_key`. The services that keep keys
in SQL have the same rule as ``rc_tone_key`` (campaigns migration 0010, members migration 0014).
"""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (as decomposed)
# a word's last two vowels "o" + tone + "a"/"e", "u" + tone + "y": the tone to the second (new convention)
_OLD_TONE_PLACE = (
    re.compile(f"o([{_TONE_MARKS}])([ae])(?=\\s|$)"),
    re.compile(f"u([{_TONE_MARKS}])(y)(?=\\s|$)"),
)


def tone_key(text: str) -> str:
    """Lower-case ``text`` with a tone placed by the new convention where the old one differs: "hòa" →
    "hoà", "thủy" → "thuỷ", "khỏe" → "khoẻ"; "hoàng", "của", "mùa" unchanged (NFC)."""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OLD_TONE_PLACE[0].sub(r"o\2\1", decomposed)
    decomposed = _OLD_TONE_PLACE[1].sub(r"u\2\1", decomposed)
    return unicodedata.normalize("NFC", decomposed)
