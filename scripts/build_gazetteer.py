"""Generate the gazetteer data files from pycountry (ISO 3166-1/-2 and their translations) and Babel (CLDR).

.venv/bin/python scripts/build_gazetteer.py            # writes src/riso/catalog/data/regions_iso_*.yaml, demonyms.yaml
.venv/bin/python scripts/build_gazetteer.py --check    # exit 1 when the committed files differ from a fresh build

Sources:
- countries: every ISO 3166-1 entry of ``pycountry`` (alpha-2 id, alpha-3 and numeric codes, common and
  official names as aliases) named in en/de/fr/it/es/zh from Babel's CLDR territory names;
- China's prefecture-level cities, prefectures, autonomous prefectures and leagues and its national high-tech
  zones from the hand-written ``scripts/gazetteer_cn_prefectures.yaml`` (Ministry of Civil Affairs list);
- second-level subdivisions (provinces, NUTS-3) of Italy, Spain and Belgium from ``pycountry``;
- first-level subdivisions (ISO 3166-2) of the EU members, the United Kingdom, Switzerland, Norway,
  Canada, the United States and Australia from ``pycountry`` with its de/fr/it/es/zh_CN translations;
  the EU NUTS regions that are first-level divisions (German Länder = NUTS-1, Italian regions and Spanish
  autonomous communities = NUTS-2, Belgian regions = NUTS-1, Austrian Länder = NUTS-2 …) carry their
  NUTS code (Eurostat, NUTS 2021 classification);
- English exonyms of subdivisions, the EU/OECD aggregates, the former French regions (INSEE, regions
  before the 2016 reform) and the UK's ITL1 regions (ONS) are written by hand in
  ``scripts/gazetteer_sources.yaml``; so are demonyms and adjectives, as base forms inflected by the
  regular rules of each language (``_inflect``).

Entries already defined in the hand-written ``regions_*.yaml`` files keep their hand-written data; a
generated name another entry already has is dropped (the earlier entry keeps it).
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import pycountry
import yaml
from babel import Locale

DATA = Path(__file__).resolve().parents[1] / "src" / "riso" / "catalog" / "data"
LANGS = ("en", "de", "fr", "it", "es", "zh")
_BABEL = {"en": "en", "de": "de", "fr": "fr", "it": "it", "es": "es", "zh": "zh_Hans"}
_GETTEXT = {"de": "de", "fr": "fr", "it": "it", "es": "es", "zh": "zh_CN"}
GENERATED = (
    "regions_iso_countries.yaml", "regions_iso_subdivisions.yaml", "demonyms.yaml", "aliases_zh_hant.yaml",
    "regions_cn_prefectures.yaml",
)  # fmt: skip

# Traditional forms of the simplified characters used in Chinese region names (Unicode Unihan kTraditionalVariant),
# so texts from Hong Kong, Macao and Taiwan ("江蘇", "中國") name the same regions.
TRADITIONAL = dict(zip(
    "苏东广龙辽宁内陕云贵台湾门沪庆国华汉连锡镇济岛厦阳长郑乌鲁兰银尔滨庄温绍兴扬盐绵宾区县丽鄂赣闽豫晋冀湘黔滇陇"
    "琼桂粤浙皖鲁吉蒙疆藏渝川京津萧嵊诸义乐湛韶阳江汕头梅龙岩漳莆泉宁德衢舟关杨凤门吴锦铁鞍抚营盘葫芦岭齐鹤双鸡伊佳"
    "牡黑绥呼鄂乌包赤兰张掖嘉峪关陇玛凉乐泸达资内遂广眉雅巴",
    "蘇東廣龍遼寧內陝雲貴臺灣門滬慶國華漢連錫鎮濟島廈陽長鄭烏魯蘭銀爾濱莊溫紹興揚鹽綿賓區縣麗鄂贛閩豫晉冀湘黔滇隴"
    "瓊桂粵浙皖魯吉蒙疆藏渝川京津蕭嵊諸義樂湛韶陽江汕頭梅龍岩漳莆泉寧德衢舟關楊鳳門吳錦鐵鞍撫營盤葫蘆嶺齊鶴雙雞伊佳"
    "牡黑綏呼鄂烏包赤蘭張掖嘉峪關隴瑪涼樂瀘達資內遂廣眉雅巴",
    strict=True,
))

SOURCES = Path(__file__).with_name("gazetteer_sources.yaml")  # the hand-written inputs, with their sources
_HAND = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
EU: list[str] = _HAND["eu"]
SUBDIVISION_TYPES: dict[str, list[str]] = _HAND["subdivision_types"]
NUTS_CODES: dict[str, str] = _HAND["nuts_codes"]
EXONYMS: dict[str, dict[str, str | list[str]]] = _HAND["exonyms"]
COUNTRY_ALIASES: dict[str, list[str]] = _HAND["country_aliases"]
EXTRA_REGIONS: list[dict[str, object]] = _HAND["extra_regions"]
AGGREGATES: list[dict[str, object]] = _HAND["aggregates"]
DEMONYMS: dict[str, dict[str, list[str]]] = _HAND["demonyms"]
TRADITIONAL: dict[str, str] = dict(zip(_HAND["traditional"][::2], _HAND["traditional"][1::2], strict=True))
SECOND_LEVEL: dict[str, list[str]] = _HAND["second_level_types"]
SECOND_LEVEL_SKIP: set[str] = set(_HAND["second_level_skip"])
_CN = yaml.safe_load(SOURCES.with_name("gazetteer_cn_prefectures.yaml").read_text(encoding="utf-8"))
_CN_ITEM = re.compile(r"^(?P<zh>[\u3400-\u9fff]+)(?:=(?P<short>[\u3400-\u9fff]+))? (?P<en>[^!]+?)(?P<bang>!)?$")

_VOWEL_END = re.compile(r"[aeiouàèéìòù]$")


def _inflect(form: str, lang: str) -> list[str]:
    """The regular adjective forms of a base form: gender and number (fr/it/es), case endings (de)."""
    if lang in ("en", "zh") or " " in form or "-weit" in form or form.endswith("weit"):
        return [form]
    if lang == "de":
        return [form, *(form + e for e in ("e", "en", "er", "es", "em"))]
    if lang == "fr":
        if form.endswith("e"):
            return [form, form + "s"]
        base = form + ("ne" if form.endswith(("ien", "on")) else "se" if form.endswith("ou") else "e")
        if form.endswith("c"):  # grec -> grecque, turc -> turque
            base = form[:-1] + ("cque" if form == "grec" else "que")
        plural = form if form.endswith(("s", "x")) else form + "s"
        return [form, base, plural, base + "s"]
    if lang == "it":
        if form.endswith("e"):
            return [form, form[:-1] + "i"]
        if form.endswith("a"):  # belga
            return [form, form[:-1] + "i", form[:-1] + "he"]
        stem = form[:-1]
        plural_m = stem + ("hi" if stem.endswith(("c", "g")) and form not in ("greco",) else "i")
        plural_f = stem + ("he" if stem.endswith(("c", "g")) else "e")
        return [form, stem + "a", plural_m, plural_f]
    if lang == "es":
        if form.endswith("o"):
            stem = form[:-1]
            return [form, stem + "a", stem + "os", stem + "as"]
        if form.endswith(("e", "a", "í")):
            return [form, form + "s"] + ([form + "es"] if form.endswith("í") else [])
        plain = _strip_last_accent(form)
        plural = plain[:-1] + "ces" if plain.endswith("z") else plain + "es"  # andaluz -> andaluces
        return [form, plain + "a", plural, plain + "as"]
    return [form]


def _strip_last_accent(word: str) -> str:
    table = str.maketrans("áéíóú", "aeiou")
    i = max(word.rfind(c) for c in "áéíóú")
    return word if i < 0 else word[:i] + word[i].translate(table) + word[i + 1 :]


def _clean(name: str) -> str:
    """An ISO name as people write it: "wallonne, Région" -> "Région wallonne", brackets dropped."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    if ", " in name:
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    return name.strip()


