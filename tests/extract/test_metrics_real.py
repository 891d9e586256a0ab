"""The right metric on real-text patterns (issue 10 item 4): shares of GDP, R&D sectors, index ranks and
scores named elsewhere in the document, growth rates, the newer indicators, and clean noun phrases for the
metrics the catalog does not know. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from riso.catalog import load_catalog
from riso.extract import extract
from riso.model import Document, Fact


def _facts(text: str, language: str) -> list[Fact]:
    doc = Document(id=f"sha256:{abs(hash((text, language)))}", source="test", text=text, language=language)
    return [f for f in extract(doc) if f.kind in ("target", "measurement", "rank")]


def _by_value(text: str, language: str) -> dict[float, Fact]:
    return {f.value: f for f in _facts(text, language) if f.value is not None}


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In 2021 the county invested 2.7% of its GDP in research.", 2.7),
        ("de", "Im Jahr 2021 investierte das Land 2,7 Prozent seines BIP in die Forschung.", 2.7),
        ("fr", "En 2021, la région a consacré 2,7 % de son PIB à la recherche.", 2.7),
        ("it", "Nel 2021 la regione ha investito in ricerca il 2,7% del PIL.", 2.7),
        ("es", "En 2021 la comunidad destinó a la investigación el 2,7% del PIB.", 2.7),
        ("zh", "2021年，全省研发经费占地区生产总值比重为2.7%。", 2.7),
    ],
)
def test_a_share_of_gdp_in_a_text_about_research_is_rd_intensity(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


def test_a_share_of_gdp_is_no_rd_intensity_in_a_text_that_never_speaks_of_research() -> None:
    facts = _by_value("In 2021 the port handled freight worth 2.7% of GDP.", "en")
    assert all(f.metric != "rd_intensity" for f in facts.values())


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "In 2022 businesses performed R&D worth 1.9% of GDP and universities 0.6% of GDP.",
         {1.9: "business_rd", 0.6: "herd"}),
        ("de", "2022 wendeten die Unternehmen 2,1 Prozent des BIP für Forschung auf, "
               "die Hochschulen 0,5 Prozent des BIP.",
         {2.1: "business_rd", 0.5: "herd"}),
        ("fr", "En 2022, les entreprises ont réalisé des travaux de R&D représentant 1,6 % du PIB.",
         {1.6: "business_rd"}),
        ("es", "En 2022 el gasto en I+D creció el 2,5% en las empresas y el 3,5% en la Administración Pública.",
         {2.5: "business_rd_growth", 3.5: "goverd_growth"}),  # growth rates: the sectors' growth variants
    ],
)  # fmt: skip
def test_an_rd_value_beside_a_sector_is_filed_under_that_sector(
    language: str, text: str, expected: dict[float, str]
) -> None:
    facts = _by_value(text, language)
    assert {v: facts[v].metric for v in expected} == expected


def test_a_total_spent_by_several_sectors_stays_the_total() -> None:
    text = (
        "Nel 2022 la spesa in R&S sostenuta da imprese, università e istituzioni pubbliche "
        "è stata di 9,4 miliardi di euro."
    )
    assert _by_value(text, "it")[9.4].metric == "rd_expenditure"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "The Global Innovation Index 2023 was published in September. Norway came 19th.", 19.0),
        ("de", "Der Global Innovation Index 2023 ist erschienen. Österreich belegt Platz 18.", 18.0),
        ("fr", "L'Indice mondial de l'innovation 2023 vient de paraître. La Belgique se classe au 21e rang.", 21.0),
        ("it", "È uscito il Global Innovation Index 2023. La Spagna si colloca al 29° posto.", 29.0),
        ("es", "La OMPI publicó hoy su índice anual de innovación. Portugal ocupa el puesto 31.", 31.0),
    ],
)
def test_a_rank_takes_the_index_named_earlier_in_the_document(language: str, text: str, value: float) -> None:
    fact = _by_value(text, language)[value]
    assert fact.kind == "rank" and fact.metric == "gii_rank"


def test_a_score_takes_the_index_named_earlier_and_a_rank_beside_a_score_name_is_its_rank() -> None:
    text = "Der Global Innovation Index 2023 ist erschienen. Schweden erreicht 64,2 Punkte und belegt Platz 2."
    facts = _by_value(text, "de")
    assert facts[64.2].metric == "gii_score"
    assert facts[2.0].metric == "gii_rank"


def test_regional_innovation_scoreboard_ranks_and_scores() -> None:
    text = "In the Regional Innovation Scoreboard 2023, Upper Bavaria ranks 7th among European regions."
    assert _by_value(text, "en")[7.0].metric == "eis_rank"


@pytest.mark.parametrize(
    ("language", "text", "value", "metric"),
    [
        ("en", "Total R&D expenditure in the region was £4.1 billion in 2021. This was a 6% increase over 2020.",
         6.0, "rd_expenditure_growth"),
        ("de", "Die FuE-Ausgaben des Landes lagen 2021 bei 4,1 Milliarden Euro, ein Zuwachs von 6 Prozent.",
         6.0, "rd_expenditure_growth"),
        ("de", "Das FuE-Personal stieg 2021 auf 51.000 Vollzeitäquivalente (Zuwachs 4,5 %).", 4.5, "rd_personnel"),
    ],
)  # fmt: skip
def test_a_growth_rate_takes_the_indicator_it_is_the_growth_of(
    language: str, text: str, value: float, metric: str
) -> None:
    assert _by_value(text, language)[value].metric == metric


def test_a_bare_value_takes_the_metric_of_the_value_before_it() -> None:
    text = (
        "In 2021 Finland spent 2.9% of GDP on R&D, above the EU average. "
        "Denmark (2.8%) and Belgium (3.4%) also came close to the goal."
    )
    facts = _by_value(text, "en")
    assert facts[2.8].metric == "rd_intensity" and facts[3.4].metric == "rd_intensity"


_UPTAKE = "In 2023, 8% of enterprises used AI technologies, while 45% of enterprises bought cloud computing services."


@pytest.mark.parametrize(
    ("language", "text", "value", "metric"),
    [
        ("en", _UPTAKE, 8.0, "ai_uptake"),
        ("en", _UPTAKE, 45.0, "cloud_uptake"),
        ("de", "2023 lag der Anteil der IKT-Fachkräfte an allen Erwerbstätigen bei 4,9 Prozent.",
         4.9, "ict_specialists"),
        ("fr", "En 2023, les spécialistes des TIC représentaient 4,6 % de l'emploi total.", 4.6, "ict_specialists"),
        ("it", "Nel 2023 le esportazioni ad alta tecnologia erano il 9,1% del totale.", 9.1, "high_tech_exports_share"),
        ("es", "En 2023 el 14% de las empresas analizaba macrodatos.", 14.0, "big_data_uptake"),
        ("zh", "2023年，全市高新技术产业产值占规模以上工业产值比重达到48.5%。", 48.5, "high_tech_industry_share"),
        ("zh", "2023年，全省基础研究经费占研发经费比重为6.8%。", 6.8, "basic_research_share"),
    ],
)  # fmt: skip
def test_the_indicators_real_texts_report_are_in_the_catalog(
    language: str, text: str, value: float, metric: str
) -> None:
    assert _by_value(text, language)[value].metric == metric


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "Del objetivo europeo del 3 % la comunidad sólo alcanza el 1,2 % en 2022.", 1.2),
        ("en", "Currently we are 14 out of 14.", 14.0),
        ("fr", "En 2020, la Bretagne reste en deçà (1,9 %).", 1.9),
    ],
)
def test_an_unresolved_metric_is_never_named_by_a_fragment(language: str, text: str, value: float) -> None:
    fact = _by_value(text, language).get(value)
    if fact is None or fact.metric is not None:
        return
    edge = {"del", "de", "abarca", "out", "of", "en", "la", "reste", "sólo", "alcanza"}
    words = (fact.metric_text or "").casefold().split()
    assert not words or (words[0] not in edge and words[-1] not in edge), fact.metric_text


@pytest.mark.parametrize(
    ("language", "text", "value", "phrase"),
    [
        ("de", "Bis 2026 entstehen 800 neue Professorenstellen an den Hochschulen.", 800.0, "neue Professorenstellen"),
        ("en", "In 2022 the region counted 61 coworking spaces.", 61.0, "coworking spaces"),
        ("fr", "En 2022, la ville comptait 35 laboratoires communs.", 35.0, "laboratoires communs"),
    ],
)
def test_an_unresolved_count_is_named_by_the_noun_after_it(language: str, text: str, value: float, phrase: str) -> None:
    fact = _by_value(text, language)[value]
    assert fact.metric is None and fact.metric_text == phrase


def test_every_new_indicator_has_labels_in_the_six_languages_and_resolves_by_its_labels() -> None:
    catalog = load_catalog()
    for indicator_id in ("herd", "goverd", "rd_budget", "eis_score", "eis_rank", "ict_specialists", "ai_uptake",
                         "cloud_uptake", "big_data_uptake", "high_tech_exports_share", "basic_research_expenditure",
                         "high_tech_industry_output", "high_tech_industry_share"):  # fmt: skip
        indicator = catalog.indicator(indicator_id)
        for language, label in indicator.labels.items():
            found = catalog.match_indicator(label, language)
            assert found is not None and found.id == indicator_id, (indicator_id, language, label)


def test_rank_variants_are_declared() -> None:
    catalog = load_catalog()
    assert catalog.derived("gii_score", "rank") == "gii_rank"
    assert catalog.derived("eis_score", "rank") == "eis_rank"
    assert catalog.derived("innovation_index_score", "rank") == "innovation_index_rank"


def test_a_share_named_only_as_a_share_takes_the_total_named_before() -> None:
    text = (
        "Nel 2022 la spesa in R&S della regione è stata di 3,1 miliardi di euro, in aumento del 4,0% rispetto al 2021. "
        "La provincia capoluogo ne sostiene una quota del 41,5% del totale, le altre province (12,3%) molto meno."
    )
    facts = _by_value(text, "it")
    assert facts[4.0].metric == "rd_expenditure_growth"
    assert facts[41.5].metric == "rd_expenditure" and facts[12.3].metric == "rd_expenditure"


def test_a_chinese_count_of_something_the_catalog_does_not_know_stays_unresolved() -> None:
    text = "到2025年，全区力争建成省级产业创新服务综合体5家，研发人员达到3000人。"
    facts = _by_value(text, "zh")
    assert facts[5.0].metric is None and facts[3000.0].metric == "rd_personnel"


def test_a_growth_rate_with_its_own_unknown_name_takes_no_indicator_from_afar() -> None:
    text = "2023年全市研发经费投入达到520亿元。全市科技进步贡献率达到65%，比2020年提高4个百分点。"
    facts = _by_value(text, "zh")
    assert facts[65.0].metric is None


def test_every_metric_cue_file_holds_only_words() -> None:
    """YAML reads a bare `on` or `yes` as a boolean: every cue must stay a string (quote such words)."""
    from importlib import resources

    import yaml

    folder = resources.files("riso.extract").joinpath("lang", "metrics")
    files = [p for p in folder.iterdir() if p.name.endswith(".yaml")]
    assert {p.name for p in files} >= {f"{code}.yaml" for code in ("en", "de", "fr", "it", "es", "zh")}
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lists = [v for v in data.values() if isinstance(v, list)]
        lists += [w for v in data.values() if isinstance(v, dict) for w in v.values()]
        assert all(isinstance(w, str) for words in lists for w in words), path.name


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "In 2021 the region spent a higher percentage of its GDP on research than the national average (2.4%).",
         2.4),
        ("es", "En 2021 la región dedicó a la investigación un porcentaje del PIB inferior a la media (1,1%).", 1.1),
    ],
)  # fmt: skip
def test_a_share_of_gdp_named_before_the_value_is_rd_intensity(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_intensity"


@pytest.mark.parametrize(
    ("language", "text", "value", "metric"),
    [
        ("en", "The regional research and innovation programme has a budget of €2.4 billion for 2025-2029.",
         2.4, "rd_budget"),
        ("it", "Nel 2022 la provincia ha destinato alla ricerca e sviluppo 1,9 miliardi di euro.",
         1.9, "rd_expenditure"),
        ("de", "2022 flossen in Forschung und Entwicklung des Landes 4,2 Milliarden Euro.", 4.2, "rd_expenditure"),
        ("es", "En 2023 el presupuesto del plan regional de investigación e innovación fue de 310 millones de euros.",
         310.0, "rd_budget"),
    ],
)  # fmt: skip
def test_money_beside_a_budget_of_research_or_beside_rd_is_filed(
    language: str, text: str, value: float, metric: str
) -> None:
    assert _by_value(text, language)[value].metric == metric


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "Le nouveau schéma régional fixe pourtant un objectif de plus de 4 % d'ici 2028.", 4.0),
        ("es", "La comarca abarca unos 4.000 km² y una población de 90.000 personas.", 4000.0),
    ],
)
def test_words_far_from_the_value_or_after_a_conjunction_do_not_name_it(language: str, text: str, value: float) -> None:
    fact = _by_value(text, language).get(value)
    assert fact is None or fact.metric_text not in ("plan", "schéma régional", "abarca", "población"), fact.metric_text


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "La loi prévoit une hausse des financements pour la recherche de 300 millions d'euros par an.", 300.0),
        ("de", "Die Forschungsfinanzierung des Landes steigt 2026 auf 1,4 Milliarden Euro.", 1.4),
        ("en", "Research funding will reach €2.1 billion in 2026.", 2.1),
    ],
)
def test_research_funding_is_the_rd_budget(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "rd_budget"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "Bayern meldete 2023 insgesamt 15.100 Patentanmeldungen. Mit Abstand folgt Hessen (4.022 Anmeldungen).",
         4022.0),
        ("en", "In 2023 the region filed 2,400 patent applications. Its neighbour filed 1,100 applications.", 1100.0),
    ],
)  # fmt: skip
def test_a_head_noun_repeating_a_catalog_name_takes_that_indicator(language: str, text: str, value: float) -> None:
    assert _by_value(text, language)[value].metric == "patent_applications"


def test_a_head_noun_of_another_unit_takes_nothing() -> None:
    text = "In 2023 the region filed 2,400 patent applications. Processing the applications cost €3.1 million."
    assert _by_value(text, "en")[3.1].metric != "patent_applications"
