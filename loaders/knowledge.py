"""The enumerable knowledge extraction uses, read from the data files under ``loaders/data``.

Gazetteers (``data/gazetteer/*.tsv``) list general knowledge: places, government bodies, parks,
firms, organisations and industries, each row with aliases, English name, jurisdiction, parent
and a source. Rules (``data/rules/``) list name suffixes, trigger words, boundary words, official
abbreviations and document-number prefixes. Code never lists names; it reads them from here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from loaders.normalize import compact

DATA = Path(__file__).parent / "data"

GAZETTEER_COLUMNS = ("name", "type", "aliases", "en", "jurisdiction", "parent", "source")


@dataclass(frozen=True)
class GazetteerEntry:
    """One row of a gazetteer: a real-world thing known before any document is read."""

    name: str
    type: str
    aliases: tuple[str, ...]
    en: str
    jurisdiction: str
    parent: str
    source: str
    file: str


@dataclass(frozen=True)
class SuffixRule:
    suffix: str
    type: str
    min_stem: int
    en: str = ""
    anchor: bool = False


@dataclass(frozen=True)
class Trigger:
    word: str
    property: str
    subject_types: frozenset[str]
    object_types: frozenset[str]


@dataclass
class Knowledge:
    """Everything the extractor knows before it reads a document.

    ``names`` maps the compact matching form of every gazetteer name and alias to its entry.
    """

    entries: list[GazetteerEntry]
    names: dict[str, GazetteerEntry]
    suffixes: list[SuffixRule]
    triggers: list[Trigger]
    boundaries: tuple[str, ...]
    event_boundaries: tuple[str, ...]
    generic_stems: frozenset[str]
    scope_words: frozenset[str]
    policy_suffixes: tuple[str, ...]
    abbreviations: list[tuple[str, str]]
    document_numbers: dict[str, str]
    titles: dict[str, str]
    surnames: frozenset[str]
    by_name: dict[str, GazetteerEntry] = field(default_factory=dict)

    @property
    def max_name_length(self) -> int:
        return self._name_index[1]

    # Indexes for the scanners: looking a word up by its first character and length instead of
    # trying every word at every position keeps extraction linear in the text.
    @cached_property
    def _name_index(self) -> tuple[dict[str, tuple[int, ...]], int]:
        lengths: dict[str, set[int]] = {}
        for name in self.names:
            lengths.setdefault(name[0], set()).add(len(name))
        index = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
        return index, max((len(n) for n in self.names), default=0)

    def name_lengths(self, first: str) -> tuple[int, ...]:
        """Lengths of the gazetteer names that start with ``first``, longest first."""
        return self._name_index[0].get(first, ())

    @cached_property
    def suffixes_by_first(self) -> dict[str, list[SuffixRule]]:
        index: dict[str, list[SuffixRule]] = {}
        for rule in self.suffixes:  # already longest first
            index.setdefault(rule.suffix[0], []).append(rule)
        return index

    @cached_property
    def suffix_words(self) -> tuple[frozenset[str], tuple[int, ...]]:
        words = frozenset(s.suffix for s in self.suffixes if len(s.suffix) >= 2)
        return words, tuple(sorted({len(w) for w in words}))

    @cached_property
    def boundary_words(self) -> dict[str, tuple[frozenset[str], tuple[int, ...]]]:
        """Boundary words by kind ("" for names, "Event" for events) with their lengths."""
        return {
            kind: (frozenset(words), tuple(sorted({len(w) for w in words})))
            for kind, words in (("", self.boundaries), ("Event", self.event_boundaries))
        }


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _words(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(compact(line))
    return out


def read_gazetteer(path: Path) -> list[GazetteerEntry]:
    """Read one gazetteer file; a malformed row raises ``ValueError`` naming file and line."""
    entries = []
    for lineno, row in enumerate(_rows(path), start=2):
        if not row.get("name") or not row.get("type"):
            raise ValueError(f"{path.name}:{lineno}: a gazetteer row needs a name and a type")
        entries.append(
            GazetteerEntry(
                name=compact(row["name"]),
                type=row["type"],
                aliases=tuple(compact(a) for a in row.get("aliases", "").split("|") if a.strip()),
                en=row.get("en", ""),
                jurisdiction=row.get("jurisdiction", ""),
                parent=compact(row.get("parent", "")),
                source=row.get("source", ""),
                file=path.name,
            )
        )
    return entries


@lru_cache(maxsize=1)
def load_knowledge(data_dir: Path = DATA) -> Knowledge:
    """Read every data file once per process."""
    entries: list[GazetteerEntry] = []
    for path in sorted((data_dir / "gazetteer").glob("*.tsv")):
        if path.name == "titles.tsv":
            continue
        entries.extend(read_gazetteer(path))
    names: dict[str, GazetteerEntry] = {}
    by_name: dict[str, GazetteerEntry] = {}
    for entry in entries:
        by_name.setdefault(entry.name, entry)
        for form in (entry.name, *entry.aliases):
            # First row wins: a later file cannot silently take over a name.
            if len(form) >= 2:
                names.setdefault(form, entry)
    rules = data_dir / "rules"
    suffixes = sorted(
        (
            SuffixRule(
                compact(r["suffix"]),
                r["type"],
                int(r.get("min_stem") or 2),
                r.get("en", ""),
                r.get("anchor", "") == "yes",
            )
            for r in _rows(rules / "suffixes.tsv")
        ),
        key=lambda s: -len(s.suffix),
    )
    triggers = [
        Trigger(
            compact(r["trigger"]),
            r["property"],
            frozenset(r["subject_types"].split("|")),
            frozenset(r["object_types"].split("|")),
        )
        for r in _rows(rules / "triggers.tsv")
    ]
    titles_path = data_dir / "gazetteer" / "titles.tsv"
    titles = (
        {compact(r["title"]): r.get("kind", "") for r in _rows(titles_path)}
        if titles_path.exists()
        else {}
    )
    return Knowledge(
        entries=entries,
        names=names,
        suffixes=suffixes,
        triggers=triggers,
        boundaries=tuple(sorted(set(_words(rules / "boundaries.txt")), key=lambda w: -len(w))),
        event_boundaries=tuple(
            sorted(set(_words(rules / "event_boundaries.txt")), key=lambda w: -len(w))
        ),
        scope_words=frozenset(_words(rules / "scope_words.txt")),
        generic_stems=frozenset(_words(rules / "generic_stems.txt")),
        policy_suffixes=tuple(
            sorted(set(_words(rules / "policy_suffixes.txt")), key=lambda w: -len(w))
        ),
        abbreviations=[
            (compact(r["long"]), compact(r["short"])) for r in _rows(rules / "abbreviations.tsv")
        ],
        document_numbers={
            compact(r["prefix"]): compact(r["issuer"])
            for r in _rows(rules / "document_numbers.tsv")
        },
        titles=titles,
        surnames=frozenset(_words(data_dir / "gazetteer" / "surnames.txt")),
        by_name=by_name,
    )