def _hand_written() -> tuple[set[str], set[str]]:
    """Ids and codes, and name keys, of the hand-written region files."""
    ids: set[str] = set()
    names: set[str] = set()
    for path in sorted(DATA.glob("regions_*.yaml")):
        if path.name in GENERATED:
            continue
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("regions", []):
            ids.add(entry["id"])
            ids.update(str(c).upper() for c in entry.get("codes", []))
            names.update(_key(n) for n in (*entry.get("names", {}).values(), *entry.get("aliases", [])))
    return ids, names


def _key(name: str) -> str:
    from riso.catalog._fold import key

    return key(name)


class _Names:
    """Claims names and codes in order: one already claimed by another entry is dropped."""

    def __init__(self, taken: set[str], codes: set[str]) -> None:
        self.taken = dict.fromkeys(taken, "")
        self.codes = dict.fromkeys(codes, "")

    def claim_code(self, entry_id: str, code: str) -> bool:
        owner = self.codes.setdefault(code.upper(), entry_id)
        return owner == entry_id

    def claim(self, entry_id: str, name: str) -> bool:
        k = _key(name)
        if not k or (len(k) < 3 and not re.search(r"[\u3400-\u9fff]", name)):
            return False
        owner = self.taken.get(k)
        if owner is not None and owner != entry_id:
            return False
        self.taken[k] = entry_id
        return True


