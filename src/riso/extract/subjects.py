"""Which region a number is about: the nearest mention in its clause, not the document's most named region.

Candidates are the sentence's region mentions (names, adjectives and demonyms such as "española" or
"deutschen") and the words that name the document's own region without its name ("the province",
"la Nation", 我省, 全市: ``extract/lang/subjects/<code>.yaml``). The number takes the nearest candidate,
counting clause boundaries and other numbers in between as distance and preferring one written before it;
a sentence without any takes the subject of the paragraph's previous sentence ("… Bavaria. It spends …"),
else the document's main region. World mentions ("weltweit", 全球) are scopes: a subject only when
nothing else is named.

Not every mention is a subject (``extract/lang/subjects/<code>.yaml``): a region inside a name
("European Innovation Scoreboard", "Politecnico di Milano", 美国康奈尔大学: `name_heads_after`,
`name_heads_before`) and the scope of a rank or an average (居全国首位, 全省第二: `scope_after`) are none; the
object of a comparison ("ahead of Cyprus", "dépassant la moyenne de l'UE": `compare_before`) is one only for
its own number. A region followed by a bracket of numbers ("Svezia (64.2)", 镇江(4.64%)) owns those numbers.
A union's adjective in another noun phrase ("fonds européens", "le catene del valore europee") is a subject
only of a number in its own phrase, or when nothing else is named; a comparison's object alone leaves the number
to the paragraph's or the document's subject. Names of national plans and offices stand for their owner when
it is not named ("1,5 miliardi PNRR", Istat, "Hightech Agenda": `owners`).
A name a sentence opens with and calls a university ("Paris-Saclay demeure la 1re université française"), or an
acronym opening it with a verb ("PSL en perd une (41e)"), is an organisation; the country adjective of that
university, or of a named region ("the leading German region"), is a scope unless the number is in its phrase.
A value the members of a list add up to ("zusammen mit Bayern und Hessen", "Together, Bavaria and Hesse", 合计)
is the group's, named by its members; the whole a share is of ("der gesamten … in Deutschland") is no subject
when a part is named; a national adjective ("frente al 1,25 nacional") names the document's country.
A counted group ("these 11 universities") is one subject, not of the whole it is part of ("412 of the 820").
A sentence that names no region and opens with an average ("Der Durchschnitt liegt bei …") is the group's average.
China's districts and counties (``extract/data/cn_counties.txt``: 余杭区, 余杭, 昆山市) are subjects by their name;
a district's document is the district's, and its 全省, 全市, 全国 are scopes.
The document's main region is counted over subject mentions only. Pure: reads its language files once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING

import regex
import yaml

from riso.catalog import Matcher
from riso.errors import LanguageResourceError
from riso.model import Subject

if TYPE_CHECKING:
    from riso.extract.analysis import DocumentView, Sentence

__all__ = ["Candidate", "candidates", "deictics", "national_total", "own_region", "subject_at", "unnamed_country"]

_BOUNDARY = regex.compile(r"(?<!\d)[,，](?!\d)|[:：、()（）]")
_STRONG = regex.compile(r"[;；]")
_PARAGRAPH = regex.compile(r"\n\s*\n")
_LOOK_BACK = 12
_AFTER = 25  # a subject written after its number ("Con 46,6 punti, l'Italia …") is a little less likely
_PER_NUMBER = 60  # another number between: the mention is more likely that number's
_DEMONYM = 8  # an adjective at the same distance as a name loses to it
_WORLD = 400  # "weltweit", "in the world": a scope
_REACH = 10**6
# words that start another member of a list or comparison: never between a number and its own region
_JOINS = (
    r"(?:and|und|sowie|et|e|ed|y|o|or|oder|ou|while|whereas|während|mentre|mientras|contre|versus|vs|than|als|que|che)"
)
_CITY_LEVEL_PROVINCES = frozenset({"CN-BJ", "CN-SH", "CN-TJ", "CN-CQ"})  # municipalities: 全市 is the city
_COMPARED = 150  # the object of a comparison ("ahead of Cyprus"): a subject only of its own number
_BRACKET = regex.compile(r"\s*[(（]")
_BRACKET_END = regex.compile(r"[)）]")
_TITLE_WORD = r"\p{Lu}[\p{Ll}'’-]+"


@dataclass(frozen=True)
class Candidate:
    """A region the sentence names at [start, end): its id, and whether it is an adjective or a deictic."""

    start: int
    end: int
    id: str
    demonym: bool = False
    deictic: bool = False
    world: bool = False
    compared: bool = False
    name: str = ""  # an organisation or a listed name outside the gazetteer: the subject is this name, no id
    modifier: bool = False  # a union's adjective ("fondi europei"): a subject only of a number in its noun phrase
    group: bool = False  # a counted group ("these 11 universities"): not the subject of the whole it is part of
    org: bool = False  # a Chinese organisation's name: the subject of its own sentence, never carried past it
    example: bool = False  # a name given as an example ("清华大学、北京大学等12所高校"): no subject, no region inside
    # the owner of a programme a figure is framed in ("im Rahmen der Hightech Agenda", "as part of the UK Chips
    # Strategy"): the subject only when nothing else is, and not over a more specific region of its own
    framed: bool = False


@cache
def _data(code: str) -> dict[str, object]:
    path = importlib_resources.files("riso.extract").joinpath("lang", "subjects", f"{code}.yaml")
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise LanguageResourceError(f"extract/lang/subjects/{code}.yaml: not valid YAML ({err})") from err
    for key_ in ("attach_after", "compare_before", "scope_after", "scope_exclude_after", "name_heads_after",
                 "name_heads_before", "org_heads", "national_totals", "below_city_scopes",
                 "not_names", "national_adjectives", "national_heads", "sum_with", "sum_after",
                 "and_word", "compare_within", "average_subjects", "group_determiners",
                 "group_heads", "region_heads", "peers_province", "peers_city", "org_generic", "county_common_words",
                 "org_lead"):  # fmt: skip
        words = data.get(key_)
        if words is not None and not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
            raise LanguageResourceError(
                f"extract/lang/subjects/{code}.yaml: key {key_!r} must be a list of strings",
                hint=f"Write it as `{key_}: [word, other phrase]`.",
            )
    return data


def _words(code: str, key_: str) -> list[str]:
    words = _data(code).get(key_) or []
    return sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


_ARTICLES = r"(?:the|der|dem|den|die|la|le|les|l['’]|el|los|las|il|lo|gli|a|al|à|au)"
_JOINERS = r"(?:of|for|and|on|&|de|du|des|di|del|della|der|für|und)"
_OF = r"(?:\s+(?:of|de|di|du|della|del|dello|von|der|des)|\s+d['’])?"


@cache
def _context_patterns(code: str) -> tuple[regex.Pattern[str] | None, ...]:
    """Patterns read before or after a mention: compared, scope, name head after, name head before."""
    cjk = code == "zh"
    edge = "" if cjk else r"(?![\p{L}\p{N}])"
    not_in_word = "" if cjk else r"(?<![\p{L}])"
    out: list[regex.Pattern[str] | None] = []
    compare = _words(code, "compare_before")
    # the comparison word, up to four words ("la moyenne de l'"), an article, then the mention
    gap = r"(?:\s+[\p{L}'’]+){0,4}?\s*"
    out.append(
        regex.compile(rf"{not_in_word}(?:{_alternation(compare)}){gap}(?:{_ARTICLES}\s*)?$", regex.IGNORECASE)
        if compare
        else None
    )
    scope, not_after = _words(code, "scope_after"), _words(code, "scope_exclude_after")
    unless = rf"(?!\p{{N}}*(?:{_alternation(not_after)}))" if not_after else ""
    out.append(regex.compile(rf"\s*(?:{_alternation(scope)}){edge}{unless}", regex.IGNORECASE) if scope else None)
    heads_after = _words(code, "name_heads_after")
    if heads_after and cjk:
        out.append(regex.compile(rf"[\p{{Han}}]{{0,6}}?(?:{_alternation(heads_after)})"))
    elif heads_after:
        title_words = rf"(?:[ -]+(?:{_JOINERS}\s+)?{_TITLE_WORD}){{0,4}}?"
        out.append(regex.compile(rf"{title_words}[ -]+(?:{_alternation(heads_after)}){edge}"))
    else:
        out.append(None)
    heads_before = _words(code, "name_heads_before")
    out.append(
        regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(heads_before)}){_OF}\s*$", regex.IGNORECASE)
        if heads_before
        else None
    )
    return tuple(out)


@cache
def _literals(code: str, key_: str) -> tuple[str, ...]:
    """The longest piece of each listed word that a case-sensitive pattern over the words (``_alternation``) can only
    match as written."""
    return tuple(max(regex.split(r"[ ']", w), key=len) for w in _words(code, key_))


@cache
def _screen(literals: tuple[str, ...]) -> re.Pattern[str]:
    """A plain search for any of the literals: a sentence without one holds no match of a case-sensitive pattern that
    needs one, so that pattern (slower: look-arounds at every position) need not run."""
    return re.compile("|".join(re.escape(w) for w in sorted(literals, key=len, reverse=True)) or "(?!)")


def _holds_any(text: str, literals: tuple[str, ...]) -> bool:
    return _screen(literals).search(text) is not None


_ORG_TITLE = r"\p{Lu}[\p{L}'’-]*"
_LISTED = r"\p{Lu}[\p{Ll}'’-]+"
_LEADING = regex.compile(r"^(?:The|La|Le|Les|L['’]|Il|Lo|El|Los|Las|Die|Der|Das)\s*")


@cache
def _org_pattern(code: str) -> regex.Pattern[str] | None:
    """An organisation's name: a head ("University", "université", "Politecnico") with capitalised words before
    it or after it ("Imperial College London", "University of Oxford", "Sorbonne université", "Politecnico di
    Milano"). Latin-script languages only (Chinese names have no word boundaries to stop at)."""
    heads = _words(code, "org_heads")
    if not heads or code == "zh":
        return None
    head = rf"(?:{_alternation(heads)})"
    before = rf"(?:{_ORG_TITLE}[ -]+){{1,3}}{head}(?:[ -]+{_ORG_TITLE}){{0,2}}"
    of = r"(?:\s+(?:of|de|di|du|della|del|degli|des|von|der)|\s+d['’])?"
    after = rf"{head}{of}\s*{_ORG_TITLE}(?:[ -]+{_ORG_TITLE}){{0,2}}"
    return regex.compile(rf"(?<![\p{{L}}])(?:{before}|{after})(?![\p{{L}}])")


_LOWER_WORD = r"[\p{Ll}\p{N}][\p{L}\p{N}'’-]*"


@cache
def _region_head_pattern(code: str) -> regex.Pattern[str] | None:
    """A region the gazetteer does not know, named by a head and capitalised names after it ("Region
    Ulm/Neu-Ulm", "Landkreis Konstanz"): the whole name (group 0), the names after the head (group 1)."""
    heads = _words(code, "region_heads")
    if not heads or code == "zh":
        return None
    name = rf"{_ORG_TITLE}(?:(?:[ -]|\s*/\s*){_ORG_TITLE})*"
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(heads)})\s+({name})(?![\p{{L}}])", regex.V1)


