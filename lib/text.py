"""Text units every stage shares: paragraphs (lines) and sentences, as ``(start, end)`` offsets.

Not a stage: :mod:`lib.load` uses it to describe an article, and the stages use it when they
are given bare text instead of an article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lib.tables import FOLDS_TO_ASCII, folds_to_ascii, iter_matches_at, table, usable

_LINE = re.compile(r"[^\n]+")
_FIRST_LETTER = re.compile(r"[\"“‘'(\[]*(\w)")
# a full stop (and a closing quote) glued to the next sentence by a scraper: ``tengah.Sehingga``, ``2025."Kami``;
# the sentence is cut at the end of the match (the full stop first, so that the pattern is searched by it)
_GLUED = re.compile(r"\.(?<=[a-z0-9)]\.)(?:(?=[\"“]?[A-Z])|”(?=[A-Z]))")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[\"”]?")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with surrounding whitespace left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines (one paragraph per line), blanks trimmed."""
    spans = []
    for m in _LINE.finditer(text):
        start, end = trimmed(text, m.start(), m.end())
        if start < end:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=None)
def abbreviations(lang: str) -> frozenset:
    """Words ending in a full stop that end no sentence (``Jl.``, ``PT.``)."""
    return frozenset(table(usable(lang), "load")["abbreviations"])


def split_sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``.

    sentencex finds candidate boundaries (it keeps offsets); two fixes follow: a boundary after
    an abbreviation from the language table (``Jl.``, ``PT.``, ``a.n.``) is undone, and so is one
    before a lowercase word, the machine-translation artefact ``Mereka setuju. namun, ...``.
    """
    import sentencex

    known = abbreviations(lang)
    chunk = text[start:end]
    bounds = [(start + b["start_index"], start + b["end_index"])
              for b in sentencex.get_sentence_boundaries(usable(lang), chunk)]
    merged: list[list[int]] = []
    for s, e in bounds:
        s, e = trimmed(text, s, e)
        if s >= e:
            continue
        if merged:
            last_token = text[text.rfind(" ", merged[-1][0], merged[-1][1]) + 1:merged[-1][1]]
            first = _FIRST_LETTER.match(text, s, e)
            if last_token in known or (first and first.group(1).islower()):
                merged[-1][1] = e
                continue
        merged.append([s, e])
    if _GLUED.search(text, max(start - 2, 0), end) is None:      # no full stop glued to a sentence in the stretch
        return [(s, e) for s, e in merged]
    return [piece for s, e in merged for piece in _unglue(text, s, e, known)]


def _unglue(text: str, start: int, end: int, known: frozenset) -> list[tuple[int, int]]:
    """Split a sentence where a full stop is glued to the next one (not after an abbreviation or an initial)."""
    pieces, left = [], start
    for m in _GLUED.finditer(text, max(start - 2, 0), end):     # a stop just before the start may cut after it
        cut = m.end()
        if cut < start:
            continue
        word = text[text.rfind(" ", left, cut) + 1:cut].lstrip("\"“(")
        if word.rstrip("\"”") in known or _INITIALS.fullmatch(word):
            continue
        pieces.append((left, cut))
        left = cut
    pieces.append((left, end))
    return [span for span in (trimmed(text, s, e) for s, e in pieces) if span[0] < span[1]]


def text_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a whole text, paragraph by paragraph (for stages given bare text)."""
    return [span for start, end in find_paragraphs(text) for span in split_sentences(text, start, end, lang)]


QUOTE_MARKS = "\"\u201c\u201d\u201e"                   # " “ ” „
QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
MAX_QUOTE = 3000        # characters: two marks farther apart on a line are not one quotation


