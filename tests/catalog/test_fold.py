"""fold's string table maps every character as the dict it is built from does."""

from __future__ import annotations

from riso.catalog._fold import _TABLE, fold


def test_fold_matches_the_dict_table_on_every_code_point() -> None:
    text = "".join(chr(cp) for cp in range(0x10000)) + "\U0001f600\U0001d518\U00020000"
    assert fold(text) == text.translate(_TABLE)
    assert len(fold(text)) == len(text)


def test_fold_examples() -> None:
    assert fold("Baden-Württemberg") == "baden-wurttemberg"
    assert fold("Île-de-France\u00a0– Région") == "ile-de-france - region"
    assert fold("ＲＤ投入“强度”") == 'rd投入"强度"'