@cache
def _predicated_pattern(code: str) -> regex.Pattern[str] | None:
    """A sentence opening with a name that it then calls an organisation: "Paris-Saclay demeure la 1re université",
    "ETH Zurich is the top university", "KIT ist die größte Hochschule" (the name, group 1)."""
    heads = _words(code, "org_heads")
    if not heads or code == "zh":
        return None
    name = r"(?:\p{Lu}[\p{L}\p{N}&'’-]*)(?:[ -]\p{Lu}[\p{L}\p{N}'’-]*){0,3}"
    # after the name's verb: lower-case words, or a capitalised adjective ("the 2nd American university")
    words = rf"{_LOWER_WORD}\s+(?:[\p{{L}}\p{{N}}'’-]+\s+){{0,4}}?"
    return regex.compile(rf"^({name})\s+{words}(?i:{_alternation(heads)})(?![\p{{L}}])", regex.V1)


@cache
def _head_scope_pattern(code: str) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """An organisation head right before or right after a mention: the mention is the head's scope ("la 1re
    université française", "the top French university"), not the subject."""
    heads = _words(code, "org_heads")
    if not heads or code == "zh":
        return None, None
    head = rf"(?i:{_alternation(heads)})\p{{L}}{{0,3}}"
    return regex.compile(rf"{head}\s+$", regex.V1), regex.compile(rf"\s+{head}(?![\p{{L}}])", regex.V1)


_ACRONYM_OPENING = regex.compile(r"^(\p{Lu}{2,6})\s+(?=\p{Ll})")


def _opening_name(view: DocumentView, sentence: Sentence) -> Candidate | None:
    """An organisation that opens the sentence: a name it calls a university or a laboratory, or an acronym
    followed by a verb ("PSL en perd une (41e)") that is no region, indicator or listed word (``not_names``)."""
    text = sentence.text
    m = None
    pattern = _predicated_pattern(sentence.language)
    if pattern is not None:
        m = pattern.match(text)
    if m is None and sentence.language != "zh":
        m = _ACRONYM_OPENING.match(text)
        if m is not None and (
            m.group(1) in _words(sentence.language, "not_names")
            or view.catalog.find_indicators(m.group(1), sentence.language)
        ):
            m = None
    if m is None:
        return None
    start, end = m.span(1)
    if any(r.start < end and start < r.end for r in view.regions_in(sentence)):
        return None  # "Bavaria is …": a region stays a region
    return Candidate(start, end, "", name=m.group(1))


@cache
def _group_pattern(code: str) -> regex.Pattern[str] | None:
    """A counted group named as one ("these 11 universities", "diese 5 Länder", 这11所大学): its determiner, its
    count and its noun (``group_determiners``, ``group_heads``)."""
    dets, heads = _words(code, "group_determiners"), _words(code, "group_heads")
    if not dets or not heads:
        return None
    if code == "zh":
        return regex.compile(rf"(?:{_alternation(dets)})(\d+[\p{{Han}}]?(?:{_alternation(heads)}))")
    return regex.compile(
        rf"(?<![\p{{L}}])(?:{_alternation(dets)})\s+(\d+\s+(?:{_alternation(heads)}))(?![\p{{L}}])", regex.IGNORECASE
    )


