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
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path

import pandas as pd

from lib.curated import curated_path, parse_metadata, read_metadata
from lib.errors import ArticleError
from lib.files import utf8_text
from lib.tables import ColumnRows, has_table, languages, matches_at, table, usable
from lib.text import abbreviations, blanked, find_paragraphs, split_sentences, trimmed

STAGE_TABLES = ("time", "actors", "gazetteer", "events")
MAX_BYTES = 25_000_000           # the largest article file read (25 MB: thousands of news articles, read in windows)
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|body|head)\b|<\s*/?\s*(?:p|div|span|br|a|script|style|article|section|"
                   r"table|tr|td|li|ul|ol|h[1-6]|img|iframe|meta|link)(?:\s[^<>\n]{0,200})?\s*/?>", re.IGNORECASE)


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
    if not path.is_file():
        raise ArticleError(f"{path}: not a regular file (a pipe, a device or a socket); save the article as a file")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return decode_text(raw, str(path))


def decode_text(raw: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, sha256)`` of an article's bytes (a file's, a table cell's), checked and normalised as
    :func:`read_text` does; messages begin with ``name``."""
    path = name
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{path}: larger than {MAX_BYTES:,} bytes, the most the workbook annotates; "
                           "split the text into articles")
    sha256 = hashlib.sha256(raw).hexdigest()
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        raise ArticleError(f"{path}: binary file (NUL byte at byte offset {nul}), expected UTF-8 text")
    text = utf8_text(raw, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ArticleError(f"{path}: empty (no text besides whitespace)")
    html = _HTML.search(text)
    if html:
        line = text.count("\n", 0, html.start()) + 1
        raise ArticleError(
            f"{path}: looks like an HTML page ({html.group(0)!r} at line {line}); "
            "save the article's text (its paragraphs, one per line) as a .txt file"
        )
    return text, sha256


# ----------------------------------------------------------------------------- language

_LETTERS = re.compile(r"[^\W\d_]+")
# the ASCII characters that are not letters (digits and ``_`` among them); others are looked at in the text
_ASCII_NON_LETTERS = tuple(c for c in map(chr, range(128)) if not c.isalpha() and c != " ")


@lru_cache(maxsize=None)
def _function_words(code: str) -> frozenset:
    return frozenset(table(code, "load")["function_words"])


@lru_cache(maxsize=None)
def _any_function_word(codes: tuple[str, ...]) -> frozenset:
    """The function words of all the languages ``codes``."""
    return frozenset().union(*map(_function_words, codes))


def letter_runs(text: str) -> list[str]:
    """The runs of letters of a text, as ``_LETTERS.findall(text)`` gives them (``\\w`` but not a digit or ``_``):
    the words of :func:`_letters_spaced`."""
    return _letters_spaced(text).split()


def _letters_spaced(text: str) -> str:
    """The text with every character that is not a letter made a space (string replacements: the ASCII ones listed
    once, others found in the text), so that one split at spaces gives the runs of letters; no match for each word."""
    return blanked(text, _ASCII_NON_LETTERS, _is_letter)


def _is_letter(c: str) -> bool:
    """Whether a character is in a run of :data:`_LETTERS` (a letter: ``\\w``, not a digit)."""
    return c.isalnum() and not c.isdecimal()


_PIECE = 1 << 16                  # characters of a text whose words are listed at once (detect_language)


def _pieces_at_spaces(text: str, size: int):
    """``text`` in pieces of about ``size`` characters or more, each cut at a space (no word is split between two)."""
    start = 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end


def detect_language(text: str) -> tuple[str, dict[str, float]]:
    """Guess the language from function words: the share of tokens in each language's list.

    Returns ``(code, shares)``; ``code`` is ``"und"`` when fewer than 5 tokens are function
    words of any language. Ties go to the first code in alphabetical order.

    >>> detect_language("Presiden akan berbicara dengan para pemimpin yang hadir di sana.")[0]
    'id'
    """
    codes, total = languages(), 0
    every, counts = _any_function_word(tuple(codes)), dict.fromkeys(codes, 0)
    for spaced in _pieces_at_spaces(_letters_spaced(text), _PIECE):   # the runs of letters between spaces
        words = spaced.split()                    # (letter_runs), a piece at a time: a long text's words not all at once
        caps = [word for word in filter(str.isupper, words) if len(word) > 1]      # not AS, NATO
        # the words that are some language's function words, each word lowercased (as the text lowercased at once and
        # split: spaces stand around each, as at the ends of a text), where the piece was split once
        found = list(filter(every.__contains__, map(str.lower, words)))
        total += len(words) - len(caps)
        for code in codes:
            function_words = _function_words(code)
            counts[code] += sum(map(function_words.__contains__, found)) \
                - sum(word.lower() in function_words for word in caps)
    shares = {code: round(counts[code] / total, 4) if total else 0.0 for code in codes}
    best = max(sorted(shares), key=lambda c: shares[c])
    if counts[best] < 5:
        return "und", shares
    return best, shares


# ----------------------------------------------------------------------------- parts

BOILERPLATE_COLUMNS = ["start", "end", "text", "kind", "line", "rule"]
PARAGRAPH_COLUMNS = ["paragraph", "start", "end", "text", "kind"]
SENTENCE_COLUMNS = ["sentence", "paragraph", "start", "end", "text"]


def find_boilerplate(text: str, lang: str) -> pd.DataFrame:
    """Lines and inline fragments that are not the story (spam footers, links, credits, ...).

    >>> find_boilerplate("Isi berita.\\nBaca juga: Judul lain", "id")[["kind", "text"]].values.tolist()
    [['related_link', 'Baca juga: Judul lain']]
    """
    return pd.DataFrame(boilerplate_rows(text, lang), columns=BOILERPLATE_COLUMNS)


_NEWLINE = re.compile(r"\n")


@lru_cache(maxsize=None)
def _boilerplate_rules(lang: str) -> list[tuple[dict, re.Pattern, bool, tuple[str, ...]]]:
    """The boilerplate rules of a language, the line rules first: each with its compiled pattern, whether
    the pattern can only match at the start of a line, and the strings one of which stands in every match of it
    (its ``needs`` in the table; none: it is searched in every text)."""
    rules = table(lang, "load")["boilerplate"]
    compiled = [(rule, re.compile(rule["pattern"], re.MULTILINE)) for scope in ("line", "inline")
                for rule in rules if rule["scope"] == scope]
    return [(rule, regex, _at_line_starts(regex), tuple(rule.get("needs", ()))) for rule, regex in compiled]


def _at_line_starts(regex: re.Pattern) -> bool:
    """Whether the pattern begins with ``^`` outside any alternation (so that, multi-line, it matches only
    where a line starts)."""
    try:
        from re import _parser
        first = _parser.parse(regex.pattern, regex.flags).data[:1]
        return first == [(_parser.AT, _parser.AT_BEGINNING)]
    except Exception:                                     # another Python: look everywhere
        return False


def boilerplate_rows(text: str, lang: str) -> list[dict]:
    """The rows of :func:`find_boilerplate`, in text order (a line rule is tried only where a line starts, and a
    rule only in a text that holds one of the strings it needs)."""
    rows = []
    occupied = bytearray(len(text) + 1)
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    held: dict[str, bool] = {}                             # a string some rule needs -> whether the text holds it

    def holds(string: str) -> bool:
        if string not in held:
            held[string] = string in text                  # each string looked for once, however many rules need it
        return held[string]

    for rule, regex, at_line_starts, needs in _boilerplate_rules(usable(lang)):
        if needs and not any(map(holds, needs)):
            continue                                       # none of its strings in the text: no match
        for m in matches_at(regex, text, line_starts) if at_line_starts else regex.finditer(text):
            start, end = trimmed(text, m.start(), m.end())
            if start >= end or occupied.find(1, start, end) >= 0:
                continue
            occupied[start:end] = b"\x01" * (end - start)
            rows.append({
                "start": start, "end": end, "text": text[start:end], "kind": rule["kind"],
                "line": text.count("\n", 0, start) + 1, "rule": f"{rule['kind']}/{rule['scope']}",
            })
    return sorted(rows, key=lambda row: row["start"])


_PART = r"[A-Z][\w'’.-]*(?:[ ][A-Za-z][\w'’.-]*){0,2}"
DATELINE = re.compile(
    r"^(?P<first>[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3})"
    rf"(?:,[ ]?(?P<second>{_PART}))?"
    r"(?:[ ]?\((?P<outlet>[^()\n]{2,30})\))?"
    r"[ ]*(?P<dash>[—–]|-{1,2})(?:[ ]+|(?=[A-Z\"“]))"
    rf"(?:(?P<third>[A-Z][A-Z .]{{1,30}}?\.)(?=[ ]))?"
)


def _is_outlet(name: str, outlets: set) -> bool:
    return name in outlets or bool(re.search(r"\.(?:com|co|id|net|org)\b", name, re.I))


def find_dateline(text: str, start: int, lang: str = "id") -> dict | None:
    """The dateline at ``start`` (the head of the first story paragraph), or ``None``.

    Returns ``{"start", "end", "text", "place", "outlet"}``; ``end`` is just after the dash (or
    the place that follows it). The outlet is the part in brackets (``Padangsidimpuan (ANTARA) -``)
    or the part that is a known outlet or a web address, before or after the place
    (``JAKARTA, KOMPAS.com -``, ``Bisnis.com, JAKARTA -``, ``KONTAN.CO.ID - JAKARTA.``).

    >>> find_dateline("JAKARTA, KOMPAS.com - Harga naik.", 0)["outlet"]
    'KOMPAS.com'
    >>> find_dateline("TEMPO.CO, Jakarta - Harga naik.", 0)["place"]
    'Jakarta'
    """
    m = DATELINE.match(text[start:start + 100])
    if not m:
        return None
    tab = table(usable(lang), "load")
    outlets = set(tab["outlets"])
    first, second, third, outlet = m.group("first"), m.group("second"), m.group("third"), m.group("outlet")
    end = start + m.end("dash")
    if third and _is_outlet(first, outlets) and not second:          # KONTAN.CO.ID - JAKARTA.
        place, outlet, end = third.rstrip(". "), first, start + m.end()
    elif second and _is_outlet(second, outlets):                    # JAKARTA, KOMPAS.com -
        place, outlet = first, second
    elif second and _is_outlet(first, outlets):                     # Bisnis.com, JAKARTA -
        place, outlet = second, first
    elif second:
        if not second[0].isupper():
            return None
        place = f"{first}, {second}"
    else:
        place = first
    # a dateline is a place, not the start of a sentence: the place has no lowercase function word
    if any(w in tab["function_words"] for w in place.lower().replace(",", " ").split()):
        return None
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


# ----------------------------------------------------------------------------- the article

@dataclass
class Article:
    """A loaded article: its text and the parts that describe it.

    ``paragraph_rows``, ``sentence_rows`` and ``boilerplate_rows`` are plain rows; the tables
    ``paragraphs``, ``sentences`` and ``boilerplate`` are built from them when first asked. The
    paragraph and sentence rows hold their spans, not their text (``text[start:end]``: the table's
    ``text`` column), so that a long article is not kept twice more; past :data:`AS_COLUMNS` of
    them, they are a :class:`lib.tables.ColumnRows`, a sequence of dicts kept as columns.
    """

    path: Path
    text: str
    sha256: str
    language: str
    language_shares: dict
    paragraph_rows: Sequence[dict]
    sentence_rows: Sequence[dict]
    boilerplate_rows: list[dict]
    dateline: dict | None
    metadata: dict | None = None
    notes: list[str] = field(default_factory=list)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """``paragraph`` (0-based), ``start``, ``end``, ``text``, ``kind`` (story or boilerplate)."""
        return pd.DataFrame(self._with_text(self.paragraph_rows), columns=PARAGRAPH_COLUMNS)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """``sentence``, ``paragraph``, ``start``, ``end``, ``text`` of the story text."""
        return pd.DataFrame(self._with_text(self.sentence_rows), columns=SENTENCE_COLUMNS)

    @cached_property
    def boilerplate(self) -> pd.DataFrame:
        """``start``, ``end``, ``text``, ``kind``, ``line`` (1-based), ``rule``."""
        return pd.DataFrame(self.boilerplate_rows, columns=BOILERPLATE_COLUMNS)

    def _with_text(self, rows: list[dict]) -> list[dict]:
        """``rows`` each with its ``text`` (``self.text[start:end]``)."""
        return [{**row, "text": self.text[row["start"]:row["end"]]} for row in rows]

    @property
    def lang(self) -> str:
        """The language whose tables the stages use: the detected or curated one, Indonesian when undecided."""
        return usable(self.language)

    def check_annotatable(self) -> None:
        """Raise :class:`ArticleError` when the article's language lacks the tables the stages need."""
        missing = [stage for stage in STAGE_TABLES if not has_table(self.lang, stage)]
        if missing:
            ready = [code for code in languages() if all(has_table(code, s) for s in STAGE_TABLES)]
            raise ArticleError(f"{self.path}: the text is in language {self.lang!r}, which has no {', '.join(missing)} "
                               f"tables in lib/lang/{self.lang}/; annotated languages: {', '.join(ready)}")

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """The sentences as ``(start, end)`` pairs, for the stages that scope by sentence."""
        return [(row["start"], row["end"]) for row in self.sentence_rows]

    @cached_property
    def story_text(self) -> str:
        """The text with boilerplate blanked out (same length, newlines kept), for later stages."""
        text, pieces, done = self.text, [], 0
        for row in sorted(self.boilerplate_rows, key=itemgetter("start")):
            start, end = max(row["start"], done), row["end"]
            if start < end:
                pieces += [text[done:start], "\n".join(" " * len(line) for line in text[start:end].split("\n"))]
                done = end
        return "".join(pieces) + text[done:] if pieces else text


