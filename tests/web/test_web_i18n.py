"""Every UI string the dashboard asks for exists in every language, and no language leaves one in English."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from riso.model import FACT_KINDS
from riso.report.labels import labels
from riso.services.targets_table import SORTS, STATUS_ORDER
from riso.web.i18n import DEFAULT_LANGUAGE, available_languages, strings

WEB = Path(str(resources.files("riso.web")))
LITERAL = re.compile(r"""\bt\(\s*['"]([a-z0-9_]+)['"]""")
IN_CODE = re.compile(r"""translate\(\s*lang(?:uage)?\s*,\s*['"]([a-z0-9_]+)['"]""")
# words that are the same in every language (names, abbreviations)
SAME_EVERYWHERE = {"language_name"}


def _used_keys() -> set[str]:
    keys: set[str] = set()
    for path in (WEB / "templates").glob("*.html"):
        keys |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    for path in WEB.glob("*.py"):
        keys |= set(IN_CODE.findall(path.read_text(encoding="utf-8")))
    keys |= {f"status_{s}" for s in STATUS_ORDER} | {f"col_{c}" for c in SORTS}
    keys |= {f"reason_{r}" for r in labels()["reason"]} | {f"kind_{k}" for k in FACT_KINDS}
    keys |= {f"error_{part}_{kind}" for part in ("title", "text")
             for kind in ("not_found", "forbidden", "bad_request", "server")}
    return keys


def test_web_i18n_keys_are_found_in_templates_and_code() -> None:
    used = _used_keys()
    assert {"targets_table_title", "chart_x_axis", "index_rank_axis", "status_moderate"} <= used


@pytest.mark.parametrize("language", available_languages())
def test_web_i18n_no_untranslated_key(language: str) -> None:
    table = strings(language)
    used = _used_keys()
    missing = sorted(k for k in used if not k.endswith("_") and not table.get(k, "").strip())
    # a key built in a template (t('status_' ~ s)): its prefix must name some strings
    missing += sorted(k for k in used if k.endswith("_") and not any(key.startswith(k) for key in table))
    assert missing == [], f"{language}.yaml lacks {missing}"
    if language != DEFAULT_LANGUAGE:
        english = strings(DEFAULT_LANGUAGE)
        same = sorted(k for k in table if table[k] == english.get(k) and k not in SAME_EVERYWHERE)
        assert same == [], f"{language}.yaml leaves these in English: {same}"