def _groups_in(sentence: Sentence) -> list[Candidate]:
    pattern = _group_pattern(sentence.language)
    if pattern is None:
        return []
    return [Candidate(m.start(1), m.end(1), "", name=m.group(1), group=True) for m in pattern.finditer(sentence.text)]


def _head_scope(sentence: Sentence, start: int, end: int) -> bool:
    before, after = _head_scope_pattern(sentence.language)
    text = sentence.text
    return bool(
        (before is not None and before.search(text[max(0, start - 30) : start]))
        or (after is not None and after.match(text, end))
    )


@cache
def _listed_pattern(code: str) -> regex.Pattern[str] | None:
    """A capitalised name right before a bracket ("Edinburgh (49)", "Warwick (36)"): in languages that capitalise
    only names (not German, not Chinese)."""
    if code in ("de", "zh"):
        return None
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])({_LISTED}(?:[ -]+{_LISTED}){{0,2}})(?=\s*\()")


@cache
def _metric_words(code: str) -> frozenset[str]:
    return frozenset(w.casefold() for key_ in ("gdp_words", "share_words") for w in _words(code, key_))


_ORG_STOP = "的占达達和与與及在是对對将將把被从從向等"  # (not 为: 华为)
_EXAMPLES = regex.compile(r"(?:[、和与及][^\P{Han}，,。；;：:]{1,20}?)*等")


@cache
def _han_org_pattern(code: str) -> regex.Pattern[str] | None:
    """A Chinese organisation's name: a run of Han characters from a boundary to an organisation head, one or
    more name-and-head parts ("浙江大学", "中国科学院深圳先进技术研究院"), after an optional lead word ("由", "据");
    no function word inside ("华为公司研发投入占公司收入": the name is 华为公司)."""
    heads = _words(code, "org_heads")
    if code != "zh" or not heads:
        return None
    lead = _words(code, "org_lead")
    part = rf"[^\P{{Han}}{_ORG_STOP}]{{1,12}}?(?:{_alternation(heads)})"
    opening = rf"(?:{_alternation(lead)})?" if lead else ""
    return regex.compile(rf"(?<!\p{{Han}}){opening}((?:{part})+)")


def _han_orgs(sentence: Sentence) -> list[Candidate]:
    """The organisations a Chinese sentence names (``org_heads``), as candidates: not a kind of organisation
    counted or described (``org_generic``: "省级重点实验室3家", "高新技术企业"), not a name followed by its count."""
    pattern = _han_org_pattern(sentence.language)
    if pattern is None:
        return []
    text = sentence.text
    generic = _words(sentence.language, "org_generic")
    starts = {q.start for q in sentence.scan.quantities}
    out = []
    for m in pattern.finditer(text):
        name = m.group(1)
        if len(name) < 4 or any(w in name for w in generic):
            continue
        after = m.end(1)
        while after < len(text) and text[after].isspace():
            after += 1
        if after in starts or any(q.start <= after < q.end for q in sentence.scan.quantities):
            continue  # "重点实验室3家": a count of a kind of organisation
        example = _EXAMPLES.match(text, m.end(1)) is not None  # "之江实验室、湖畔实验室等13家单位": of a group
        out.append(Candidate(m.start(1), m.end(1), "", name=name, org=True, example=example))
    return out


def _named(view: DocumentView, sentence: Sentence) -> list[Candidate]:
    """Organisations and listed names of the sentence that the gazetteer does not know, as candidates."""
    out: list[Candidate] = _han_orgs(sentence)
    text = sentence.text
    regions = [(m.start, m.end) for m in view.regions_in(sentence)]
    numbers = [(q.start, q.end) for q in sentence.scan.quantities]
    org = _org_pattern(sentence.language)
    if org is not None and _holds_any(text, _literals(sentence.language, "org_heads")):
        for m in org.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in numbers):
                name = _LEADING.sub("", m.group())
                out.append(Candidate(m.end() - len(name), m.end(), "", name=name))
    heads = _region_head_pattern(sentence.language)
    if heads is not None and _holds_any(text, _literals(sentence.language, "region_heads")):
        for m in heads.finditer(text):
            if not any(s < m.end() and m.start(1) < e for s, e in [*regions, *numbers]):
                out.append(Candidate(m.start(), m.end(), "", name=m.group()))
    listed = _listed_pattern(sentence.language)
    if listed is not None and "(" in text:  # a name right before a bracket
        for m in listed.finditer(text):
            span = (m.start(1), m.end(1))
            if m.start(1) == 0 or any(s < span[1] and span[0] < e for s, e in [*regions, *numbers]):
                continue  # a region is a candidate already; a sentence's first word may be any word
            if any(c.start <= span[0] < c.end for c in out):
                continue
            if m.group(1).casefold() in _metric_words(sentence.language):
                continue  # "del Pil (…)": an economic aggregate, not a name
            probe = Candidate(span[0], span[1], "")
            if _bracketed(sentence, probe):
                out.append(Candidate(span[0], span[1], "", name=m.group(1)))
    return out


@cache
def _frame_pattern(code: str) -> regex.Pattern[str] | None:
    """A framework named right before a mention (``frame_before``: "se enmarca en", "nell'ambito del", "dans le
    cadre de", "as part of"): the programme a project belongs to, not the subject of its figures."""
    words = _words(code, "frame_before")
    if not words:
        return None
    gap = r"(?:\s+[\p{L}'’-]+){0,5}?\s*"  # "se enmarca en los programas europeos PERTE Chip"
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(words)}){gap}(?:{_ARTICLES}\s*)?$", regex.IGNORECASE)


def _framed(sentence: Sentence, start: int) -> bool:
    pattern = _frame_pattern(sentence.language)
    return pattern is not None and pattern.search(sentence.text[max(0, start - 60) : start]) is not None


def _role(sentence: Sentence, start: int, end: int) -> str:
    """What a mention at [start, end) is: "name" (inside a name or a framework the figure belongs to),
    "scope", "compared" or "" (a subject)."""
    compare, scope, after, before = _context_patterns(sentence.language)
    text = sentence.text
    if _framed(sentence, start):
        return "name"
    if after is not None and after.match(text, end):
        return "name"
    if before is not None and before.search(text[max(0, start - 40) : start]):
        return "name"
    if scope is not None and scope.match(text, end):
        return "scope"
    if compare is not None and compare.search(text[max(0, start - 40) : start]):
        if _any_other(sentence.language).search(text[max(0, start - 25) : start]):
            return ""  # "than any other UK university": the whole the subject is compared within
        return "compared"
    return ""


