"""Maintainer tool: rebuild the shipped long CSV files from the raw public files (not run by riso).

Usage: python -m riso.datasets.build /path/to/shared/data/raw
Region names are resolved through the catalog; rows whose region does not resolve are left out and
counted (never guessed). Values and units are copied unchanged; riso converts units on import.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from riso.catalog import load_catalog
from riso.datasets import DATA_DIR, SHIPPED
from riso.errors import CatalogError

# (raw file, chn_block4 value) -> catalog indicator id, per shipped dataset.
TECHME_MAP = {
    "cn_rd": ("cn_province_rd_intensity_techme.csv", {"RD经费": "rd_expenditure", "RD强度": "rd_intensity"}),
    "cn_patents": (
        "techme/RDPatentAccept.csv", {"合计": "patent_applications", "发明": "invention_patent_applications"}
    ),
    "cn_patent_grants": ("techme/RDPatentAuthority.csv", {"合计": "patent_grants", "发明": "invention_patent_grants"}),
    "cn_tech_market": ("techme/MarketPush.csv", {"金额": "tech_market_turnover", "数量": "tech_contract_count"}),
}


def _write(name: str, rows: list[dict[str, str]]) -> None:
    with (DATA_DIR / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["region", "indicator", "period", "value", "unit", "note"])
        writer.writeheader()
        writer.writerows(rows)


def build(raw: Path) -> None:
    """Write every shipped file from the raw folder."""
    catalog = load_catalog()
    for name, (file, mapping) in TECHME_MAP.items():
        rows, seen, skipped = [], set(), 0
        with (raw / file).open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                indicator = mapping.get(rec["chn_block4"])
                if not indicator or rec["value"].strip() in ("", "NA"):
                    continue
                try:
                    region = catalog.region("".join(rec["province"].split())).id
                except CatalogError:
                    skipped += 1
                    continue
                key = (region, indicator, rec["year"])
                if key in seen:
                    skipped += 1
                    continue
                seen.add(key)
                rows.append({"region": region, "indicator": indicator, "period": rec["year"], "value": rec["value"],
                             "unit": rec["units"], "note": rec["variables"]})
        _write(name, rows)
        print(f"{name}: {len(rows)} rows, {skipped} left out")
    rows = []
    with (raw / "wdi_gerd_pct_gdp.csv").open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    header = lines[4]
    for line in lines[5:]:
        if len(line) < 5:
            continue
        try:
            region = catalog.region(line[1]).id
        except CatalogError:
            continue
        for year, value in zip(header[4:], line[4:], strict=False):
            if value.strip():
                rows.append({"region": region, "indicator": "rd_intensity", "period": year, "value": value,
                             "unit": "%", "note": line[1]})
    _write("wdi_rd_intensity", rows)
    print(f"wdi_rd_intensity: {len(rows)} rows")
    missing = [d.name for d in SHIPPED if not (DATA_DIR / d.file).is_file()]
    if missing:
        print("not built:", missing)


if __name__ == "__main__":
    build(Path(sys.argv[1]))
