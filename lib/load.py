"""Stage 1, load: read an article file faithfully and find its parts.

``load_article(path)`` returns an :class:`Article`. Offsets everywhere are 0-based,
end-exclusive indices into ``Article.text``: ``text[start:end]`` is the unit.

Tables (pandas DataFrames) on the article:

- ``paragraphs``: ``paragraph`` (0-based), ``start``, ``end``, ``text``, ``kind``
  (``story`` or ``boilerplate``); one row per non-empty line, surrounding blanks trimmed.
- ``sentences``: ``sentence``, ``paragraph``, ``start``, ``end``, ``text``; story text only.
- ``boilerplate``: ``start``, ``end``, ``text``, ``kind``, ``line`` (1-based), ``rule``.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.tables import LANG_DIR, languages, table, usable

STAGE_TABLES = ("time", "actors", "gazetteer", "events")


class ArticleError(ValueError):
    """An article or its metadata cannot be read; the message says which file and why."""


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of a DataFrame as JSON-ready dicts (NaN and NA become ``None``)."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


# ----------------------------------------------------------------------------- reading

def read_text(path: str | Path) -> tuple[str, str]:
    """Return ``(text, sha256)`` of an article file: UTF-8, BOM removed, LF line ends, NFC.

    Raises :class:`ArticleError` for a missing path, a directory, an empty or binary file,
    text that is not UTF-8 (with the byte offset), or an HTML page.
    """
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, expected an article text file")
    raw = path.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        raise ArticleError(f"{path}: binary file (NUL byte at byte offset {nul}), expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(
            f"{path}: not UTF-8 at byte offset {exc.start} (line {line}, byte 0x{raw[exc.start]:02x}); "
            "re-save the file as UTF-8, for example with: iconv -f CP1252 -t UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ArticleError(f"{path}: empty (no text besides whitespace)")
    html = re.search(r"<\s*(?:!doctype\s+html|html|body|head)\b|<\s*p\s*>", text, re.IGNORECASE)
    if html:
        line = text.count("\n", 0, html.start()) + 1
        raise ArticleError(
            f"{path}: looks like an HTML page ({html.group(0)!r} at line {line}); "
            "save the article's text (its paragraphs, one per line) as a .txt file"
        )
    return text, sha256


# ----------------------------------------------------------------------------- language

def detect_language(text: str) -> tuple[str, dict[str, float]]:
    """Guess the language from function words: the share of tokens in each language's list.

    Returns ``(code, shares)``; ``code`` is ``"und"`` when fewer than 5 tokens are function
    words of any language. Ties go to the first code in alphabetical order.

    >>> detect_language("Presiden akan berbicara dengan para pemimpin yang hadir di sana.")[0]
    'id'
    """
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    shares: dict[str, float] = {}
    counts: dict[str, int] = {}
    for code in languages():
        words = set(table(code, "load")["function_words"])
        counts[code] = sum(t in words for t in tokens)
        shares[code] = round(counts[code] / len(tokens), 4) if tokens else 0.0
    best = max(sorted(shares), key=lambda c: shares[c])
    if counts[best] < 5:
        return "und", shares
    return best, shares


# ----------------------------------------------------------------------------- parts

def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines (one paragraph per line), blanks trimmed."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = _trimmed(text, m.start(), m.end())
        if start < end:
            spans.append((start, end))
    return spans


def find_boilerplate(text: str, lang: str) -> pd.DataFrame:
    """Lines and inline fragments that are not the story (spam footers, links, credits, ...).

    >>> find_boilerplate("Isi berita.\\nBaca juga: Judul lain", "id")[["kind", "text"]].values.tolist()
    [['related_link', 'Baca juga: Judul lain']]
    """
    rules = table(usable(lang), "load")["boilerplate"]
    rows = []
    taken: list[tuple[int, int]] = []
    for scope in ("line", "inline"):
        for rule in rules:
            if rule["scope"] != scope:
                continue
            for m in re.finditer(rule["pattern"], text, re.MULTILINE):
                start, end = _trimmed(text, m.start(), m.end())
                if start >= end or any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                rows.append({
                    "start": start, "end": end, "text": text[start:end], "kind": rule["kind"],
                    "line": text.count("\n", 0, start) + 1, "rule": f"{rule['kind']}/{scope}",
                })
    frame = pd.DataFrame(rows, columns=["start", "end", "text", "kind", "line", "rule"])
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3}"
    r"(?:,[ ](?P<second>[A-Za-z][\w'’.-]*(?:[ ][A-Za-z][\w'’.-]*){0,2}))?)"
    r"(?:[ ]?\((?P<outlet>[^()\n]{2,30})\))?"
    r"[ ]*(?P<dash>[—–]|-{1,2})[ ]+"
)


def find_dateline(text: str, start: int, lang: str = "id") -> dict | None:
    """The dateline at ``start`` (the head of the first story paragraph), or ``None``.

    Returns ``{"start", "end", "text", "place", "outlet"}``; ``end`` is just after the dash.
    An outlet is the part in brackets (``Padangsidimpuan (ANTARA) -``) or a second part that
    is a known outlet or a web address (``Jakarta, Kompas.com —``).

    >>> find_dateline("JAKARTA, KOMPAS.com - Harga naik.", 0)["outlet"]
    'KOMPAS.com'
    """
    m = DATELINE.match(text[start:start + 80])
    if not m:
        return None
    outlets = set(table(usable(lang), "load")["outlets"])
    place, outlet = m.group("place"), m.group("outlet")
    second = m.group("second")
    if second and (second in outlets or re.search(r"\.(?:com|co|id|net|org)\b", second, re.I)):
        place = place[: place.rindex(",")]
        outlet = second
    elif second and not second[0].isupper():
        return None
    # a dateline is a place, not the start of a sentence: the place has no lowercase function word
    if any(w in table(usable(lang), "load")["function_words"] for w in place.lower().split()):
        return None
    end = start + m.end("dash")
    return {"start": start, "end": end, "text": text[start:end], "place": place, "outlet": outlet}


def _story_pieces(start: int, end: int, cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, pos = [], start
    for s, e in cut:
        if e <= start or s >= end:
            continue
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        pieces.append((pos, end))
    return pieces


def split_sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``.

    sentencex finds candidate boundaries (it keeps offsets); two Indonesian fixes follow:
    a boundary after an abbreviation from the language table (``Jl.``, ``PT.``, ``a.n.``) is
    undone, and so is one before a lowercase word, the machine-translation artefact
    ``Mereka setuju. namun, ...``.
    """
    import sentencex

    abbreviations = _abbreviations(lang)
    chunk = text[start:end]
    bounds = [(start + b["start_index"], start + b["end_index"])
              for b in sentencex.get_sentence_boundaries(usable(lang), chunk)]
    merged: list[list[int]] = []
    for s, e in bounds:
        s, e = _trimmed(text, s, e)
        if s >= e:
            continue
        if merged:
            last_token = text[text.rfind(" ", merged[-1][0], merged[-1][1]) + 1:merged[-1][1]]
            first = _FIRST_LETTER.match(text, s, e)
            if last_token in abbreviations or (first and first.group(1).islower()):
                merged[-1][1] = e
                continue
        merged.append([s, e])
    return [(s, e) for s, e in merged]


