"""The catalog's lookups, text search and units, on the built-in data."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.catalog import LANGUAGES, Catalog, Mention, load_catalog
from riso.errors import UnitMismatch, UnknownIndicator, UnknownRegion


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


REQUIRED_INDICATORS = [
    "rd_intensity",
    "rd_expenditure",
    "business_rd",
    "high_tech_enterprises",
    "tech_smes",
    "national_innovation_platforms",
    "state_key_labs",
    "incubators",
    "maker_spaces",
    "invention_patent_applications",
    "invention_patent_grants",
    "invention_patents_per_10k",
    "pct_applications",
    "tech_market_turnover",
    "rd_personnel",
    "researchers",
    "cooperation_projects",
    "cooperation_investment",
    "innovation_index_score",
    "innovation_index_rank",
    "digital_economy_share",
    "high_tech_manufacturing_share",
    "venture_investment",
    "startups",
    "university_industry_projects",
    "tech_transfer_centres",
    "patent_applications",
    "patent_grants",
    "basic_research_share",
    "tech_contract_count",
]


def test_catalog_has_required_indicators_with_six_languages(catalog: Catalog) -> None:
    assert len(catalog.indicators) >= 30
    assert set(REQUIRED_INDICATORS) <= set(catalog.indicators)
    for indicator in catalog.indicators.values():
        assert all(indicator.labels.get(lang) for lang in LANGUAGES), indicator.id
        assert all(indicator.synonyms.get(lang) for lang in LANGUAGES), indicator.id
        assert indicator.definition and indicator.source, indicator.id
        assert indicator.unit in catalog.units.by_code


def test_catalog_rank_indicator_is_lower_is_better(catalog: Catalog) -> None:
    rank = catalog.indicator("innovation_index_rank")
    assert (rank.kind, rank.direction, rank.unit) == ("rank", -1, "rank")


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("F&E-Quote", "rd_intensity"),
        ("F&E-Intensität", "rd_intensity"),
        ("Forschungsintensität", "rd_intensity"),
        ("intensità di R&S", "rd_intensity"),
        ("spesa in R&S in rapporto al PIL", "rd_intensity"),
        ("intensité de R&D", "rd_intensity"),
        ("dépenses de R&D en % du PIB", "rd_intensity"),
        ("intensidad de I+D", "rd_intensity"),
        ("gasto en I+D sobre el PIB", "rd_intensity"),
        ("研发投入强度", "rd_intensity"),
        ("R&D经费投入强度", "rd_intensity"),
        ("全社会研发经费投入强度", "rd_intensity"),
        ("R&D intensity", "rd_intensity"),
        ("r & d INTENSITY", "rd_intensity"),
        ("High-Tech-Unternehmen", "high_tech_enterprises"),
        ("imprese high-tech", "high_tech_enterprises"),
        ("entreprises de haute technologie", "high_tech_enterprises"),
        ("empresas de alta tecnología", "high_tech_enterprises"),
        ("empresas de alta tecnologia", "high_tech_enterprises"),
        ("高新技术企业", "high_tech_enterprises"),
        ("nationale Plattformen für wissenschaftliche und technologische Innovation", "national_innovation_platforms"),
        ("piattaforme nazionali per l'innovazione", "national_innovation_platforms"),
        ("plateformes nationales d'innovation", "national_innovation_platforms"),
        ("国家级科技创新平台", "national_innovation_platforms"),
        ("技术合同成交额", "tech_market_turnover"),
        ("PCT applications", "pct_applications"),
        ("rd_intensity", "rd_intensity"),
    ],
)
def test_catalog_indicator_resolves_surface_forms(catalog: Catalog, surface: str, expected: str) -> None:
    assert catalog.indicator(surface).id == expected


def test_catalog_unknown_indicator_suggests(catalog: Catalog) -> None:
    with pytest.raises(UnknownIndicator) as err:
        catalog.indicator("rd_intensty")
    assert "rd_intensity" in err.value.hint


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("F&E-Quote", "de", "rd_intensity"),
        ("intensità di R&S", "it", "rd_intensity"),
        ("Zahl der High-Tech-Unternehmen", "de", "high_tech_enterprises"),
        ("高新技术企业数量", "zh", "high_tech_enterprises"),
        ("die Zahl der High-Tech-Unternehmen in der Stadt", "de", "high_tech_enterprises"),
        ("Anzahl der Kooperationsprojekte (fast 10 Tage)", "de", "cooperation_projects"),
        ("Investitionsbetrag (Milliarden Yuan)", "de", "cooperation_investment"),
        ("150 piattaforme nazionali di base per l'innovazione", "it", "national_innovation_platforms"),
        ("Patente für Erfindungen pro 10.000 Einwohner", "de", "invention_patents_per_10k"),
        ("nombre de brevets d'invention délivrés", "fr", "invention_patent_grants"),
    ],
)
def test_catalog_match_indicator_noun_phrases(catalog: Catalog, phrase: str, language: str, expected: str) -> None:
    found = catalog.match_indicator(phrase, language)
    assert found is not None and found.id == expected


def test_catalog_match_indicator_returns_none_for_unrelated(catalog: Catalog) -> None:
    assert catalog.match_indicator("Wetter am Wochenende", "de") is None
    assert catalog.match_indicator("", "en") is None


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("CN-CQ", "CN-CQ"),
        ("cn-cq", "CN-CQ"),
        ("Chongqing", "CN-CQ"),
        ("重庆", "CN-CQ"),
        ("重庆市", "CN-CQ"),
        ("渝", "CN-CQ"),
        ("500000", "CN-CQ"),
        ("四川省", "CN-SC"),
        ("广西壮族自治区", "CN-GX"),
        ("Peking", "CN-BJ"),
        ("Pékin", "CN-BJ"),
        ("Pechino", "CN-BJ"),
        ("Pekín", "CN-BJ"),
        ("Schanghai", "CN-SH"),
        ("CHN", "CN"),
        ("DEU", "DE"),
        ("deu", "DE"),
        ("HKG", "CN-HK"),
        ("Hongkong", "CN-HK"),
        ("EUU", "EU"),
        ("WLD", "world"),
        ("GRC", "GR"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Cataluña", "ES-CT"),
        ("Lombardia", "IT-25"),
        ("Île-de-France", "FR-IDF"),
        ("Ile de France", "FR-IDF"),
        ("Baden-Württemberg", "DE-BW"),
        ("Bayern", "DE-BY"),
        ("Shenzhen", "cn-gd-shenzhen"),
        ("Xi'an", "cn-sn-xian"),
        ("Xi’an", "cn-sn-xian"),
        ("Chengdu-Chongqing-Wirtschaftskreis", "cn-chengdu-chongqing-circle"),
        ("cerchio economico Chengdu-Chongqing", "cn-chengdu-chongqing-circle"),
        ("cercle économique Chengdu-Chongqing", "cn-chengdu-chongqing-circle"),
        ("Chengdu-Chongqing Twin Cities Wirtschaftskreis", "cn-chengdu-chongqing-circle"),
        ("成渝地区双城经济圈", "cn-chengdu-chongqing-circle"),
        ("Yangtze River Delta", "cn-yrd"),
        ("Jangtse River Delta", "cn-yrd"),
        ("Jangtsekiang-Delta", "cn-yrd"),
        ("delta du Yangtsé", "cn-yrd"),
        ("delta del fiume Azzurro", "cn-yrd"),
        ("delta del fiume Yangtze", "cn-yrd"),
        ("长三角", "cn-yrd"),
        ("长江三角洲", "cn-yrd"),
        ("Guangdong-Hong Kong-Macao Greater Bay Area", "cn-gba"),
        ("Greater Bay Area", "cn-gba"),
        ("粤港澳大湾区", "cn-gba"),
        ("Beijing-Tianjin-Hebei", "cn-jjj"),
        ("京津冀", "cn-jjj"),
        ("West China", "cn-west"),
        ("Westchina", "cn-west"),
        ("Cina occidentale", "cn-west"),
        ("l'ouest de la Chine", "cn-west"),
        ("China occidental", "cn-west"),
        ("西部地区", "cn-west"),
    ],
)
def test_catalog_region_resolves_codes_and_names(catalog: Catalog, key: str, expected: str) -> None:
    assert catalog.region(key).id == expected


def test_catalog_unknown_region_suggests(catalog: Catalog) -> None:
    with pytest.raises(UnknownRegion) as err:
        catalog.region("Chongqin")
    assert "CN-CQ" in err.value.hint


def test_catalog_gazetteer_covers_china_and_the_eu(catalog: Catalog) -> None:
    provinces = {r.id for r in catalog.regions.values() if r.parent == "CN" and r.level == "province"}
    assert len(provinces) == 34
    for region_id in provinces:
        region = catalog.regions[region_id]
        assert region.names.get("en") and region.names.get("zh"), region_id
    eu = catalog.regions["EU"]
    assert len(eu.members) == 27
    for member in eu.members:
        assert all(catalog.regions[member].names.get(lang) for lang in LANGUAGES), member
        assert len([c for c in catalog.codes(member) if len(c) == 3 and c.isalpha()]) == 1, member
    west = catalog.regions["cn-west"]
    assert "CN-CQ" in west.members and len(west.members) == 12
    nbs = [catalog.regions[m].members for m in ("cn-east", "cn-central", "cn-west", "cn-northeast")]
    assert sorted(m for group in nbs for m in group) == sorted(provinces - {"CN-HK", "CN-MO", "CN-TW"})


def _ids(mentions: list[Mention]) -> list[str]:
    return [m.id for m in mentions]


def test_catalog_find_regions_longest_match_wins(catalog: Catalog) -> None:
    text = "Chongqing liegt in Westchina; West China grows. China too."
    mentions = catalog.find_regions(text)
    assert _ids(mentions) == ["CN-CQ", "cn-west", "cn-west", "CN"]
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    assert catalog.find_regions("the Chengdu-Chongqing Economic Circle")[0].id == "cn-chengdu-chongqing-circle"
    assert _ids(catalog.find_regions("重庆市位居西部地区第一，成渝地区双城经济圈")) == [
        "CN-CQ",
        "cn-west",
        "cn-chengdu-chongqing-circle",
    ]


def test_catalog_find_regions_respects_word_boundaries(catalog: Catalog) -> None:
    assert catalog.find_regions("Chinatown firms and Indianapolis") == []  # "China", "Indian" inside longer words
    assert catalog.find_regions("a eu lieu, us and the eu") == []  # acronyms are case-sensitive
    assert _ids(catalog.find_regions("the EU and the US")) == ["EU", "US"]
    assert _ids(catalog.find_regions("Chongqings Innovationsindex")) == ["CN-CQ"]


def test_catalog_find_indicators_in_sentences(catalog: Catalog) -> None:
    text = "Bis 2027 strebt die Stadt an, eine F&E-Quote von 3 % zu erreichen."
    (mention,) = catalog.find_indicators(text, "de")
    assert (mention.id, mention.surface) == ("rd_intensity", "F&E-Quote")
    assert text[mention.start : mention.end] == "F&E-Quote"
    zh = catalog.find_indicators("到2027年，全社会研发经费投入强度达到3%，高新技术企业达到2万家", "zh")
    assert _ids(zh) == ["rd_intensity", "high_tech_enterprises"]
    assert zh[0].surface == "全社会研发经费投入强度"


def test_catalog_find_on_chongqing_corpus(catalog: Catalog, chongqing: Path) -> None:
    files = sorted(chongqing.glob("*.txt"))
    for path in files[:3]:
        ids = set(_ids(catalog.find_regions(path.read_text(encoding="utf-8"))))
        assert {"CN-CQ", "cn-chengdu-chongqing-circle", "cn-west"} <= ids, path.name
        indicators = set(_ids(catalog.find_indicators(path.read_text(encoding="utf-8"))))
        assert {"rd_intensity", "national_innovation_platforms", "high_tech_enterprises"} <= indicators, path.name
    table = catalog.find_regions(files[3].read_text(encoding="utf-8"))
    assert {"cn-yrd", "cn-gba", "cn-chengdu-chongqing-circle"} <= set(_ids(table))
    assert _ids(catalog.find_regions(files[4].read_text(encoding="utf-8"))) == ["CN-CQ"] * 5


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Milliarden Yuan", "CNY bn"),
        ("(Milliarden Yuan)", "CNY bn"),
        ("billion yuan", "CNY bn"),
        ("miliardi di yuan", "CNY bn"),
        ("亿元", "CNY 100m"),
        ("万元", "CNY 10k"),
        ("Mrd. €", "EUR bn"),
        ("Mio. Euro", "EUR m"),
        ("%", "%"),
        ("Prozent", "%"),
        ("per cento", "%"),
        ("por ciento", "%"),
        ("‰", "‰"),
        ("Prozentpunkte", "pp"),
        ("亿美元", "USD 100m"),
    ],
)
def test_catalog_normalise_unit(catalog: Catalog, surface: str, code: str) -> None:
    assert catalog.normalise_unit(surface) == code


def test_catalog_convert_units(catalog: Catalog) -> None:
    assert catalog.convert(1, "亿元", "CNY") == 1e8
    assert catalog.convert(2, "万元", "CNY") == 2e4
    assert catalog.convert(120, "Milliarden Yuan", "亿元") == pytest.approx(1200)
    assert catalog.convert(3, "%", "‰") == pytest.approx(30)
    assert catalog.convert(2, "万家", "count") == 20000
    assert catalog.normalise_unit("Furlongs") is None
    with pytest.raises(UnitMismatch):
        catalog.convert(1, "EUR", "CNY")
    with pytest.raises(UnitMismatch):
        catalog.convert(1, "furlong", "CNY")


def test_every_catalog_name_is_found_whole(catalog: Catalog) -> None:
    """Each name, alone, is found as one mention of its own entry (never cut at a shorter name)."""
    cut = []
    for ind in catalog.indicators.values():
        for name in [*ind.labels.values(), *(s for v in ind.synonyms.values() for s in v)]:
            if not any(m.start == 0 and m.end >= len(name) and m.id == ind.id for m in catalog.find_indicators(name)):
                cut.append(name)
    for region in catalog.regions.values():
        for name in [*region.names.values(), *region.aliases, *catalog.demonyms(region.id)]:
            if not any(m.start == 0 and m.end >= len(name) and m.id == region.id for m in catalog.find_regions(name)):
                cut.append(name)
    assert cut == []


def test_generated_region_names_and_adjectives(catalog: Catalog) -> None:
    text = "Niedersachsen, la Wallonie, Andalucía, Toscana, 中國, OCDE"
    found = {m.surface: m.id for m in catalog.find_regions(text)}
    assert found == {"Niedersachsen": "DE-NI", "Wallonie": "BE-WAL", "Andalucía": "ES-AN", "Toscana": "IT-52",
                     "中國": "CN", "OCDE": "ag-oecd"}  # fmt: skip
    adjectives = "la inversión española, die deutschen Firmen, la recherche française, la spesa italiana, Swedish firms"
    assert [m.id for m in catalog.find_regions(adjectives)] == ["ES", "DE", "FR", "IT", "SE"]
    assert all(catalog.is_demonym(m.surface) for m in catalog.find_regions(adjectives))
    assert not catalog.is_demonym("España")
    regional = "the Scottish strategy, la spesa toscana, la inversión andaluza, die sächsische Quote, la R&D bretonne"
    assert [m.id for m in catalog.find_regions(regional)] == ["GB-SCT", "IT-52", "ES-AN", "DE-SN", "FR-BRE"]
    assert all(catalog.is_demonym(m.surface) for m in catalog.find_regions(regional))
    assert not catalog.is_demonym("Toscana") and not catalog.is_demonym("Navarra")  # names that are also adjectives
    assert catalog.find_regions("le modèle anglo-saxon") == []
    assert catalog.find_regions("a turkey in mali") == []  # capitalised names only where the text capitalises them
    assert [m.id for m in catalog.find_regions("Turkey and Mali")] == ["TR", "ML"]
    assert catalog.region("Midi-Pyrénées").parent == "FR-OCC"
    assert "DEA" in catalog.codes("DE-NW")  # NUTS-1 code
