"""Make a corpus N times the bundled one from its real sentences, with new names.

Copy 0 is the five seed documents of ``corpus/`` unchanged (so 岳阳产业园, 新竹科学园区 and the
stored queries' example names are in every generated corpus). Copies 1 … N-1 each hold one new
document per seed document: the seed's header (front matter or title lines) and then its
sentences in their order, where about one sentence in five is swapped for a random sentence of
any seed document and some neighbouring sentences change places. Every name of a park, firm,
person, event, organisation or project that the seeds mention is then replaced by a new name
minted for that copy (a new stem before the same suffix, 岳阳产业园 → 澄瑾璟产业园; a new
personal name, 龍明彪 → 許沐翊), the same in every document of the copy, so entities link
across the documents of a copy and their number grows with N instead of repeating five
documents. Traditional-script names get Traditional replacements.

The names to replace are listed in ``bench/seed_names.tsv`` (made from the extractor's own
mentions of the seeds by ``--refresh-names``, then kept fixed, so a corpus does not change when
the extractor does). Output is deterministic for a given ``--seed``; a document's text depends
only on the seed, its copy number and its seed document, so the 10× corpus is the first tenth
of the 100× one. Documents are written one at a time, never held together.

Example::

    python bench/corpus.py --size 10 --out work/corpus-10x
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
NAMES = Path(__file__).resolve().parent / "seed_names.tsv"
NAME_COLUMNS = ("file", "surface", "kind", "key", "keep_prefix", "keep_suffix")

#: Kinds of entity whose names are replaced.
KINDS = ("Park", "Enterprise", "Person", "Event", "Organization", "Project")

#: Characters for new name stems and given names: written alike in both scripts, and none of
#: them a word that ends or opens a name in the extractor's rules (checked by the tests).
STEM_CHARS = "澄瑾璟沁沐珂琪瑜筠榕桐楠槿蔚霖翊睿晗昕煜璇琛鑫淼焱茗芊萱菁苒梓柏杉岑屹崧泓汐洵湄淇珀琨瑛璞彤昊晟暄曦"
#: Common single-character surnames (Simplified; converted in Traditional text).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"

_SENTENCE_END = re.compile(r"(?<=[。！？])")


@dataclass(frozen=True)
class Name:
    """A name in a seed document that is replaced in the copies."""

    surface: str  # exactly as written in the seed file
    kind: str
    key: str  # the entity (canonical name): one replacement per entity and copy
    keep_prefix: str  # kept before the new stem (台湾 of 台湾新竹科学园区)
    keep_suffix: str  # kept after the new stem (产业园, 集團); empty for a person


# -- the names of the seeds ---------------------------------------------------------------------


def refresh_names(path: Path = NAMES) -> int:
    """Write ``seed_names.tsv`` from the extractor's mentions of the seed documents."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from loaders.document import read_document
    from loaders.extract import extract
    from loaders.knowledge import load_knowledge
    from loaders.normalize import matching_form

    knowledge = load_knowledge()
    suffixes = sorted(knowledge.suffixes, key=lambda s: -len(s.suffix))
    rows: dict[tuple[str, str], tuple] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = read_document(seed)
        ex = extract(doc, knowledge)
        for ent in ex.entities:
            if ent.type not in KINDS:
                continue
            for x in ent.mentions:
                if not x.rule.startswith(("suffix:", "pattern:", "gazetteer:")):
                    continue  # repeats and aliases (一會一論壇) stay as they are
                start, end = ex.clean.original_span(x.start, x.end)
                surface = doc.text[start:end]
                if len(surface) < 2 or any(c.isspace() for c in surface):
                    continue  # a name broken by a line wrap is left alone
                row = _name_row(ent.type, surface, matching_form(surface), suffixes)
                if row is not None:
                    rows.setdefault((seed.name, surface), (*row, ent.canonical))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Names in the seed documents that bench/corpus.py replaces in its copies.\n"
            "# Made by `python bench/corpus.py --refresh-names` from the extractor's mentions.\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(NAME_COLUMNS)
        for (file, surface), (kind, prefix, suffix, key) in sorted(rows.items()):
            w.writerow([file, surface, kind, key, prefix, suffix])
    return len(rows)


def _name_row(kind: str, surface: str, m: str, suffixes) -> tuple[str, str, str] | None:
    """(kind, kept prefix, kept suffix) of a name, or None if it is not replaced."""
    if len(m) != len(surface):
        return None
    if kind == "Person":
        return (kind, "", "") if 2 <= len(surface) <= 3 else None
    prefix = next((p for p in ("台湾", "香港", "澳门", "大陆") if m.startswith(p)), "")
    for rule in suffixes:
        if m.endswith(rule.suffix) and not rule.anchor:
            stem = len(m) - len(prefix) - len(rule.suffix)
            if stem < max(rule.min_stem, 2):
                return None
            return (kind, surface[: len(prefix)], surface[len(surface) - len(rule.suffix) :])
    if kind == "Enterprise" and len(m) >= 2:
        # A firm known by its brand alone (富士康) becomes a new brand with a firm's suffix.
        return (kind, surface[: len(prefix)], "集团" if m == surface else "集團")
    return None


