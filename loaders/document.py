"""Reading a source file into a :class:`Document`.

A document keeps its raw bytes and the decoded original text: every character offset in the graph
points into that text, so nothing here may alter it. Metadata comes from YAML front matter
(Markdown) or from the first lines of the text (PDF-extracted government files).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: File suffixes a folder build picks up.
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")


class DocumentError(ValueError):
    """A file that cannot be read as a document; the message names the file and the reason."""


@dataclass(frozen=True)
class Document:
    """One source file.

    Attributes
    ----------
    doc_id : str
        The file stem; it names the document's IRI and its named graph.
    path : Path
        Where the file was read from.
    raw : bytes
        The file exactly as read.
    text : str
        ``raw`` decoded as UTF-8, unchanged: the reference for all offsets.
    markdown : bool
        Whether the file is Markdown (front matter, image links) rather than plain text.
    metadata : dict
        ``title``, ``source``, ``date`` (ISO string) where stated.
    """

    doc_id: str
    path: Path
    raw: bytes
    text: str
    markdown: bool
    metadata: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def read_document(path: str | Path) -> Document:
    """Read one file, refusing what is not a UTF-8 text document.

    Raises
    ------
    DocumentError
        If the file is missing, empty, binary or not UTF-8.

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_text("湘政办发〔2021〕58号\\n", encoding="utf-8")
    >>> read_document(p).doc_id
    'x'
    >>> _ = p.write_bytes(b"")
    >>> read_document(p)
    Traceback (most recent call last):
    ...
    loaders.document.DocumentError: ...x.txt: empty file
    """
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    raw = path.read_bytes()
    if not raw.strip():
        raise DocumentError(f"{path}: empty file")
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{path}: binary file (NUL bytes), not a text document")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 (invalid byte at offset {exc.start}); convert it to UTF-8 first"
        ) from None
    markdown = path.suffix.lower() in (".md", ".markdown") or bool(_FRONT_MATTER.match(text))
    return Document(
        doc_id=path.stem,
        path=path,
        raw=raw,
        text=text,
        markdown=markdown,
        metadata=_metadata(text),
    )


def _metadata(text: str) -> dict:
    """Title, source and date from front matter, else from the head of the text."""
    meta: dict = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            front = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError:
            front = {}
        if isinstance(front, dict):
            for key in ("title", "date"):
                if front.get(key):
                    meta[key] = str(front[key]).strip()
            source = front.get("source") or front.get("description")
            if source:
                # "稿源：臺灣導報" names the outlet; keep only the outlet.
                meta["source"] = re.sub(r"^\s*稿源[:：]\s*", "", str(source)).strip()
    if "date" not in meta:
        # Government files print their issue date (2022年11月1日印发) near the top; a date in
        # the first lines of the text is the best available publication date.
        head = text[:1500]
        issued = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发", head)
        if issued:
            y, mth, d = issued.groups()
            meta["date"] = f"{int(y):04d}-{int(mth):02d}-{int(d):02d}"
    return meta


def iter_document_paths(paths: list[Path]) -> list[Path]:
    """Expand folders into their document files, sorted, keeping files as given."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in DOCUMENT_SUFFIXES)
            )
        else:
            found.append(p)
    return found
