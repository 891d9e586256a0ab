"""Generate China's county-level divisions (districts, counties, county-level cities, banners) for the gazetteer.

pip install cpca    # build-time only: its adcodes.csv has the GB/T 2260 division codes (cpca itself is not imported)
.venv/bin/python scripts/build_cn_counties.py    # writes src/riso/extract/data/cn_counties.txt

The extractor reads the list for Chinese text only (riso.extract.subjects): a district or county is a subject by its
name, under the gazetteer region it belongs to; the catalog keeps the regions that have data pages.

Each division gets its full name (余杭区). A short form without the suffix (余杭) is an alias only for the
districts of the innovation cities and municipalities, and only when no other division, region or common word
has it (``_COMMON``): districts called 城关, 和平 or 新华 exist in many cities, 大余 is inside 浙大余杭. A full name
shared by several divisions (南山区 in Shenzhen and Hegang) is kept only in its qualified forms (深圳市南山区).
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from riso.catalog._fold import key  # the catalog's own name folding

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "riso" / "catalog" / "data"
OUT = ROOT / "src" / "riso" / "extract" / "data" / "cn_counties.txt"
_SUFFIXES = ("自治县", "自治旗", "新区", "区", "县", "市", "旗", "林区", "特区")
# short forms that are common words or generic names: never an alias on their own
_COMMON = frozenset(
    " ".join(
        [
            "城区 郊区 矿区 市中 城关 新华 和平 长安 新城 城中 城东 城西 城南 城北 东区 西区",
            "南区 北区 中区 开发 高新 平安 永安 安宁 安定 太平 永和 清河 白云 青山 红旗 前进",
            "向阳 东风 胜利 先锋 建设 江北 江南 河东 河西 山南 海港 港口 新兴 兴业 富民 长城",
            "光明 金山 普陀 黄浦 松江 龙华 朝阳 开平 海城 新乡 东方 文昌 万宁 五指山 龙泉",
            "和田 新市 工农 铁西 铁东 立山 千山 红山 红岗 大同 宝山 白山 东山 西山 南山 北山",
            "中山 江山 东港 西岗 中原 二七 上街 新民 双城 团结 新洲 通州 鼓楼 台江 仓山 南开",
            "河北 红桥 东丽 西青 津南 北辰 武清 宝坻 滨海 宁河 静海 蓟州",
        ]
    ).split()
)


def _rows() -> list[tuple[str, str]]:
    spec = importlib.util.find_spec("cpca")  # its data file only: cpca itself is not imported
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install cpca (its adcodes.csv is the source)")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as handle:
        return [(r["adcode"][:6], r["name"]) for r in csv.DictReader(handle)]


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _existing() -> tuple[dict[str, str], dict[str, str], set[str]]:
    """The gazetteer's Chinese regions by division code and by Chinese name, and every name it has (folded)."""
    by_code: dict[str, str] = {}
    by_name: dict[str, str] = {}
    names: set[str] = set()
    for path in sorted(DATA.glob("regions_*.yaml")):
        if path == OUT:
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("regions", []):
            for code in entry.get("codes", []):
                if str(code).isdigit() and len(str(code)) == 6:
                    by_code.setdefault(str(code), entry["id"])
            names.update(key(str(n)) for n in (*entry.get("names", {}).values(), *entry.get("aliases", [])))
            if entry.get("names", {}).get("zh"):
                by_name.setdefault(str(entry["names"]["zh"]), entry["id"])
    return by_code, by_name, names


def _major_cities() -> set[str]:
    """The innovation cities and municipalities whose districts are named without their suffix (余杭, 南山, 浦东):
    the hand-written ``regions_cn_cities.yaml`` and the four municipalities."""
    entries = yaml.safe_load((DATA / "regions_cn_cities.yaml").read_text(encoding="utf-8")).get("regions", [])
    return {e["id"] for e in entries} | {"CN-BJ", "CN-SH", "CN-TJ", "CN-CQ"}


def build() -> str:
    by_code, by_name, taken = _existing()
    major = _major_cities()
    rows = _rows()
    prefecture = {code: name for code, name in rows if code.endswith("00") and not code.endswith("0000")}
    counties = [(c, n) for c, n in rows if not c.endswith("00") and n not in ("市辖区",)]
    full_count = Counter(n for _, n in counties)
    short_count = Counter(_short(n) for _, n in counties)
    entries = []
    for code, name in sorted(counties):
        city = prefecture.get(code[:4] + "00", "")
        parent = by_code.get(code[:4] + "00") or by_name.get(city) or by_code.get(code[:2] + "0000")
        if parent is None:
            continue
        qualified = [f"{city}{name}", f"{_short(city)}{name}"] if city and city not in ("市辖区", "县") else []
        # a one-character stem (范县, 沛县) is inside common words (示范县): such names are left out
        names = [name] if full_count[name] == 1 and key(name) not in taken and len(name) > 2 else []
        # qualified forms only where the full name is ambiguous: 杭州市余杭区 is found as 杭州市 and 余杭区
        aliases = [] if names else [q for q in dict.fromkeys(qualified) if key(q) not in taken and q != name]
        aliases = aliases if len(name) > 2 or not names else []
        short = _short(name)
        if (
            parent in major
            and short != name
            and short_count[short] == 1
            and full_count[name] == 1
            and short not in _COMMON
            and key(short) not in taken
        ):
            aliases.append(short)
        zh = names[0] if names else (aliases[0] if aliases else "")
        if not zh:
            continue
        entries.append(f"{zh}\t{','.join(rest for rest in aliases if rest != zh)}\t{parent}")
    head = (
        "# China's county-level divisions (GB/T 2260, as shipped by the cpca package): name, short forms, parent.\n"
        "# Generated by scripts/build_cn_counties.py: do not edit by hand.\n"
    )
    lines = [head.rstrip("\n"), *entries]
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
