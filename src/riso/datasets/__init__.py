"""Real data shipped with riso: public statistics in riso's long CSV layout, each with its citation.

See SOURCES.md beside this file. ``SHIPPED`` lists the files; services load them through the
ordinary data import, so shipped rows carry the same provenance as any imported file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DATA_DIR", "SHIPPED", "ShippedDataset"]

DATA_DIR = Path(__file__).parent / "data"

_TECHME = (
    "huhuaping/techme R package (MIT, © 2021 Hu Huaping), compiled from National Bureau of Statistics / "
    "Ministry of Science and Technology publications"
)


@dataclass(frozen=True)
class ShippedDataset:
    """One shipped file and how to cite it."""

    name: str
    file: str
    source: str  # the citation stored with every observation
    licence: str

    @property
    def path(self) -> Path:
        """Where the file lies in the installed package."""
        return DATA_DIR / self.file


SHIPPED: tuple[ShippedDataset, ...] = (
    ShippedDataset(
        "cn_rd", "cn_rd.csv",
        "NBS, Statistical Communiqué on National Expenditures on Science and Technology (全国科技经费投入统计公报), "
        f"2011-2023, via {_TECHME}, data object RDIntense",
        "MIT (compilation); official statistics",
    ),
    ShippedDataset(
        "wdi_rd_intensity", "wdi_rd_intensity.csv",
        "World Bank, World Development Indicators, GB.XPD.RSDV.GD.ZS (source: UNESCO UIS), last updated 2026-07-13",
        "CC BY 4.0",
    ),
    ShippedDataset(
        "cn_patents", "cn_patents.csv",
        f"China Statistical Yearbook on Science and Technology, patent applications accepted, via {_TECHME}, "
        "data object RDPatentAccept",
        "MIT (compilation); official statistics",
    ),
    ShippedDataset(
        "cn_patent_grants", "cn_patent_grants.csv",
        f"China Statistical Yearbook on Science and Technology, patents granted, via {_TECHME}, "
        "data object RDPatentAuthority",
        "MIT (compilation); official statistics",
    ),
    ShippedDataset(
        "cn_tech_market", "cn_tech_market.csv",
        "China Statistical Yearbook on Science and Technology, technology-market contracts by seller province "
        f"(输出), via {_TECHME}, data object MarketPush",
        "MIT (compilation); official statistics",
    ),
)