def load_article(path: str | Path) -> Article:
    """Load an article file: text, language, paragraphs, sentences, dateline, boilerplate, metadata."""
    path = Path(path)
    text, sha256 = read_text(path)
    meta_file = curated_path(path, "meta")
    return article_of(path, text, sha256, read_metadata(meta_file) if meta_file.exists() else None)


def load_bytes(data: bytes, name: str, meta: bytes | None = None) -> Article:
    """An :class:`Article` from the bytes of its text (and of its ``.meta.json``), called ``name`` in messages.

    A row of a table gets every check a file gets (size, NUL bytes, UTF-8, HTML: :func:`decode_text`;
    the metadata's fields: :func:`lib.curated.parse_metadata`), without a file being written.
    """
    text, sha256 = decode_text(data, name)
    metadata = parse_metadata(meta, f"{Path(name).stem}.meta.json") if meta is not None else None
    return article_of(Path(name), text, sha256, metadata)


AS_COLUMNS = 4096
"""Paragraphs or sentences an article may have before its rows are kept as columns (:class:`lib.tables.ColumnRows`):
a news article has a few dozen; a file of thousands of articles would otherwise hold a dict a row."""


def _as_columns(rows: list[dict], columns: tuple[str, ...]) -> ColumnRows:
    kept = ColumnRows(columns, ints=[c for c in columns if c != "kind"])
    kept.extend(rows)
    return kept


def article_of(path: Path, text: str, sha256: str, metadata: dict | None) -> Article:
    """The :class:`Article` of a text already read (:func:`read_text` or :func:`decode_text`) and its
    metadata (:func:`lib.curated.read_metadata`, or ``None``), called ``path``."""
    detected, shares = detect_language(text)
    language = metadata["language"] if metadata else detected
    notes = []
    if metadata and detected not in (language, "und"):
        notes.append(f"metadata says language {language!r}, the text looks like {detected!r}")

    boilerplate = boilerplate_rows(text, language)
    cut = [(row["start"], row["end"]) for row in boilerplate]
    paragraph_rows, sentence_rows, dateline = [], [], None
    for number, (start, end) in enumerate(find_paragraphs(text)):
        pieces = _story_pieces(start, end, cut)
        kind = "story" if any(text[s:e].strip() for s, e in pieces) else "boilerplate"
        paragraph_rows.append({"paragraph": number, "start": start, "end": end, "kind": kind})
        if kind != "story":
            continue
        if dateline is None and not sentence_rows:
            dateline = find_dateline(text, pieces[0][0], language)
        for piece_start, piece_end in pieces:
            for s, e in split_sentences(text, piece_start, piece_end, language):
                sentence_rows.append({"sentence": len(sentence_rows), "paragraph": number, "start": s, "end": e})
    if len(sentence_rows) > AS_COLUMNS or len(paragraph_rows) > AS_COLUMNS:      # a long text: its rows as columns
        paragraph_rows, sentence_rows = (_as_columns(paragraph_rows, ("paragraph", "start", "end", "kind")),
                                         _as_columns(sentence_rows, ("sentence", "paragraph", "start", "end")))
    return Article(path=path, text=text, sha256=sha256, language=language, language_shares=shares,
                   paragraph_rows=paragraph_rows, sentence_rows=sentence_rows, boilerplate_rows=boilerplate,
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
            if before in abbreviations(article.lang):
                continue
            rows.append({"sentence": sentence.sentence, "start": sentence.start + m.start(),
                         "end": sentence.start + m.end(), "text": m.group(0)})
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "text"])