@cache
def _any_other(code: str) -> regex.Pattern[str]:
    words = _words(code, "compare_within")
    alternation = _alternation(words) if words else "(?!)"
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation})(?:\s+[\p{{L}}'’]+)?\s*$", regex.IGNORECASE)


@cache
def deictics(code: str) -> tuple[tuple[str, str], ...]:
    """(phrase, level) pairs of a language: "the province" -> province, 全市 -> city."""
    data = _data(code)
    if not data:
        return ()
    table = data.get("deictics") or {}
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise LanguageResourceError(
            f"extract/lang/subjects/{code}.yaml: `deictics` must map levels to lists of phrases",
            hint="Write it as `deictics: {province: [the province], city: [the city]}`.",
        )
    pairs = [(str(p), str(level)) for level, phrases in table.items() for p in phrases]
    return tuple(sorted(pairs, key=lambda pl: -len(pl[0])))


@cache
def _attach_pattern(code: str) -> regex.Pattern[str] | None:
    """What may stand between a number and a region that is its own: "2,9 % en Autriche", "3 % of GDP in Spain"."""
    words = _words(code, "attach_after")
    if not words:
        return None
    preps = "|".join(regex.escape(str(w)) for w in sorted(words, key=len, reverse=True))
    articles = r"(?:the|der|dem|den|die|la|le|les|l['’]|el|los|las|il|lo|gli)"
    return regex.compile(
        rf"\s*(?:(?!{_JOINS}\s)[\p{{L}}&+-]+\s+){{0,3}}?(?:{preps})(?:\s+|['’])(?:{articles}\s*)?", regex.IGNORECASE
    )


@cache
def _owners(code: str) -> tuple[regex.Pattern[str] | None, dict[str, str]]:
    """Names of national or regional plans and offices that stand for their owner ("PNRR" -> IT, "Istat" -> IT,
    "Hightech Agenda" -> DE-BY): a pattern over them and each name's region."""
    table = _data(code).get("owners") or {}
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise LanguageResourceError(
            f"extract/lang/subjects/{code}.yaml: `owners` must map region ids to lists of names",
            hint="Write it as `owners: {IT: [PNRR, Istat]}`.",
        )
    region_of = {str(name): str(region) for region, names in table.items() for name in names}
    if code != "zh":  # a head of government's name stands for the region ("Im Einzelnen plant Söder:")
        region_of.update((n, r) for n, r in _heads().items() if n not in region_of)
    if not region_of:
        return None, {}
    alternation = "|".join(regex.escape(n) for n in sorted(region_of, key=len, reverse=True))
    if code == "zh":
        return regex.compile(f"(?:{alternation})"), region_of
    # a genitive or possessive may follow a person's name: "Söders Hightech Agenda", "Macron's plan"
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternation})(?=(?:s|['’]s)?(?![\p{{L}}\p{{N}}]))"), region_of


@cache
def _heads() -> dict[str, str]:
    """Heads of government, by name, and the region each governs (``lang/subjects/heads_of_government.yaml``)."""
    path = importlib_resources.files("riso.extract").joinpath("lang", "subjects", "heads_of_government.yaml")
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise LanguageResourceError(f"extract/lang/subjects/heads_of_government.yaml: not valid YAML ({err})") from err
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise LanguageResourceError(
            "extract/lang/subjects/heads_of_government.yaml: must map region ids to lists of names",
            hint="Write it as `DE-BY: [Söder, Markus Söder]`.",
        )
    return {str(name): str(region) for region, names in table.items() for name in names}


@cache
def _deictic_pattern(code: str) -> regex.Pattern[str] | None:
    pairs = deictics(code)
    if not pairs:
        return None
    forms = dict.fromkeys(f for p, _ in pairs for f in (p, p[:1].upper() + p[1:]))  # as written, or opening a sentence
    alternation = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
    if code == "zh":
        return regex.compile(f"(?:{alternation})")
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternation})(?![\p{{L}}\p{{N}}])")


def _level_of(code: str, phrase: str) -> str | None:
    return _levels(code).get(phrase)


@cache
def _deictic_forms(code: str) -> tuple[str, ...]:
    return tuple(_levels(code))


@cache
def _owner_names(code: str) -> tuple[str, ...]:
    return tuple(_owners(code)[1])


@cache
def _levels(code: str) -> dict[str, str]:
    """Each deictic phrase, as written and opening a sentence, with its level (the first pair that lists it)."""
    out: dict[str, str] = {}
    for p, level in deictics(code):
        for form in (p, p[:1].upper() + p[1:]):
            out.setdefault(form, level)
    return out


def _region_level(view: DocumentView, region_id: str) -> str:
    levels: dict[str, str] = view.__dict__.setdefault("_subject_levels", {})
    level = levels.get(region_id)
    if level is None:
        try:
            level = view.catalog.region(region_id).level
        except Exception:
            level = ""
        levels[region_id] = level
    return level


def _counts(view: DocumentView) -> Counter[str]:
    cached = view.__dict__.get("_subject_counts")
    if cached is None:
        cached = Counter(m.id for s in view.sentences for m in view.regions_in(s))
        view.__dict__["_subject_counts"] = cached
    return cached


def own_region(view: DocumentView, level: str) -> str | None:
    """The document's own region of a level ("die Stadt", 我省): the main region when it is of that level,
    else the document's most named region of that level, else the main region's ancestor of that level,
    else the main region. A municipality (重庆市) is a city as well as a province."""
    known: dict[str, str | None] = view.__dict__.setdefault("_subject_own", {})
    if level not in known:
        known[level] = _own_region(view, level)
    return known[level]


def _own_region(view: DocumentView, level: str) -> str | None:
    levels = {"city": ("city",), "district": ("district", "city"), "province": ("province",)}.get(level, (level,))

    def fits(region_id: str) -> bool:
        return _region_level(view, region_id) in levels or (level == "city" and region_id in _CITY_LEVEL_PROVINCES)

    main = view.main_region
    if main is not None and main.id and fits(main.id):
        return main.id
    named = [(n, rid) for rid, n in _counts(view).items() if fits(rid)]
    if named:
        return max(named)[1]
    region_id = main.id if main else None
    for _ in range(6):
        if not region_id:
            break
        if fits(region_id):
            return region_id
        try:
            region_id = view.catalog.region(region_id).parent
        except Exception:
            break
    if main is not None and main.id:
        above = _region_level(view, main.id) in ("country", "supranational", "world")
        if not (above and level in ("province", "city", "district")):
            return main.id  # (a country is no 我市: "我市…居全国第12位" names its scope, not its city)
    return unnamed_country(view) if level == "country" else None


# a web or mail address in the text ("ufficiostampa@istat.it", "www.ine.es"): its country-code domain is the publisher's
_ADDRESS = regex.compile(r"(?<![\p{L}\p{N}.-])(?:[a-z0-9-]*[a-z][a-z0-9-]*\.){1,4}([a-z]{2})(?![\p{L}\p{N}-])")
_DOMAIN_REGIONS = {"uk": "GB", "eu": "EU"}


def _publisher_country(view: DocumentView) -> str | None:
    """The country of the web and mail addresses in the text, when they agree ("contact.istat.it" -> IT)."""
    found: Counter[str] = Counter()
    for m in _ADDRESS.finditer(view.document.text):
        if "@" not in view.document.text[max(0, m.start() - 1) : m.start()] and m.group().count(".") < 2:
            continue  # "z.B." or a word before a full stop: an address has two dots or follows an @
        code = _DOMAIN_REGIONS.get(m.group(1), m.group(1).upper())
        if _region_level(view, code) in ("country", "supranational"):
            found[code] += 1
    return found.most_common(1)[0][0] if len(found) == 1 else None


def _subnational(view: DocumentView) -> bool:
    """Whether the text names its own region by a word below the country ("全市前列", "the province")."""
    for sentence in view.sentences:
        pattern = _deictic_pattern(sentence.language)
        if pattern is not None and any(
            _level_of(sentence.language, d.group()) not in (None, "country") for d in pattern.finditer(sentence.text)
        ):
            return True
    return False


def national_total(view: DocumentView, label: str, language: str) -> Subject | None:
    """The country a table row labelled as the national total is about ("Total Nacional", "National total",
    全国合计): the document's country."""
    words = _words(language, "national_totals")
    if not words or not regex.search(rf"(?<![\p{{L}}])(?:{_alternation(words)})(?![\p{{L}}])", label, regex.IGNORECASE):
        return None
    country = own_region(view, "country")
    return view.subject(country) if country else None


def unnamed_country(view: DocumentView) -> str | None:
    """The country of a document that names no region: its publisher's (an address in the text), else the country
    its language is the one national language of (``default_country``: Istat's "il 50,9 % delle imprese")."""
    cached = view.__dict__.get("_unnamed_country", "")
    if cached != "":
        return cached  # type: ignore[no-any-return]
    found = _publisher_country(view)
    if found is None and not _subnational(view):
        codes = [s.language for s in view.sentences]
        code = Counter(codes).most_common(1)[0][0] if codes else (view.document.language or "")
        default = _data(code).get("default_country")
        found = str(default) if default else None
    view.__dict__["_unnamed_country"] = found
    return found


def candidates(view: DocumentView, sentence: Sentence) -> list[Candidate]:
    """The regions a sentence names as possible subjects: gazetteer mentions and deictic words, in text order.

    Mentions inside a name and scopes of a rank or an average are left out (`_role`)."""
    cache_ = view.__dict__.setdefault("_subject_candidates", {})
    if sentence.start in cache_:
        return cache_[sentence.start]  # type: ignore[no-any-return]
    is_demonym = getattr(view.catalog, "is_demonym", None)
    out: list[Candidate] = []
    for m in view.regions_in(sentence):
        if _framed(sentence, m.start):  # "dans le cadre du plan Bretagne 2030": the programme's owner
            out.append(Candidate(m.start, m.end, m.id, framed=True))
            continue
        role = _role(sentence, m.start, m.end)
        if role in ("name", "scope"):
            continue
        if m.surface in _below_city_scopes(sentence.language) and _below_city(view):
            continue  # a district's 全国 ("创建全国科普示范区"): a scope, not its subject
        demonym = bool(is_demonym and is_demonym(m.surface))
        if demonym and _head_scope(sentence, m.start, m.end):
            continue  # "la 1re université française": the ranking's scope, the university is the subject
        region_level = _region_level(view, m.id)
        out.append(
            Candidate(
                m.start,
                m.end,
                m.id,
                demonym=demonym,
                world=region_level == "world",
                compared=role == "compared",
                modifier=demonym and region_level == "supranational",
            )
        )
    owners, region_of = _owners(sentence.language)
    if owners is not None and _holds_any(sentence.text, _owner_names(sentence.language)):
        for o in owners.finditer(sentence.text):
            # a head of government's full name holding a region's adjective is the person ("Pere Aragonès" is
            # Catalonia's president, not Aragon's adjective): the name wins over the adjective inside it
            lo, hi = o.start(), o.end()
            out = [c for c in out if not (c.demonym and lo <= c.start and c.end <= hi and c.end - c.start < hi - lo)]
        taken = [(c.start, c.end) for c in out]
        for o in owners.finditer(sentence.text):
            if not any(s < o.end() and o.start() < e for s, e in taken):
                framed = _framed(sentence, o.start())  # "im Rahmen der Hightech Agenda": Bavaria's programme
                out.append(Candidate(o.start(), o.end(), region_of[o.group()], demonym=not framed, framed=framed))
    named = _named(view, sentence) + _counties_in(view, sentence) + _groups_in(sentence)
    opening = _opening_name(view, sentence)
    if opening is not None and not any(n.start < opening.end and opening.start < n.end for n in [*named, *out]):
        named.append(opening)
    county = _own_county(view)
    # a region inside an organisation's name is the organisation ("Imperial College London", "Politecnico di Milano")
    out = [c for c in out if not any(n.start <= c.start and c.end <= n.end for n in named)] + named
    pattern = _deictic_pattern(sentence.language)
    if pattern is not None and _holds_any(sentence.text, _deictic_forms(sentence.language)):
        taken = [(m.start, m.end) for m in view.regions_in(sentence)]
        for d in pattern.finditer(sentence.text):
            if any(s < d.end() and d.start() < e for s, e in [*taken, *((n.start, n.end) for n in named)]):
                continue  # "la Región de Murcia", "die Region Ulm": the name wins
            role = _role(sentence, d.start(), d.end())
            if role in ("name", "scope"):
                continue  # 居全省第二: the rank's scope
            level = _level_of(sentence.language, d.group())
            if level in ("province", "city") and _below_city(view):
                continue  # a district's 全省, 全市: the scope it ranks itself in ("连续两年夺得全省…")
            if level == "district" and county:
                out.append(Candidate(d.start(), d.end(), "", deictic=True, name=county))
                continue
            region_id = own_region(view, level) if level else None
            if region_id:
                out.append(Candidate(d.start(), d.end(), region_id, deictic=True, compared=role == "compared"))
    adjectives = _national_pattern(sentence.language)
    if (
        adjectives is not None
        and _holds_any(sentence.text, _literals(sentence.language, "national_adjectives"))
        and (country := own_region(view, "country"))
    ):
        taken = [(c.start, c.end) for c in out]
        for a in adjectives.finditer(sentence.text):
            role = _role(sentence, a.start(), a.end())
            if not _national_figure(sentence, a.start(), a.end()) or _in_indicator_name(view, sentence, a.start()):
                continue  # "150 piattaforme nazionali", "150 national innovation platforms": of national rank
            if not any(s < a.end() and a.start() < e for s, e in taken) and role in ("", "compared"):
                out.append(
                    Candidate(a.start(), a.end(), country, demonym=True, deictic=True, compared=role == "compared")
                )
    out.sort(key=lambda c: c.start)
    cache_[sentence.start] = out
    return out


_NUMBER_BEFORE = regex.compile(r"\d\s*%?\s*$")
_NUMBER_AFTER = regex.compile(r"\s*\d")


def _in_indicator_name(view: DocumentView, sentence: Sentence, at: int) -> bool:
    """Whether a position is inside the name of a catalog indicator ("national innovation platforms")."""
    return any(m.start <= at < m.end for m in view.catalog.find_indicators(sentence.text, sentence.language))


def _national_figure(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a national adjective names the country's own figure: right after a number ("al 1,25 nacional") or
    beside an average or level word (``national_heads``: "la media nazionale", "the national average")."""
    text = sentence.text
    if _NUMBER_BEFORE.search(text[max(0, start - 12) : start]) or _NUMBER_AFTER.match(text, end):
        return True  # "al 1,25 nacional", "below the national 2.65 %"
    heads = _words(sentence.language, "national_heads")
    if not heads:
        return False
    head = rf"(?:{_alternation(heads)})"
    return bool(
        regex.search(rf"(?<![\p{{L}}]){head}\s+$", text[max(0, start - 30) : start], regex.IGNORECASE)
        or regex.match(rf"\s+{head}(?![\p{{L}}])", text[end:], regex.IGNORECASE)
    )


@cache
def _national_pattern(code: str) -> regex.Pattern[str] | None:
    """The adjectives that name the document's country without its name ("frente al 1,25 nacional", "la media
    nazionale"): ``national_adjectives``."""
    words = _words(code, "national_adjectives")
    if not words:
        return None
    return regex.compile(rf"(?<![\p{{L}}])(?:{_alternation(words)})(?![\p{{L}}])")


_OWN_LEVELS = ("country", "province", "city", "district")


def _ancestors(view: DocumentView, region_id: str) -> list[str]:
    """The region and its parents, nearest first (at most six up); kept per view, for the regions it names."""
    known: dict[str, list[str]] = view.__dict__.setdefault("_subject_ancestors", {})
    chain = known.get(region_id)
    if chain is None:
        chain = known[region_id] = _parents(view, region_id)
    return chain


def _parents(view: DocumentView, region_id: str) -> list[str]:
    chain = [region_id]
    for _ in range(6):
        try:
            parent = view.catalog.region(chain[-1]).parent
        except Exception:
            break
        if not parent:
            break
        chain.append(parent)
    return chain


def _main_id(view: DocumentView, counts: Counter[str]) -> str:
    """The most named region; when no region is named more than another and they lie in one country or region
    below one that is itself not named, that region ("Lombardia, Lazio, Veneto …" each once: Italy; 南京, 苏州:
    Jiangsu). A named common region ("Castilla y León … España") is a comparison, not the document's referent."""
    top = counts.most_common(2)
    if len(top) < 2 or top[0][1] > top[1][1]:
        return top[0][0]
    chains = [_ancestors(view, rid) for rid in counts]
    common = [r for r in chains[0] if all(r in c for c in chains[1:])]
    if common and common[0] not in counts and _region_level(view, common[0]) in _OWN_LEVELS:
        return common[0]
    return top[0][0]


@cache
def _county_matcher() -> Matcher:
    """China's county-level divisions (``extract/data/cn_counties.txt``: full name, short forms, gazetteer parent),
    found by full name or short form; a mention's id is the full name."""
    path = importlib_resources.files("riso.extract").joinpath("data", "cn_counties.txt")
    common = frozenset(_words("zh", "county_common_words"))  # "新建创新平台": a word, not 新建区
    forms: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            full, short = [*line.split("\t"), ""][:2]
            shorts = (f for f in short.split(",") if f and f not in common)
            forms.extend((form, full) for form in (full, *shorts))
    return Matcher(forms)


def _counties_in(view: DocumentView, sentence: Sentence) -> list[Candidate]:
    """The districts and counties a Chinese sentence names (余杭区, 余杭, 昆山市) that the gazetteer does not have:
    subjects by their full name."""
    if sentence.language != "zh":
        return []
    known: dict[int, list[Candidate]] = view.__dict__.setdefault("_subject_counties", {})
    if sentence.start in known:
        return known[sentence.start]
    taken = [(m.start, m.end) for m in view.regions_in(sentence)]
    out = []
    for m in _county_matcher().find(sentence.text):
        if any(s < m.end and m.start < e for s, e in taken) or _role(sentence, m.start, m.end) == "scope":
            continue
        out.append(Candidate(m.start, m.end, "", name=m.id))
    known[sentence.start] = out
    return out


def _own_county(view: DocumentView) -> str | None:
    """The district or county a Chinese document names most, if any."""
    if "_subject_county" not in view.__dict__:
        found = Counter(c.name for s in view.sentences for c in _counties_in(view, s))
        view.__dict__["_subject_county"] = found.most_common(1)[0][0] if found else None
    return view.__dict__["_subject_county"]  # type: ignore[no-any-return]


@cache
def _below_city_scopes(code: str) -> frozenset[str]:
    return frozenset(_words(code, "below_city_scopes"))


def _below_city(view: DocumentView) -> bool:
    """Whether a document is a district's or a county's: it names one, or calls itself 全区, 本县 …"""
    if "_subject_below_city" not in view.__dict__:
        below = _own_county(view) is not None
        for sentence in view.sentences if not below else ():
            pattern = _deictic_pattern(sentence.language)
            if pattern is not None and any(
                _level_of(sentence.language, d.group()) == "district" for d in pattern.finditer(sentence.text)
            ):
                below = True
                break
        view.__dict__["_subject_below_city"] = below
    return view.__dict__["_subject_below_city"]  # type: ignore[no-any-return]


def _main(view: DocumentView) -> Subject | None:
    """The document's most named region, counting subject mentions only (not names, scopes or deictics); a
    district's document is the district's (余杭 in a report that also names 杭州 and 浙江)."""
    county = _own_county(view)
    if county is not None:
        return Subject(id=None, name=county)
    if "_subject_main" not in view.__dict__:
        counts = Counter(
            c.id
            for s in view.sentences
            for c in candidates(view, s)
            if c.id and not c.deictic and not c.world and not c.modifier and not c.compared and not c.framed
        )
        fallback = view.main_region
        compared = {c.id for s in view.sentences for c in candidates(view, s) if c.compared}
        if fallback is not None and (_region_level(view, fallback.id or "") == "world" or fallback.id in compared):
            fallback = None  # "il mondo della ricerca", "rispetto alla Germania": a scope or a comparison's object
        if (
            fallback is not None
            and _region_level(view, fallback.id or "") in ("country", "supranational")
            and _subnational(view)
        ):
            fallback = None  # "全市…居全国第12位": the country a city's text ranks itself in is no subject
        view.__dict__["_subject_main"] = view.subject(_main_id(view, counts)) if counts else fallback
    return view.__dict__["_subject_main"]  # type: ignore[no-any-return]


def _bracketed(sentence: Sentence, c: Candidate) -> tuple[int, ...]:
    """The starts of the numbers in a bracket right after a region: its own ("Svezia (64.2)", 镇江(4.64%))."""
    opened = _BRACKET.match(sentence.text, c.end)
    if opened is None:
        return ()
    closed = _BRACKET_END.search(sentence.text, opened.end())
    stop = closed.start() if closed else len(sentence.text)
    return tuple(q.start for q in sentence.scan.quantities if opened.end() <= q.start < stop)


def _owner(sentence: Sentence, c: Candidate) -> int | None:
    """The start of the number a region written right after it belongs to ("1,3 % en Espagne"), if any."""
    pattern = _attach_pattern(sentence.language)
    if pattern is None or c.compared:
        return None  # "2,1 % dépassant la moyenne de la Normandie": the comparison's object, not the number's
    before = [q for q in sentence.scan.quantities if q.end <= c.start]
    if not before:
        return None
    q = max(before, key=lambda q: q.end)
    return q.start if pattern.fullmatch(sentence.text, q.end, c.start) else None


def _aside(text: str, offset: int) -> tuple[int, int] | None:
    """The bracket [open, close) that holds ``offset``, if any (the innermost, within 200 characters)."""
    if "(" not in text and "（" not in text:
        return None
    opened = max(text.rfind("(", max(0, offset - 200), offset), text.rfind("（", max(0, offset - 200), offset))
    if opened < 0:
        return None
    closed = _BRACKET_END.search(text, opened)
    if closed is not None and closed.start() < offset:
        return None
    return opened, closed.start() if closed else len(text)


_WORD_RUN = regex.compile(r"[\p{L}\p{N}'’-]+")


def _own_phrase(text: str, end: int, start: int) -> bool:
    """Whether a number at ``start`` is in the noun phrase of a mention ending at ``end``: at most three words and
    no clause boundary between ("the Japanese target of 4 %", "la moyenne de l'UE de 2,2 %", 全国平均的2.4%)."""
    between = text[end:start]
    if start < end or len(between) > 40 or _BOUNDARY.search(between) or _STRONG.search(between):
        return False
    return len(_WORD_RUN.findall(between)) <= 3


def _distance(sentence: Sentence, c: Candidate, start: int, end: int) -> int:
    text = sentence.text
    own = _bracketed(sentence, c)
    if own:
        return 0 if start in own else 10**4  # "Belgique (3,4 %)": the bracket's numbers are the region's
    owner = _owner(sentence, c)
    if owner is not None:
        return 0 if owner == start else 10**4  # tied to its own number
    after = c.start >= end
    lo, hi = (end, c.start) if after else (c.end, start)
    if hi < lo:
        return 0
    d = (hi - lo) + 40 * len(_BOUNDARY.findall(text, lo, hi)) + 150 * len(_STRONG.findall(text, lo, hi))
    between = sum(1 for q in sentence.scan.quantities if lo <= q.start and q.end <= hi)
    d += _PER_NUMBER * between + (_AFTER if after else 0) + (_DEMONYM if c.demonym else 0)
    if c.compared and not (after is False and _own_phrase(text, c.end, start)):
        d += _COMPARED  # "ahead of Cyprus with 46.6": Italy's score; "below the Japanese target of 4%": Japan's
    return d + (_WORLD if c.world else 0)


def _subject_of(view: DocumentView, c: Candidate) -> Subject | None:
    return Subject(id=None, name=c.name) if c.name else view.subject(c.id)


def _framing_owner(view: DocumentView, sentence: Sentence, frame: Candidate) -> Subject | None:
    """The subject of a figure whose sentence names only the programme it is framed in: the region the passage is
    about when that is the programme's owner, inside it, or the owner is a union or the world ("Wales … as part of
    the UK Chips Strategy", "Sachsen … im Rahmen des European Chips Act"); else the owner ("Im Rahmen der Hightech
    Agenda …" in a text that names only Germany, or none, is Bavaria's)."""
    other = _previous_subject(view, sentence) or _main(view)
    if other is None:
        return _subject_of(view, frame)
    if other.id is None:
        return other  # an organisation the passage is about
    if frame.id in _ancestors(view, other.id) or _region_level(view, frame.id) in ("supranational", "world"):
        return other
    return _subject_of(view, frame)


def _previous_subject(view: DocumentView, sentence: Sentence) -> Subject | None:
    """The first region named by the paragraph's nearest earlier sentence that names one."""
    text = view.document.text
    index = bisect_left(view.sentence_starts, sentence.start)
    if index >= len(view.sentences) or view.sentences[index] is not sentence:
        index = next((i for i, s in enumerate(view.sentences) if s is sentence), -1)
    # at most _LOOK_BACK sentences back: a paragraph is rarely longer, and the cost stays linear in the text
    for earlier in reversed(view.sentences[max(index - _LOOK_BACK, 0) : max(index, 0)]):
        if _PARAGRAPH.search(text, earlier.end, sentence.start):
            break
        named = [
            c
            for c in candidates(view, earlier)
            if not c.world and not c.modifier and not c.compared and not c.org and not c.framed
        ]  # an organisation named in passing ("之江实验室纳入…") is no subject of the sentences after it
        if named:
            first = min(named, key=lambda c: (c.compared, c.demonym, c.start))
            return _subject_of(view, first)
    return None


def subject_at(
    view: DocumentView, sentence: Sentence, start: int, end: int, *, exclude: Sequence[tuple[int, int]] = ()
) -> Subject | None:
    """The subject of the value at [start, end) of the sentence (offsets relative to the sentence)."""
    found = [c for c in candidates(view, sentence) if not any(s < c.end and c.start < e for s, e in exclude)]
    # a region inside brackets is the bracket's, not the subject of a number outside ("1,5 % del Pil (Israele il 5 %)")
    found = [c for c in found if (aside := _aside(sentence.text, c.start)) is None or aside[0] <= start < aside[1]]
    # "le catene del valore europee", "fonds européens": a union's adjective names the union's own figure, else it
    # is the subject only when neither the sentence, the paragraph nor the document names another region
    if _WHOLE_OF.search(sentence.text[max(0, start - 16) : start]):
        found = [c for c in found if not c.group]  # "412 of the 820": the whole is not the part's group
    group = _group(view, sentence, found, start)
    if group is not None:
        return group
    # "gut die Hälfte der gesamten FuE-Investitionen in Deutschland": the whole a share is of, when a part is named
    wholes = [c for c in found if c.start >= end and _share_between(sentence, end, c.start)]
    if wholes and len(wholes) < len(found):
        found = [c for c in found if c not in wholes]
    # "Bavaria is the leading German region": the adjective of a named region's country is its scope
    named_ids = {c.id for c in found if c.id and not c.demonym}
    inner = {a for rid in named_ids for a in _ancestors(view, rid)[1:]}
    found = [c for c in found if not (c.demonym and c.id in inner and not _in_phrase(sentence.text, c, start, end))]
    # "Niedersachsen will die sächsische Quote von 2,8 % übertreffen und 3,0 % erreichen": a sub-national adjective
    # names only its own phrase's figures when the sentence names another region
    found = [
        c
        for c in found
        if not (
            c.demonym
            and named_ids - {c.id}
            and _region_level(view, c.id) not in ("country", "supranational", "world")
            and not _in_phrase(sentence.text, c, start, end)
        )
    ]
    found = [c for c in found if not c.org or (c.end <= start and not c.example)]  # a name stands before its figures
    frames = [c for c in found if c.framed]
    found = [c for c in found if not c.framed]
    if frames and not found:
        return _framing_owner(view, sentence, min(frames, key=lambda c: (_distance(sentence, c, start, end), c.start)))
    weak = [c for c in found if c.modifier and not _in_phrase(sentence.text, c, start, end)
            and not _in_relative(sentence, c, start)]
    found = [c for c in found if c not in weak]
    if weak and not found and (other := _previous_subject(view, sentence) or _main(view)) is not None:
        return other
    found = found or weak
    if found:
        best = min(found, key=lambda c: (_distance(sentence, c, start, end), c.start))
        compared = _only_compared(sentence, best, start)
        if best.world or compared:
            other = _previous_subject(view, sentence) or (_main(view) if compared else None)
            if other is not None and other.id != best.id:
                return other
            if compared and other is None and _subnational(view) and _region_level(view, best.id) == "country":
                return None  # "全市…比全国平均水平高": a city's unnamed figure, compared with the country's
        return _subject_of(view, best)
    if _opens_with_average(sentence):
        return Subject(id=None, name="average")  # "Der Durchschnitt liegt bei 41,39 Punkten": the group's
    earlier = _previous_subject(view, sentence) or _main(view)
    if earlier is None and (country := unnamed_country(view)):
        return view.subject(country)
    return _among_peers(view, sentence, earlier)


_PEER_LEVELS = ("province", "city")


def _among_peers(view: DocumentView, sentence: Sentence, subject: Subject | None) -> Subject | None:
    """A subject carried into a sentence that ranks it among regions of one level ("居各省、自治区之首",
    "在全省各设区市中排名第三": ``peers_<level>``) is the region of that level: the carried region when it is of
    that level, else its ancestor of that level (苏南 … 居各省之首: Jiangsu)."""
    if subject is None or not subject.id:
        return subject
    for level in _PEER_LEVELS:
        words = _words(sentence.language, f"peers_{level}")
        if not words or not any(w in sentence.text for w in words):
            continue
        chain = _ancestors(view, subject.id)
        if _region_level(view, chain[0]) == level:
            return subject
        above = next((r for r in chain[1:] if _region_level(view, r) == level), None)
        return view.subject(above) if above else subject
    return subject


_WHOLE_OF = regex.compile(
    r"\d\s+(?:of|out\s+of|von|sur|su|de|di|del|dei|delle|des)\s+(?:the|den|les|los|las|i|gli|le)?\s*$"
)
_MEMBER_JOIN = regex.compile(
    rf"\s*(?:,|、|，)?\s*(?:(?:and|und|sowie|et|e|ed|y|和|与|及)\s*)?(?:{_ARTICLES}\s*)?", regex.IGNORECASE
)


@cache
def _sum_patterns(code: str) -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None]:
    """Words that add members up: after the first member ("zusammen mit", "together with") or after them all
    ("zusammen", "together", 合计)."""
    cjk = code == "zh"
    edge_before, edge_after = ("", "") if cjk else (r"(?<![\p{L}])", r"(?![\p{L}])")
    out: list[regex.Pattern[str] | None] = []
    for key_ in ("sum_with", "sum_after"):
        words = _words(code, key_)
        out.append(
            regex.compile(rf"{edge_before}(?:{_alternation(words)}){edge_after}", regex.IGNORECASE) if words else None
        )
    return out[0], out[1]


def _members_from(sentence: Sentence, found: list[Candidate], first: Candidate) -> list[Candidate]:
    """``first`` and the candidates joined to it by commas and "and" words."""
    chain = [first]
    for c in sorted((c for c in found if c.start >= first.end), key=lambda c: c.start):
        gap = sentence.text[chain[-1].end : c.start]
        if not _MEMBER_JOIN.fullmatch(gap):
            break
        chain.append(c)
    return chain


def _group(view: DocumentView, sentence: Sentence, found: list[Candidate], start: int) -> Subject | None:
    """The members a value adds up, as one subject: "Baden-Württemberg stemmt zusammen mit Bayern und Hessen gut die
    Hälfte", "Together, Bavaria and Hesse account for 40 %" ("Baden-Württemberg, Bayern und Hessen")."""
    with_, after = _sum_patterns(sentence.language)
    text = sentence.text
    members: list[Candidate] = []
    named = sorted((c for c in found if not c.deictic and not c.world and c.end <= start), key=lambda c: c.start)
    if len(named) < 2:
        return None  # a group has two members at least
    if with_ is not None:
        for cue in with_.finditer(text, 0, start):
            first = [c for c in named if c.end <= cue.start() and len(_WORD_RUN.findall(text, c.end, cue.start())) <= 2]
            rest = [c for c in named if c.start >= cue.end() and not text[cue.end() : c.start].strip(" ")]
            if first and rest:
                members = [first[-1], *_members_from(sentence, named, rest[0])]
    if not members and after is not None:
        for c in named:
            chain = _members_from(sentence, named, c)
            if len(chain) > 1:
                tail, head = text[chain[-1].end : start], text[max(0, c.start - 20) : c.start]
                cue = after.search(tail)
                if (cue is not None and len(_WORD_RUN.findall(tail, 0, cue.start())) <= 2) or after.search(head):
                    members = chain  # "Bayern und Hessen zusammen …", "Together, Bavaria and Hesse …"
                    break
    members = [m for m in members if m.end <= start]
    if len(members) < 2 or start - members[-1].end > 80 or _STRONG.search(text, members[-1].end, start):
        return None
    names = [text[m.start : m.end].replace("\u2011", "-") for m in members]
    and_word = next(iter(_words(sentence.language, "and_word")), "&")
    if sentence.language == "zh":
        return Subject(id=None, name="、".join(names[:-1]) + and_word + names[-1])
    return Subject(id=None, name=", ".join(names[:-1]) + f" {and_word} " + names[-1])


@cache
def _share_pattern(code: str) -> regex.Pattern[str] | None:
    words = _words(code, "share_words")
    if not words:
        return None
    edge = "" if code == "zh" else r"(?<![\p{L}])"
    return regex.compile(rf"{edge}(?:{_alternation(words)})", regex.IGNORECASE)


def _share_between(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a share-of-the-whole word stands between a number and a later mention ("la moitié du total en
    France", "der gesamten … in Deutschland"), within one clause."""
    pattern = _share_pattern(sentence.language)
    between = sentence.text[start:end]
    return pattern is not None and len(between) <= 80 and not _STRONG.search(between) and bool(pattern.search(between))


@cache
def _average_pattern(code: str) -> regex.Pattern[str] | None:
    words = _words(code, "average_subjects")
    if not words:
        return None
    edge = "" if code == "zh" else r"(?![\p{L}])"
    return regex.compile(rf"^\W*(?:{_ARTICLES}\s*)?(?:{_alternation(words)}){edge}", regex.IGNORECASE)


def _opens_with_average(sentence: Sentence) -> bool:
    """Whether a sentence that names no region opens with an average as its subject ("Der Durchschnitt liegt …",
    "The average is …", 平均得分为…): its figure is the group's average, not the last region named before."""
    pattern = _average_pattern(sentence.language)
    return pattern is not None and pattern.match(sentence.text) is not None


def _in_phrase(text: str, c: Candidate, start: int, end: int) -> bool:
    """Whether the number at [start, end) is in the noun phrase of the mention: "la media europea del 2,2 %",
    "2,2 % de media europea"."""
    return _own_phrase(text, c.end, start) or _own_phrase(text, end, c.start)


def _in_relative(sentence: Sentence, c: Candidate, start: int) -> bool:
    """Whether the number is in a relative clause on the mention's noun phrase: "El Reglamento europeo de chips,
    que quiere movilizar más de 43.000 millones", "the European Chips Act, which will mobilise €43 billion"."""
    pronouns = sentence.pats.res.words("relative_pronouns")
    between = sentence.text[c.end : start]
    if start < c.end or len(between) > 120 or not pronouns:
        return False
    head = regex.match(rf"^(?:\s+[\p{{L}}'’-]+){{0,3}}\s*,\s*(?:{_alternation(list(pronouns))})(?![\p{{L}}])", between,
                       regex.IGNORECASE)
    if head is None:
        return False
    rest = between[head.end() :]
    return not (_BOUNDARY.search(rest) or _STRONG.search(rest)) and len(_WORD_RUN.findall(rest)) <= 8


def _only_compared(sentence: Sentence, c: Candidate, start: int) -> bool:
    """Whether the nearest mention is a comparison's object that the number is not its own: "2,95 %, about twice
    the national average" is the document's subject's."""
    own = c.end <= start and _own_phrase(sentence.text, c.end, start)
    return c.compared and not own and not _bracketed(sentence, c)