def quotations(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The quotations of ``text`` (of its lines from ``start`` to ``end``, a line's start and end): on each line its
    quotation marks paired in turn, whatever their shape.

    Scrapers and outlets mix the marks (``"... memadai.”``) and some open with the closing one
    (``”Tidak benar ...,“ kata ...``), so a mark's shape does not say whether it opens or closes; a
    line's last mark without a partner opens a quotation that runs on past the line and is left out.

    >>> text = '”Tidak benar,“ kata Ari, Jumat (14/11/2025). "Kami siap.” ujar Budi.'
    >>> [text[s:e] for s, e in quotations(text)]
    ['”Tidak benar,“', '"Kami siap.”']
    """
    spans: list[tuple[int, int]] = []
    line: list[int] = []                   # the marks of the line being read
    line_end = -1
    for mark in _marks(text, start, end):
        if mark > line_end:                # the first mark of a line: pair the last line's
            _pair(line, spans)
            line, line_end = [], end_of_line(text, mark)
        line.append(mark)
    _pair(line, spans)
    return spans


def end_of_line(text: str, pos: int) -> int:
    """The end of the line that holds ``pos`` (its newline, or the end of the text)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _marks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """The offsets of the quotation marks of ``text[start:end]``, in order (an ASCII text can hold only the straight
    one)."""
    return places(text, QUOTE_MARKS[:1] if text.isascii() else QUOTE_MARKS, start, end)


def places(text: str, marks: str, a: int = 0, b: int | None = None) -> list[int]:
    """The offsets of the characters of ``marks`` in ``text[a:b]``, in text order (``str.find`` for each
    mark: faster than a pattern's scan of every character).

    >>> places("Ia datang; kata Budi, lalu pergi: pulang.", ",;:", 0, 33)
    [9, 20, 32]
    """
    b = len(text) if b is None else b
    found = []
    for mark in marks:
        i = text.find(mark, a, b)
        while i >= 0:
            found.append(i)
            i = text.find(mark, i + 1, b)
    if len(marks) > 1:
        found.sort()
    return found


def _pair(marks: list[int], spans: list[tuple[int, int]]) -> None:
    """A line's quotation marks paired in turn into ``spans`` (two marks too far apart are no quotation)."""
    for a, b in zip(marks[0::2], marks[1::2]):
        if b - a <= MAX_QUOTE:
            spans.append((a, b + 1))


# ----------------------------------------------------------------------------- runs of word characters

_ASCII_BYTES = bytes(range(128))


def non_ascii(text: str) -> set[str]:
    """The characters of ``text`` outside ASCII, each once (as ``set(re.findall(r"[^\\x00-\\x7f]", text))``, from
    the UTF-8 bytes with the ASCII ones deleted: no match for each character)."""
    return set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def blanked(text: str, ascii_breaks: tuple[str, ...], in_run, others: set[str] | None = None) -> str:
    """``text`` with every character that breaks the runs a stage reads as words made a space, so that one split
    gives the runs (no match for each word): the others than ASCII for which ``in_run(character)`` is false, each
    distinct one looked at once and replaced (``others``: the characters of ``text`` outside ASCII,
    :func:`non_ascii`, when the caller has them), then the ASCII characters of ``ascii_breaks`` all at once, as
    bytes of the UTF-8 text (a character outside ASCII is bytes outside ASCII there)."""
    if not text.isascii():
        for c in non_ascii(text) if others is None else others:
            if not in_run(c):
                text = text.replace(c, " ")
    return text.encode("utf-8", "surrogatepass").translate(_spaces_for(ascii_breaks)).decode("utf-8", "surrogatepass")


@lru_cache(maxsize=None)
def _spaces_for(ascii_breaks: tuple[str, ...]) -> bytes:
    """The table of ``bytes.translate`` that makes each of the ASCII characters ``ascii_breaks`` a space."""
    table = bytearray(range(256))
    for c in ascii_breaks:
        if len(c) != 1 or not c.isascii():
            raise ValueError(f"not an ASCII character: {c!r}")
        table[ord(c)] = 32
    return bytes(table)


# ----------------------------------------------------------------------------- searching for a table's words

@dataclass(frozen=True)
class WordSearch:
    """A case-insensitive pattern that opens with words of a table, searched fast.

    A case-insensitive alternation is tried at every character of a text; ``lead``, the first words of the
    table's entries in lowercase, tells where one of them stands in the lowercased text (:func:`lowered`, one
    ``str.find`` for each word), and ``regex`` decides there, tried at those places alone as the other searches of
    table words are (:func:`lib.tables.iter_matches_at`)."""

    regex: re.Pattern
    lead: tuple[str, ...] | None

    @classmethod
    def of(cls, pattern: str, words, flags: int = re.IGNORECASE) -> "WordSearch":
        """The search of ``pattern`` (compiled with ``flags``), every match of which opens with one of ``words``
        (matched ignoring case); words outside ASCII leave the plain search."""
        firsts = tuple(sorted({w.lower().split()[0] for w in words}))
        return cls(re.compile(pattern, flags), firsts if all(map(str.isascii, firsts)) else None)

    def finditer(self, text: str, lower: str | None, pos: int = 0, endpos: int | None = None):
        """``regex.finditer(text, pos, endpos)``; ``lower``: the lowercased text, or ``None`` (the plain search)."""
        end = len(text) if endpos is None else endpos
        if lower is None or self.lead is None:
            return self.regex.finditer(text, pos, end)
        return iter_matches_at(self.regex, text, _leads(self.lead, lower, pos, end), end)

    def search(self, text: str, lower: str | None, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """``regex.search(text, pos, endpos)``."""
        return next(self.finditer(text, lower, pos, endpos), None)


def _leads(words: tuple[str, ...], lower: str, pos: int, end: int) -> list[int]:
    """Every offset in ``[pos, end)`` where one of ``words`` stands in ``lower`` (ending by ``end``), overlapping ones
    too, in text order, each once: where the alternation of the words matches, found by ``str.find`` in the stretch,
    for the words it holds (a pattern's search tries the alternation at every character that can begin a word)."""
    stretch, found = lower[pos:end], []
    for word in words:
        if word in stretch:
            i = stretch.find(word)
            while i >= 0:
                found.append(pos + i)
                i = stretch.find(word, i + 1)
    return sorted(set(found)) if len(words) > 1 else found


# each letter of FOLDS_TO_ASCII as the ASCII letter a case-insensitive pattern takes it for: İ ı -> i, ſ -> s, K -> k
_AS_MATCHED = str.maketrans(dict(zip(FOLDS_TO_ASCII, "iisk")))


def lower_as_matched(text: str) -> str:
    """``text`` in lowercase, each letter that a case-insensitive pattern takes for an ASCII letter made that
    letter (:data:`lib.tables.FOLDS_TO_ASCII`): the table key of what such a pattern matched, however it is
    written (``hampİr`` and ``ſekitar`` -> ``hampir`` and ``sekitar``, where ``str.lower`` gives ``hampi̇r``). The
    letters are replaced only in a text that holds one (:func:`lib.tables.folds_to_ascii`): few do.

    >>> lower_as_matched("Hari İni"), lower_as_matched("ſEKITAR"), lower_as_matched("Kemarın")
    ('hari ini', 'sekitar', 'kemarin')
    """
    return (text.translate(_AS_MATCHED) if folds_to_ascii(text) else text).lower()


def lowered(text: str) -> str | None:
    """The text in lowercase, letter for letter, for :class:`WordSearch`; ``None`` when a letter changes length or
    folds to an ASCII letter only case-insensitively (:data:`lib.tables.FOLDS_TO_ASCII`)."""
    lower = text.lower()
    if len(lower) != len(text) or folds_to_ascii(text):
        return None
    return lower