_FIRST_LETTER = re.compile(r"[\"“‘'(\[]*(\w)")


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset:
    return frozenset(table(usable(lang), "load")["abbreviations"])


def text_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a whole text, paragraph by paragraph (for stages given bare text)."""
    return [span for start, end in find_paragraphs(text) for span in split_sentences(text, start, end, lang)]


# ----------------------------------------------------------------------------- metadata

METADATA_FIELDS = {
    "language": str, "machine_translation": bool, "translated_from": str, "source_outlet": str,
    "headline": str, "dateline": str, "published": str, "dct": str, "sources": list,
}


def metadata_path(article_path: str | Path) -> Path:
    """Where the curated metadata of an article lives: ``<name>.meta.json`` beside it."""
    path = Path(article_path)
    return path.with_name(path.stem + ".meta.json")


def load_metadata(path: str | Path) -> dict:
    """Read and validate a curated metadata file; the error names the field and what was expected."""
    path = Path(path)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{path}: expected a JSON object at the top level")
    for name, kind in METADATA_FIELDS.items():
        if name not in meta:
            raise ArticleError(f"{path}: field {name!r} is missing")
        if not isinstance(meta[name], kind):
            raise ArticleError(f"{path}: field {name!r}: expected {kind.__name__}, got {type(meta[name]).__name__}")
    if meta["language"] not in languages():
        raise ArticleError(f"{path}: field 'language': expected one of {languages()}, got {meta['language']!r}")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["dct"]):
            raise ValueError
        date.fromisoformat(meta["dct"])
    except ValueError:
        raise ArticleError(f"{path}: field 'dct': expected a date YYYY-MM-DD, got {meta['dct']!r}") from None
    try:
        published = datetime.fromisoformat(meta["published"])
        if published.tzinfo is None:
            raise ValueError
    except ValueError:
        raise ArticleError(
            f"{path}: field 'published': expected an ISO date-time with UTC offset "
            f"(2021-12-29T12:25:00-05:00), got {meta['published']!r}") from None
    for i, source in enumerate(meta["sources"]):
        if not (isinstance(source, dict) and isinstance(source.get("fact"), str) and isinstance(source.get("source"), str)):
            raise ArticleError(f"{path}: field 'sources', item {i}: expected an object with text fields 'fact' and 'source'")
    return meta


# ----------------------------------------------------------------------------- the article

@dataclass
class Article:
    """A loaded article: its text and the tables that describe its parts."""

    path: Path
    text: str
    sha256: str
    language: str
    language_shares: dict
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    boilerplate: pd.DataFrame
    dateline: dict | None
    metadata: dict | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """The language whose tables the stages use: the detected or curated one, Indonesian when undecided."""
        return usable(self.language)

    def check_annotatable(self) -> None:
        """Raise :class:`ArticleError` when the article's language lacks the tables the stages need."""
        missing = [stage for stage in STAGE_TABLES if not (LANG_DIR / self.lang / f"{stage}.json").exists()]
        if missing:
            ready = [code for code in languages() if all((LANG_DIR / code / f"{s}.json").exists() for s in STAGE_TABLES)]
            raise ArticleError(f"{self.path}: the text is in language {self.lang!r}, which has no {', '.join(missing)} "
                               f"tables in lib/lang/{self.lang}/; annotated languages: {', '.join(ready)}")

    @cached_property
    def story_text(self) -> str:
        """The text with boilerplate blanked out (same length, newlines kept), for later stages."""
        chars = list(self.text)
        for start, end in zip(self.boilerplate["start"], self.boilerplate["end"]):
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


def load_article(path: str | Path) -> Article:
    """Load an article file: text, language, paragraphs, sentences, dateline, boilerplate, metadata."""
    path = Path(path)
    text, sha256 = read_text(path)
    meta_file = metadata_path(path)
    metadata = load_metadata(meta_file) if meta_file.exists() else None
    detected, shares = detect_language(text)
    language = metadata["language"] if metadata else detected
    notes = []
    if metadata and detected not in (language, "und"):
        notes.append(f"metadata says language {language!r}, the text looks like {detected!r}")

    boilerplate = find_boilerplate(text, language)
    cut = list(zip(boilerplate["start"], boilerplate["end"]))
    paragraph_rows, sentence_rows, dateline = [], [], None
    for number, (start, end) in enumerate(find_paragraphs(text)):
        pieces = _story_pieces(start, end, cut)
        kind = "story" if any(text[s:e].strip() for s, e in pieces) else "boilerplate"
        paragraph_rows.append({"paragraph": number, "start": start, "end": end,
                               "text": text[start:end], "kind": kind})
        if kind != "story":
            continue
        if dateline is None and not sentence_rows:
            dateline = find_dateline(text, pieces[0][0], language)
        for piece_start, piece_end in pieces:
            for s, e in split_sentences(text, piece_start, piece_end, language):
                sentence_rows.append({"sentence": len(sentence_rows), "paragraph": number,
                                      "start": s, "end": e, "text": text[s:e]})
    paragraphs = pd.DataFrame(paragraph_rows, columns=["paragraph", "start", "end", "text", "kind"])
    sentences = pd.DataFrame(sentence_rows, columns=["sentence", "paragraph", "start", "end", "text"])
    return Article(path=path, text=text, sha256=sha256, language=language, language_shares=shares,
                   paragraphs=paragraphs, sentences=sentences, boilerplate=boilerplate,
                   dateline=dateline, metadata=metadata, notes=notes)


def translation_artefacts(article: Article) -> pd.DataFrame:
    """Full stops followed by a lowercase word inside a sentence (``Mereka setuju. namun,``).

    Machine translation leaves these where the source sentence went on; they are kept in one
    sentence by the splitter and listed here. Columns: ``sentence``, ``start``, ``end``, ``text``
    (the full stop and the next word).
    """
    rows = []
    for sentence in article.sentences.itertuples():
        for m in re.finditer(r"(?<=\w)\.\s+[a-z]\w*", sentence.text):
            before = sentence.text[: m.start() + 1].split()[-1]
            if before in _abbreviations(article.lang):
                continue
            rows.append({"sentence": sentence.sentence, "start": sentence.start + m.start(),
                         "end": sentence.start + m.end(), "text": m.group(0)})
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "text"])


# ----------------------------------------------------------------------------- curated tables

def read_curated(path: str | Path, text: str, required: list[str]) -> pd.DataFrame:
    """Read a hand-checked CSV of spans and check it against the article text.

    Every row needs the ``required`` columns; ``start``/``end`` must be integers with
    ``text[start:end]`` equal to the row's ``text``. Errors name the file, the row (CSV line)
    and the column. Empty cells are ``None``.
    """
    import csv

    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise ArticleError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = []
            for row in reader:
                line = reader.line_num
                row = {k: (v if v != "" else None) for k, v in row.items()}
                for column in ("start", "end"):
                    if column in required:
                        try:
                            row[column] = int(row[column])
                        except (TypeError, ValueError):
                            raise ArticleError(f"{path}: line {line}, column {column!r}: expected an integer offset, "
                                               f"got {row[column]!r}") from None
                if "start" in required:
                    start, end = row["start"], row["end"]
                    if not 0 <= start < end <= len(text):
                        raise ArticleError(f"{path}: line {line}: offsets {start}-{end} are outside the text "
                                           f"(0-{len(text)}) or empty")
                    if text[start:end] != row.get("text"):
                        raise ArticleError(f"{path}: line {line}, column 'text': {row.get('text')!r} does not match "
                                           f"the article at {start}-{end}, which reads {text[start:end]!r}")
                for column in required:
                    if row[column] is None and column not in ("mod",):
                        raise ArticleError(f"{path}: line {line}, column {column!r}: empty")
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 at byte offset {exc.start}") from None
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else required)


def curated_path(article_path: str | Path, kind: str) -> Path:
    """Where a curated table of an article lives: ``<name>.<kind>.csv`` beside it."""
    path = Path(article_path)
    return path.with_name(f"{path.stem}.{kind}.csv")
