"""An amount in words on a receipt, as Vietnamese vouchers write it (rc_shared.labels.vnd_in_words)."""

from __future__ import annotations

import pytest

from rc_shared.labels import vnd_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (105, "Một trăm linh năm đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (24_000, "Hai mươi tư nghìn đồng"),
        (110_000, "Một trăm mười nghìn đồng"),
        (1_000_010, "Một triệu không trăm mười đồng"),
        (1_001_000, "Một triệu không trăm linh một nghìn đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (2_005_000, "Hai triệu không trăm linh năm nghìn đồng"),
        (10_000_000, "Mười triệu đồng"),
        (2_000_000_005, "Hai tỷ không trăm linh năm đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (0, "Không đồng"),
    ],
)
def test_an_amount_in_words_as_vietnamese_vouchers_write_it(amount: int, words: str) -> None:
    """Every group after the first is read in full ('không trăm', 'linh'), as accounting writes it."""
    assert vnd_in_words(amount) == words