def _entry(entry_id: str, level: str, parent: str | None, names: dict[str, str], aliases: Iterable[str],
           codes: Iterable[str], claims: _Names) -> dict[str, object] | None:  # fmt: skip
    if not claims.claim_code(entry_id, entry_id):
        return None
    kept = {lang: n for lang, n in names.items() if n and claims.claim(entry_id, n)}
    if "en" not in kept:
        return None
    out_aliases = [a for a in dict.fromkeys(aliases) if a not in kept.values() and claims.claim(entry_id, a)]
    entry: dict[str, object] = {"id": entry_id, "level": level}
    if parent:
        entry["parent"] = parent
    codes = [c for c in dict.fromkeys(codes) if c and c != entry_id and claims.claim_code(entry_id, c)]
    if codes:
        entry["codes"] = codes
    entry["names"] = kept
    if out_aliases:
        entry["aliases"] = out_aliases
    return entry


def _countries(claims: _Names, hand_ids: set[str]) -> list[dict[str, object]]:
    locales = {lang: Locale.parse(code).territories for lang, code in _BABEL.items()}
    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cid = country.alpha_2
        if cid in hand_ids:
            continue
        names = {lang: str(locales[lang].get(cid) or "") for lang in LANGS}
        names["en"] = names["en"] or country.name
        aliases = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        aliases += COUNTRY_ALIASES.get(cid, [])
        entry = _entry(cid, "country", "EU" if cid in EU else "world", names, [a for a in aliases if a],
                       [country.alpha_3, country.numeric], claims)  # fmt: skip
        if entry is not None:
            out.append(entry)
    for agg in AGGREGATES:
        if agg["id"] in hand_ids:
            continue
        entry = _entry(str(agg["id"]), str(agg["level"]), str(agg["parent"]), dict(agg["names"]),  # type: ignore[arg-type]
                       list(agg.get("aliases", [])), list(agg.get("codes", [])), claims)  # type: ignore[arg-type]  # fmt: skip
        if entry is not None:
            out.append(entry)
    return out


def _translations() -> dict[str, gettext.NullTranslations]:
    return {
        lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[code])
        for lang, code in _GETTEXT.items()
    }


def _subdivisions(claims: _Names, hand_ids: set[str]) -> list[dict[str, object]]:
    tr = _translations()
    out = []
    for country, types in SUBDIVISION_TYPES.items():
        subs = sorted(
            (
                s
                for s in pycountry.subdivisions.get(country_code=country) or []
                if s.type in types and s.parent_code is None
            ),
            key=lambda s: s.code,
        )
        for sub in subs:
            if sub.code in hand_ids:
                continue
            local = _clean(sub.name)
            extra = EXONYMS.get(sub.code, {})
            names = {"en": str(extra.get("en") or local)}
            for lang in ("de", "fr", "it", "es", "zh"):
                translated = _clean(tr[lang].gettext(sub.name))
                if translated != local or lang == "zh":
                    names[lang] = translated if lang != "zh" or re.search(r"[\u3400-\u9fff]", translated) else ""
            aliases = [local, *extra.get("aliases", [])]  # type: ignore[misc]
            codes = [NUTS_CODES[sub.code]] if sub.code in NUTS_CODES else []
            entry = _entry(sub.code, "province", country, names, aliases, codes, claims)
            if entry is not None:
                out.append(entry)
    out += _second_level(claims, hand_ids, tr)
    for extra_region in EXTRA_REGIONS:
        rid = str(extra_region["id"])
        if rid in hand_ids:
            continue
        level = str(extra_region.get("level", "province"))
        entry = _entry(rid, level, str(extra_region["parent"]), dict(extra_region["names"]),  # type: ignore[arg-type]
                       list(extra_region.get("aliases", [])), list(extra_region.get("codes", [])), claims)  # type: ignore[arg-type]  # fmt: skip
        if entry is not None:
            out.append(entry)
    return out


