"""Fixtures for the matcher: the real NKRDP projects (shipped register copy) as offers, indexed once."""

from __future__ import annotations

import pytest

from riso.match import MatchIndex, Offer, build_index, item_of_offer
from riso.match.sources import offers_from_nkrdp
from riso.services.actors import read_rows
from riso.services.match import register_path


@pytest.fixture(scope="session")
def nkrdp_offers() -> list[Offer]:
    """The 2,149 distinct National Key R&D projects as offers."""
    path = register_path("nkrdp")
    return offers_from_nkrdp(read_rows(path), file=path.name, source="PubNKRDP").offers


@pytest.fixture(scope="session")
def nkrdp_index(nkrdp_offers: list[Offer]) -> MatchIndex:
    """The lexical index over them."""
    return build_index([item_of_offer(o) for o in nkrdp_offers])
