"""Find many names in a text at once: a trie compiled to one regular expression per script class."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from riso.catalog._fold import fold, key

__all__ = ["Matcher", "Mention", "TextMentions"]

# A Latin-script word character after folding: a name must not start or end inside a word.
_WORD = r"0-9a-z\u00df-\u024f\u0370-\u04ff"
_SEP = r"[ \-]{0,3}"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{0,5}$")
_LATIN_START = re.compile(rf"[{_WORD}&+%]")
_WORD_CHAR = re.compile(rf"[{_WORD}]")


@dataclass(frozen=True)
class Mention:
    """A catalog name found in a text: character offsets, the entry id and the text as written."""

    start: int
    end: int
    id: str
    surface: str


def _atoms(folded: str) -> list[str]:
    """Split a folded name into regex atoms; separators become one optional-separator atom."""
    atoms: list[str] = []
    for part in re.split(r"[ \-]+", folded.strip(" -")):
        if not part:
            continue
        if atoms:
            atoms.append(_SEP)
        for char in part:
            if atoms and atoms[-1] != _SEP and not (char.isalnum() and atoms[-1][-1:].isalnum()):
                # "F&E" also matches "F & E", "R+D" matches "R + D"
                atoms.append(_SEP)
            atoms.append(re.escape(char))
    return atoms


def _trie_pattern(names: Iterable[list[str]]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for atoms in names:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends = "" in node
    # an optional separator may match nothing: its branch goes last, so "startup innovative" is not cut at
    # "startup" by the branch of "start-up"
    ordered = sorted(node.items(), key=lambda kv: (kv[0] == _SEP, kv[0]))
    branches = [atom + _node_pattern(child) for atom, child in ordered if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    if ends:
        if len(branches) == 1:
            body = "(?:" + branches[0] + ")"
        return body + "?"
    return body


class Matcher:
    """Finds every listed name in a text: leftmost, longest, non-overlapping.

    Latin-script names match on word boundaries (with an optional genitive or plural
    ``suffix``); names in scripts without spaces (Chinese) match as plain substrings;
    short upper-case acronyms ("EU", "USA") match case-sensitively. With ``cased``, a Latin name
    written only capitalised ("Turkey", "Mali", "Island") matches only where the text capitalises it too,
    so common words ("turkey", "mali", "island") are no names.
    """

    def __init__(self, names: Iterable[tuple[str, str]], *, suffix: str = "", cased: bool = False) -> None:
        self._ids: dict[str, str] = {}
        lower_keys: set[str] = set()
        upper_keys: set[str] = set()
        self._acronyms: dict[str, str] = {}
        latin: list[list[str]] = []
        other: list[list[str]] = []
        for name, entry_id in names:
            name = name.strip()
            if not name:
                continue
            if _ACRONYM.match(name) and len(name) <= 4:
                self._acronyms[name] = entry_id
                continue
            folded = fold(name)
            atoms = _atoms(folded)
            if not atoms:
                continue
            self._ids.setdefault(key(name), entry_id)
            if cased and _LATIN_START.match(folded):
                (upper_keys if name[:1].isupper() else lower_keys).add(key(name))
            (latin if _LATIN_START.match(folded) else other).append(atoms)
        self._cased = frozenset(upper_keys - lower_keys)
        # The start boundary is a look-behind: positions inside a word fail on it before the trie is tried
        # (measured: half the time of a search that checks each start in Python, on real text).
        self._latin = re.compile(rf"(?<![{_WORD}])(?:{_trie_pattern(latin)}){suffix}(?![{_WORD}])") if latin else None
        self._other = re.compile(_trie_pattern(other)) if other else None
        acronyms = sorted(self._acronyms, key=len, reverse=True)
        self._acronym_regex = (
            re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, acronyms)) + r")(?![A-Za-z0-9])")
            if acronyms
            else None
        )

    def find(self, text: str, folded: str | None = None) -> list[Mention]:
        """Every name in the text, non-overlapping, longest first where two overlap, in text order.

        ``folded`` is ``fold(text)`` when the caller has it (a slice of a folded document: fold maps each
        character alone, so it commutes with slicing)."""
        folded = fold(text) if folded is None else folded
        return self._resolved([m for group in self._raw(text, folded, None) for m in group])

    def scan(self, text: str, folded: str | None = None) -> TextMentions:
        """One pass over a whole text, from which the mentions of the text and of any of its slices are read
        (``TextMentions``): a document's sentences without a pass each."""
        folded = fold(text) if folded is None else folded
        consumed: list[list[tuple[int, int]]] = [[], [], []]
        groups = self._raw(text, folded, consumed)
        return TextMentions(self, text, folded, groups, consumed)

    def _resolved(self, found: list[Mention]) -> list[Mention]:
        if len(found) > 1 and (self._acronym_regex is not None or (self._latin and self._other)):
            return _non_overlapping(found)
        return found

    def _raw(
        self, text: str, folded: str, consumed: list[list[tuple[int, int]]] | None
    ) -> tuple[list[Mention], list[Mention], list[Mention]]:
        """The Latin-script, other-script and acronym matches (before overlaps are resolved), each in text order;
        with ``consumed``, the span of every match the search stepped over, per kind (rejected names too)."""
        latin: list[Mention] = []
        other: list[Mention] = []
        acronyms: list[Mention] = []
        if self._latin is not None:
            for match in self._latin.finditer(folded):
                start, pos = match.span()
                if consumed is not None:
                    consumed[0].append((start, pos))
                self._add(latin, text, start, pos, match.group())
        if self._other is not None:
            for match in self._other.finditer(folded):
                if consumed is not None:
                    consumed[1].append(match.span())
                self._add(other, text, match.start(), match.end(), match.group())
        if self._acronym_regex is not None:
            for match in self._acronym_regex.finditer(text):
                if consumed is not None:
                    consumed[2].append(match.span())
                acronyms.append(Mention(match.start(), match.end(), self._acronyms[match.group()], match.group()))
        return latin, other, acronyms

    def _add(self, found: list[Mention], text: str, start: int, end: int, matched: str) -> None:
        name_key = key(matched)
        entry_id = self._ids.get(name_key)
        if entry_id is None:  # the match carries a suffix ("Chongqings"): find the name it extends
            name_key = next((k for cut in (1, 2, 3) if (k := key(matched[:-cut])) in self._ids), "")
            entry_id = self._ids.get(name_key)
        if entry_id is not None and name_key in self._cased and text[start].islower():
            return  # "turkey", "mali": a common word, not the capitalised name
        if entry_id is not None:
            found.append(Mention(start, end, entry_id, text[start:end]))