def _second_level(
    claims: _Names, hand_ids: set[str], tr: dict[str, gettext.NullTranslations]
) -> list[dict[str, object]]:
    """Provinces (NUTS-3) of the countries in ``second_level_types``: level city, parent the first-level region."""
    out = []
    for country, types in SECOND_LEVEL.items():
        subs = sorted(
            (s for s in pycountry.subdivisions.get(country_code=country) or [] if s.type in types and s.parent_code),
            key=lambda s: s.code,
        )
        for sub in subs:
            if sub.code in hand_ids or sub.code in SECOND_LEVEL_SKIP:
                continue
            local = _clean(sub.name)
            names = {"en": local}
            for lang in ("de", "fr", "it", "es", "zh"):
                translated = _clean(tr[lang].gettext(sub.name))
                if translated != local and (lang != "zh" or re.search(r"[\u3400-\u9fff]", translated)):
                    names[lang] = translated
            entry = _entry(sub.code, "city", sub.parent_code, names, [], [], claims)
            if entry is not None:
                out.append(entry)
    return out


def _cn_prefectures(claims: _Names, hand_ids: set[str]) -> list[dict[str, object]]:
    """China's prefecture-level divisions (level city) and national high-tech zones (level district)."""
    out: list[dict[str, object]] = []
    short_of: dict[str, str] = {}
    english_of: dict[str, str] = {}
    for province, items in _CN["prefectures"].items():
        for item in items:
            match = _CN_ITEM.match(item)
            if match is None:
                raise SystemExit(f"gazetteer_cn_prefectures.yaml: cannot read {item!r} (write '全称 Pinyin')")
            zh, en = match["zh"], match["en"].strip()
            base = re.sub(r"\s*\(.*?\)", "", en)
            slug = re.sub(r"[^a-z]", "", _key(re.sub(r"\s+(City|League|Prefecture)$", "", base)))
            rid = f"cn-{province[3:].lower()}-{slug}"
            short = match["short"] or re.sub(r"(市|地区|盟)$", "", zh)
            short_of[rid], english_of[rid] = short if len(short) >= 2 else zh, base
            if rid in hand_ids:
                continue
            kind = "City" if zh.endswith("市") else "Prefecture"
            aliases = [] if match["bang"] or short == zh or len(short) < 2 else [short]
            if "(" not in en and not en.endswith((" City", " League", " Prefecture")):
                aliases.append(f"{base} {kind}")
            entry = _entry(rid, "city", province, {"en": en, "zh": zh}, aliases, [], claims)
            if entry is not None:
                out.append(entry)
    zones = _CN["hitech_zones"]
    for zone in zones["named"]:
        entry = _entry(zone["id"], "district", zone["parent"], {"en": zone["en"], "zh": zone["zh"]},
                       zone.get("aliases", []), [], claims)  # fmt: skip
        if entry is not None:
            out.append(entry)
    for city in zones["cities"]:
        if city not in short_of:
            raise SystemExit(f"gazetteer_cn_prefectures.yaml: high-tech zone of unknown city {city!r}")
        short, en = short_of[city], english_of[city]
        names = {"en": f"{en} High-Tech Zone", "zh": f"{short}高新技术产业开发区"}
        aliases = [f"{short}高新区", f"{short}国家高新区", f"{en} National High-tech Industrial Development Zone",
                   f"{en} High-tech Zone", f"{en} Hi-Tech Zone"]  # fmt: skip
        entry = _entry(f"{city}-hitech", "district", city, names, aliases, [], claims)
        if entry is not None:
            out.append(entry)
    return out