@lru_cache(maxsize=1)
def seed_names(path: Path = NAMES) -> tuple[Name, ...]:
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    names = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        names.setdefault(
            r["surface"],
            Name(r["surface"], r["kind"], r["key"], r["keep_prefix"], r["keep_suffix"]),
        )
    return tuple(sorted(names.values(), key=lambda n: (-len(n.surface), n.surface)))


# -- new names ----------------------------------------------------------------------------------


class Namer:
    """New names for copy ``k``: one per entity, distinct across copies and entities."""

    def __init__(self, names: tuple[Name, ...], seed: int):
        rng = random.Random(f"coopkg-names/{seed}")
        self.pools = [rng.sample(STEM_CHARS, len(STEM_CHARS)) for _ in range(4)]
        self.surnames = rng.sample(SURNAMES, len(SURNAMES))
        keys: dict[str, dict[str, int]] = {}
        for n in names:
            per_kind = keys.setdefault(n.kind, {})
            per_kind.setdefault(n.key, len(per_kind))
        self.keys = keys

    def _index(self, kind: str, key: str, k: int) -> int:
        per_kind = self.keys[kind]
        return (k - 1) * len(per_kind) + per_kind[key]

    def stem(self, kind: str, key: str, k: int) -> str:
        i = self._index(kind, key, k)
        n = len(STEM_CHARS)
        width = 3 if i < n**3 else 4
        chars = []
        for pos in range(width):
            chars.append(self.pools[pos][i % n])
            i //= n
        return "".join(chars)

    def person(self, key: str, k: int, length: int) -> str:
        i = self._index("Person", key, k)
        surname = self.surnames[i % len(self.surnames)]
        i //= len(self.surnames)
        n = len(STEM_CHARS)
        given = self.pools[0][i % n] + self.pools[1][(i // n) % n]
        return surname + given[: length - 1]


def _traditional(text: str) -> bool:
    from loaders.normalize import matching_form

    return matching_form(text) != text


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def replacements(names: tuple[Name, ...], namer: Namer, k: int) -> dict[str, str]:
    """Every seed name's replacement in copy ``k``, in the script the name is written in."""
    out = {}
    for n in names:
        if n.kind == "Person":
            new = namer.person(n.key, k, len(n.surface))
        else:
            new = n.keep_prefix + namer.stem(n.kind, n.key, k) + n.keep_suffix
        if _traditional(n.surface):
            new = _s2t().convert(new)
        out[n.surface] = new
    return out


# -- documents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    name: str
    header: str  # kept as it is: front matter, title lines, up to the first sentence end
    sentences: tuple[str, ...]


def load_seeds(folder: Path = SEEDS) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts = [p for p in _SENTENCE_END.split(text) if p]
        seeds.append(Seed(path.name, parts[0], tuple(parts[1:])))
    return seeds


def copy_text(seed: Seed, pool: list[str], rng: random.Random) -> str:
    """One new document from a seed: its sentences, some swapped for others, some moved."""
    body = [rng.choice(pool) if rng.random() < 0.2 else s for s in seed.sentences]
    for i in range(len(body) - 1):
        if rng.random() < 0.1:
            body[i], body[i + 1] = body[i + 1], body[i]
    return seed.header + "".join(body)


def generate(size: int, out: Path, *, seed: int = 6, seeds: Path = SEEDS) -> Iterator[Path]:
    """Write the corpus of ``size`` copies into ``out``, yielding each file as it is written."""
    out.mkdir(parents=True, exist_ok=True)
    docs = load_seeds(seeds)
    pool = [s for d in docs for s in d.sentences]
    names = seed_names()
    namer = Namer(names, seed)
    pattern = re.compile("|".join(re.escape(n.surface) for n in names))
    for d in docs:
        target = out / d.name
        shutil.copyfile(seeds / d.name, target)
        yield target
    for k in range(1, size):
        table = replacements(names, namer, k)
        for d in docs:
            rng = random.Random(f"coopkg-corpus/{seed}/{k}/{d.name}")
            text = pattern.sub(lambda m, t=table: t[m.group(0)], copy_text(d, pool, rng))
            target = out / f"x{k:04d}_{d.name}"
            target.write_text(text, encoding="utf-8")
            yield target


def corpus_bytes(size: int, seeds: Path = SEEDS) -> int:
    """About how many bytes ``generate(size)`` writes (for time estimates)."""
    return size * sum(p.stat().st_size for p in seeds.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10, help="copies of the seed corpus (N)")
    parser.add_argument("--out", type=Path, help="folder to write into (emptied first)")
    parser.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    parser.add_argument(
        "--refresh-names",
        action="store_true",
        help="rewrite bench/seed_names.tsv from the extractor's mentions of the seeds",
    )
    args = parser.parse_args(argv)
    if args.refresh_names:
        print(f"{refresh_names()} names written to {NAMES}")
        if args.out is None:
            return 0
    if args.out is None:
        parser.error("--out is required")
    if args.out.exists():
        shutil.rmtree(args.out)
    total = files = 0
    for path in generate(args.size, args.out, seed=args.seed):
        total += path.stat().st_size
        files += 1
    print(f"{files} documents, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