class _KeptSpans:
    """Disjoint kept spans over a fixed set of start offsets: a Fenwick tree counts kept starts, so
    "does a kept span start in [a, b)" and "which kept span starts last before a" cost O(log n)."""

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts  # sorted, distinct: every candidate's start offset
        self._tree = [0] * (len(starts) + 1)
        self._end: dict[int, int] = {}  # kept start -> its end
        self._top = 1 << max(0, len(starts).bit_length() - 1)
        self.steps = 0  # tree nodes visited: O(log n) per operation (tests count them)

    def _count_below(self, offset: int) -> int:
        """Kept spans starting before ``offset``."""
        i, total = bisect_left(self._starts, offset), 0
        while i:
            self.steps += 1
            total += self._tree[i]
            i -= i & -i
        return total

    def _nth(self, n: int) -> int:
        """The start offset of the n-th kept span (1-based) in text order."""
        pos, step = 0, self._top
        while step:
            self.steps += 1
            nxt = pos + step
            if nxt < len(self._tree) and self._tree[nxt] < n:
                pos, n = nxt, n - self._tree[nxt]
            step >>= 1
        return self._starts[pos]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) meets a kept span."""
        before = self._count_below(start)
        if self._count_below(end) > before or self._end.get(start, start) > start:
            return True  # a kept span starts inside, or at the same offset
        return bool(before) and self._end[self._nth(before)] > start

    def keep(self, start: int, end: int) -> None:
        self._end[start] = end
        i = bisect_left(self._starts, start) + 1
        while i < len(self._tree):
            self.steps += 1
            self._tree[i] += 1
            i += i & -i


def _non_overlapping(mentions: list[Mention], kept: _KeptSpans | None = None) -> list[Mention]:
    """Longest first (then leftmost), keep each mention that overlaps none kept: O(n log n)."""
    kept = kept or _KeptSpans(sorted({m.start for m in mentions}))
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if mention.end > mention.start and not kept.overlaps(mention.start, mention.end):
            kept.keep(mention.start, mention.end)
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


class TextMentions:
    """The mentions of a text found in one pass, and those of any slice [start, end) of it.

    A slice's mentions are read off the whole text's when no match the search stepped over crosses the slice's
    edges and no word character stands right outside them: the searches then take the same steps inside the slice,
    so ``within`` returns exactly what ``Matcher.find`` returns on the slice; otherwise the slice is searched alone.
    """

    def __init__(
        self,
        matcher: Matcher,
        text: str,
        folded: str,
        groups: tuple[list[Mention], list[Mention], list[Mention]],
        consumed: list[list[tuple[int, int]]],
    ) -> None:
        self._matcher, self._text, self._folded = matcher, text, folded
        self._groups = groups
        self._group_starts = [[m.start for m in group] for group in groups]
        self._consumed = consumed
        self._consumed_starts = [[s for s, _ in spans] for spans in consumed]
        self._all: list[Mention] | None = None

    def all(self) -> list[Mention]:
        """The mentions of the whole text (``Matcher.find(text)``)."""
        if self._all is None:
            self._all = self._matcher._resolved([m for group in self._groups for m in group])
        return self._all

    def _crossed(self, offset: int) -> bool:
        """Whether a stepped-over match starts before ``offset`` and ends after it."""
        for spans, starts in zip(self._consumed, self._consumed_starts, strict=True):
            i = bisect_left(starts, offset)  # matches of one kind never overlap: only the last before can cross
            if i and spans[i - 1][1] > offset:
                return True
        return False

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions of the slice [start, end), with offsets relative to ``start`` (``Matcher.find`` on it)."""
        folded = self._folded
        safe = (
            (start == 0 or not _WORD_CHAR.match(folded, start - 1))
            and (end >= len(folded) or not _WORD_CHAR.match(folded, end))
            and not self._crossed(start)
            and not self._crossed(end)
        )
        if not safe:
            return self._matcher.find(self._text[start:end], folded[start:end])
        found: list[Mention] = []
        for group, starts in zip(self._groups, self._group_starts, strict=True):
            lo, hi = bisect_left(starts, start), bisect_left(starts, end)
            for m in group[lo:hi]:
                if m.end <= end:
                    found.append(Mention(m.start - start, m.end - start, m.id, m.surface))
        return self._matcher._resolved(found)