def _demonyms(claims: _Names) -> list[dict[str, object]]:
    out = []
    for region_id, per_lang in DEMONYMS.items():
        forms: dict[str, list[str]] = {}
        for lang, bases in per_lang.items():
            kept = [f for base in bases for f in _inflect(base, lang) if claims.claim(region_id, f)]
            if kept:
                forms[lang] = list(dict.fromkeys(kept))
        if forms:
            out.append({"region": region_id, "forms": forms})
    return out


def _traditional(text: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in text)


def _hant_aliases(claims: _Names, generated: list[dict[str, object]]) -> list[dict[str, object]]:
    """Traditional-script names of every region with a Chinese name (babel zh_Hant for countries)."""
    hant = Locale.parse("zh_Hant").territories
    out = []
    entries = [e for path in sorted(DATA.glob("regions_*.yaml")) if path.name not in GENERATED
               for e in yaml.safe_load(path.read_text(encoding="utf-8")).get("regions", [])]  # fmt: skip
    for entry in [*entries, *generated]:
        rid = str(entry["id"])
        written = (entry.get("names", {}).get("zh"), *entry.get("aliases", []))  # type: ignore[union-attr]
        zh = [str(n) for n in written if n and re.search(r"[\u3400-\u9fff]", str(n))]
        forms = [_traditional(n) for n in zh]
        if len(rid) == 2 and rid in hant:
            forms.append(str(hant[rid]))
        kept = [f for f in dict.fromkeys(forms) if f not in zh and claims.claim(rid, f)]
        if kept:
            out.append({"region": rid, "forms": {"zh": kept}})
    return out


def _dump(kind: str, entries: list[dict[str, object]], header: str) -> str:
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines.append(f"{kind}:")
    for entry in entries:
        lines.append("  - " + yaml.safe_dump(entry, allow_unicode=True, default_flow_style=True, width=10_000).strip())
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """The generated files' contents, by file name."""
    hand_ids, hand_names = _hand_written()
    claims = _Names(hand_names, hand_ids)
    countries = _countries(claims, hand_ids)
    subdivisions = _subdivisions(claims, hand_ids)
    prefectures = _cn_prefectures(claims, hand_ids)
    known = hand_ids | {str(e["id"]) for e in (*countries, *subdivisions, *prefectures)}
    demonyms = [d for d in _demonyms(claims) if d["region"] in known]
    hant = _hant_aliases(claims, [*countries, *subdivisions, *prefectures])
    note = "Generated by scripts/build_gazetteer.py: do not edit by hand (edit the script or a hand-written file)."
    return {
        GENERATED[0]: _dump("regions", countries, f"""Every ISO 3166-1 country (pycountry {pycountry.__version__}) not
in a hand-written file, named from Babel's CLDR territory names; EU/OECD aggregates written by hand.
{note}"""),
        GENERATED[1]: _dump("regions", subdivisions, f"""First-level ISO 3166-2 subdivisions
(pycountry {pycountry.__version__} and its translations) of the EU members, GB, CH, NO, CA, US and AU,
with Eurostat NUTS 2021 codes;
English exonyms, former French regions (INSEE) and the UK's ITL1 regions (ONS) written by hand.
{note}"""),
        GENERATED[2]: _dump("demonyms", demonyms, f"""Adjectives and demonyms naming a region
("la inversión española" -> ES), base forms written by hand, inflected by each language's regular rules. {note}"""),
        GENERATED[3]: _dump("aliases", hant, f"""Traditional-script Chinese names of the regions with a Chinese name
(Babel's zh_Hant territory names for countries, a character map for the rest). {note}"""),
        GENERATED[4]: _dump("regions", prefectures, f"""China's prefecture-level divisions (Ministry of Civil Affairs,
2023) and national high-tech zones (State Council / MOST list) from scripts/gazetteer_cn_prefectures.yaml:
full and short Chinese names, pinyin English names. {note}"""),
    }  # fmt: skip


def main() -> int:
    """Write the files (or compare them with --check)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the committed files differ from a fresh build")
    args = parser.parse_args()
    stale = []
    for name, text in build().items():
        path = DATA / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(DATA.parents[3])} ({text.count(chr(10) + '  - ')} entries)")
    if stale:
        print(f"stale generated files: {', '.join(stale)}; run scripts/build_gazetteer.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
