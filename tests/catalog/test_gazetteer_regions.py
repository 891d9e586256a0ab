"""What the generated gazetteer names: China's prefecture-level cities and high-tech zones, Italian, Spanish and
Belgian provinces, common exonyms; and what it must not take for a region. Sentences written here."""

from __future__ import annotations

import pytest

from riso.catalog import load_catalog


def _ids(text: str) -> list[str]:
    return [m.id for m in load_catalog().find_regions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，镇江市高新技术企业达到1800家。", ["cn-js-zhenjiang"]),
        ("连云港和宿迁两市加快创新。", ["cn-js-lianyungang", "cn-js-suqian"]),
        ("延边朝鲜族自治州与延边大学合作。", ["cn-jl-yanbian", "cn-jl-yanbian"]),
        ("喀什地区和伊犁州", ["cn-xj-kashgar", "cn-xj-ili"]),
        ("苏州高新区研发投入强度达到4%。", ["cn-js-suzhou-hitech"]),
        ("中关村示范区企业总收入", ["cn-bj-zhongguancun"]),
        ("武汉东湖新技术开发区（中国光谷）", ["cn-hb-wuhan-hitech", "cn-hb-wuhan-hitech"]),
        ("鎮江與連雲港", ["cn-js-zhenjiang", "cn-js-lianyungang"]),  # traditional characters
        ("苏南五市", ["cn-js-sunan"]),
        ("The plan of Lianyungang and Zhenjiang", ["cn-js-lianyungang", "cn-js-zhenjiang"]),
    ],
)  # fmt: skip
def test_chinese_prefecture_cities_and_zones_are_regions(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected


def test_prefecture_cities_have_their_province_as_parent_and_zones_their_city() -> None:
    catalog = load_catalog()
    assert catalog.region("淮安市").parent == "CN-JS"
    assert catalog.region("Suzhou (Anhui)").parent == "CN-AH"
    assert catalog.region("Suzhou").id == "cn-js-suzhou"  # the hand-written entry keeps the plain name
    assert catalog.region("合肥高新区").parent == "cn-ah-hefei"
    cities = [r for r in catalog.regions.values() if r.level == "city" and r.parent and r.parent.startswith("CN-")]
    assert len(cities) >= 330


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大同小异，长治久安，日照时数，大理石，阿里巴巴，来宾席", []),  # common words that are also short city names
        ("Como se ve en América Latina, el gasto crece.", []),
        ("国家高新技术企业", []),
    ],
)  # fmt: skip
def test_common_words_are_no_regions(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La provincia di Bergamo supera quella di Brescia.", ["IT-BG", "IT-BS"]),
        ("Milano e Napoli guidano la classifica.", ["IT-MI", "IT-NA"]),
        ("La provincia de Sevilla y la de Valladolid", ["ES-SE", "ES-VA"]),
        ("In der Provinz Antwerpen und in Namur", ["BE-VAN", "BE-WNA"]),
        ("Olanda e Corea crescono; Holanda y Castilla León también.", ["NL", "KR", "NL", "ES-CL"]),
    ],
)  # fmt: skip
def test_provinces_and_exonyms_are_regions(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le regioni del Mezzogiorno e quelle del Centro-Nord", ["it-mezzogiorno", "it-centro-nord"]),
        ("Nel Nord-Est e nell'Italia meridionale", ["it-nord-est", "it-sud"]),
        ("R&D fell in the Midlands but rose in the North of England", ["gb-midlands", "gb-north"]),
        ("Corea del Sud e Sud Sardegna", ["KR", "IT-SU"]),  # the longer name wins over a macro-region word
    ],
)  # fmt: skip
def test_macro_regions_statistics_report_by_are_regions(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected
