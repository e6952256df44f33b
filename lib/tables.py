"""Language tables: the words and patterns each stage needs, kept apart from the engine.

Each language is a folder ``lib/lang/<code>/`` of JSON files, one per stage
(``load.json``, ``time.json``, ...). Adding a language means adding a folder. A table is a
:class:`Table`: asking it for a key it lacks raises :class:`TableError` naming the file and the key.
"""
from __future__ import annotations

import bisect
import json
import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, compress

from lib import LANG_DIR
from lib.errors import ArticleError


class TableError(ArticleError, KeyError):
    """A language table lacks a key the engine needs (the message names the file and the key)."""

    def __str__(self) -> str:
        return str(self.args[0])


class Table(dict):
    """A section of a language table that names its file and key when a key is missing."""

    where = "a language table"

    def __missing__(self, key):
        raise TableError(f"{self.where}: no key {key!r} (add it to the table)")


def _sections(path: str):
    def hook(pairs):
        section = Table(pairs)
        section.where = path
        return section
    return hook


@lru_cache(maxsize=None)
def _language_codes() -> tuple[str, ...]:
    return tuple(sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir()))


def languages() -> list[str]:
    """Codes of the languages that have tables, sorted."""
    return list(_language_codes())


@lru_cache(maxsize=None)
def has_table(lang: str, stage: str) -> bool:
    """Whether language ``lang`` has a ``stage`` table (looked for once, as the tables are read once)."""
    return (LANG_DIR / lang / f"{stage}.json").exists()


@lru_cache(maxsize=None)
def table(lang: str, stage: str) -> Table:
    """The ``stage`` table of language ``lang`` (``table("id", "load")["abbreviations"]``)."""
    path = LANG_DIR / lang / f"{stage}.json"
    name = path.relative_to(LANG_DIR.parent.parent).as_posix()
    if not path.exists():
        raise TableError(f"no {stage} table for language {lang!r} (expected {name})")
    try:
        return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_sections(name))
    except json.JSONDecodeError as exc:
        raise TableError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None


def usable(lang: str, default: str = "id") -> str:
    """``lang`` when it has tables, else ``default`` (an undecided language reads as Indonesian)."""
    return lang if lang in _language_codes() else default


def alternation(words) -> str:
    r"""A regular-expression alternation of words, longest first, any run of spaces between words.

    >>> alternation(["pekan", "pekan lalu"])
    'pekan\\s+lalu|pekan'
    """
    return "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


def trie_alternation(words, lower: bool = False) -> str:
    r"""A regular expression that matches as :func:`alternation` does, factored by shared prefixes (``lower``: of the
    lowercased words, for a case-insensitive pattern), so that the engine tries a few first letters instead of every
    word in turn.

    The alternation tries the words longest first; the words that match at one place are prefixes of one another
    (their words and single spaces read alike, and ``\s+`` before a word's next letter takes every space), so trying
    the longer branch of each prefix first (``(?:longer|)``) chooses as the alternation does. That holds for words of
    ASCII letters, digits and signs with single spaces between them: for any other list, the plain
    :func:`alternation`. (Lowercasing an ASCII word is what a case-insensitive pattern does to it, and no letter of a
    text folds to two different ASCII letters, so no two branches of the lowercased trie match the same letter.)

    >>> trie_alternation(["pekan", "pekan lalu", "Pekan depan"], lower=True)
    'pekan(?:\\s+(?:depan|lalu)|)'
    """
    words = sorted(set(words))
    if not words or not all(w.isascii() and w == " ".join(w.split()) for w in words):
        return alternation(words)
    root: dict = {}
    for word in words:
        node = root
        for char in word.lower() if lower else word:
            node = node.setdefault(char, {})
        node[""] = {}

    def expression(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + expression(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + "|)"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return expression(root)


def word_regex(words, flags: int = re.IGNORECASE) -> re.Pattern:
    """A pattern matching any of ``words`` as whole words (``(?<![\\w-])...(?![\\w-])``)."""
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", flags)


_WORD = re.compile(r"\w+")
# the letters outside ASCII that a case-insensitive pattern takes for an ASCII letter (sre's case folding): a search
# of a lowercased text finds them where the pattern would not, or the other way round
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"       # İ ı ſ K (Kelvin)


def folds_to_ascii(text: str) -> bool:
    """Whether ``text`` holds a letter of :data:`FOLDS_TO_ASCII` (then a search of its lowercase is not the
    case-insensitive pattern's search)."""
    return not text.isascii() and any(letter in text for letter in FOLDS_TO_ASCII)


# a byte -> ``a`` for a lowercase letter a to z, ``A`` for a capital A to Z, a full stop as it is, any other a space
_CASES = bytes(97 if 97 <= b <= 122 else 65 if 65 <= b <= 90 else 46 if b == 46 else 32 for b in range(256))


def letter_cases(text: str) -> bytes:
    """``text`` read as its letters' cases, a byte a character: each lowercase letter a to z as ``a``, each capital A
    to Z as ``A``, a full stop as itself, any other character as a space.

    >>> letter_cases("Rp3.000 di AS")
    b'Aa .    aa AA'
    """
    return text.encode("ascii", "replace").translate(_CASES)


def case_shapes_at(cases: bytes, shapes) -> list[int]:
    """The offsets where one of ``shapes`` stands in a text's :func:`letter_cases` ``cases`` (``b"aA"``: a capital
    after a lowercase letter), in no particular order (a search of bytes for each shape, no match for each word).

    >>> sorted(case_shapes_at(letter_cases("iPhone dan TNImasih"), (b"aA", b"AAa")))
    [0, 12]
    """
    out = []
    for shape in shapes:
        at = cases.find(shape)
        while at >= 0:
            out.append(at)
            at = cases.find(shape, at + 1)
    return out


# the cases of a word of letters written neither in lowercase nor capitalised nor in capitals (MENteri, menTeri)
_MIXED_CASES = (b"aA", b"AAa")


class FirstWordScan:
    r"""``finditer`` of several patterns over one text, each tried only where its first word stands.

    Every pattern given starts with ``(?<![\w-])`` and then one of a list of words (table words,
    case-sensitive or not). One pass over the lowercased text finds every word that begins one of
    those words; each pattern is then matched only at those places, left to right, skipping what the
    previous match covered, which is exactly what ``pattern.finditer(text)`` returns, without running
    each pattern over the whole text. A pattern whose first words are not plain ASCII words, and any
    text whose lowercase differs from it in length or holds a letter that a case-insensitive pattern
    folds to an ASCII letter (``ı``, ``ſ``), fall back to ``finditer``.

    The first word must be followed, in the pattern, by something that is not a word character
    (``\s+``, ``(?![\w-])``).

    >>> scan = FirstWordScan({"title": (re.compile(r"(?<![\w-])(?i:menteri|presiden)\s+[A-Z]\w+"), ["Menteri", "Presiden"])})
    >>> [m.group() for m in scan.finditer("Kata Presiden Jokowi dan menteri Basuki.")["title"]]
    ['Presiden Jokowi', 'menteri Basuki']
    """

    def __init__(self, patterns: dict[str, tuple[re.Pattern, list[str]]]):
        self.patterns = {name: regex for name, (regex, _) in patterns.items()}
        self.whole: list[str] = []                      # scanned with finditer
        self.by_key: dict[str, list[str]] = {}          # lowercase first word -> the patterns it can start
        for name, (regex, words) in patterns.items():
            firsts = {_WORD.match(w) for w in words}
            if not regex.pattern.startswith(r"(?<![\w-])") or None in firsts or \
                    any(not m.group().isascii() or m.start() for m in firsts):
                self.whole.append(name)
                continue
            for key in {m.group().lower() for m in firsts}:
                self.by_key.setdefault(key, []).append(name)
        self.finder = None
        if self.by_key:
            self.finder = re.compile(rf"(?<![\w-])({trie_alternation(self.by_key)})(?!\w)")
        self.names_at = {key: list(dict.fromkeys(names)) for key, names in self.by_key.items()}   # first word -> patterns
        # whole first words of ASCII letters can be looked up among the runs of letters and digits of a text as they
        # are written: in lowercase, capitalised or in capitals (``written``: each form -> the word's patterns)
        self.by_runs = all(map(str.isalpha, self.by_key))
        self.written = {form: names for key, names in self.names_at.items()
                        for form in (key, key.capitalize(), key.upper())}

    def finditer(self, text: str, runs: tuple[list[int], list[str]] | None = None,
                 cases: bytes | None = None) -> dict[str, list[re.Match]]:
        """Each pattern's matches in ``text``, as ``list(pattern.finditer(text))``.

        ``runs``: ``(starts, runs)`` of every maximal run of letters and digits (``[^\\W_]+``) of ``text``, in
        text order, when the caller has them: a first word is then looked up among them (a run that is a first
        word, with no hyphen before it and no underscore on either side, is where its patterns are tried),
        which finds the places the search of the lowercased text finds, without that search. A run is looked up as
        written (:attr:`written`), and lowercased only when its letters are in mixed case (:data:`_MIXED_CASES`):
        a run whose lowercase is a first word holds ASCII letters alone (the text has no letter of
        :data:`FOLDS_TO_ASCII`), so that it is written in one of those three forms or in mixed case. ``cases``: the
        text's :func:`letter_cases`, when the caller has them.
        """
        if self.finder is None or folds_to_ascii(text):
            return {name: list(regex.finditer(text)) for name, regex in self.patterns.items()}
        at: dict[str, list[int]] = {name: [] for name in self.patterns}
        # (lowercasing changes the length of no character but İ, one of FOLDS_TO_ASCII: the offsets of a lowercased
        # run or text are those of the text)
        if runs is not None and self.by_runs:
            starts, words = runs
            written, names_at, n = self.written, self.names_at, len(text)
            found = compress(range(len(words)), map(written.__contains__, words))
            cases = letter_cases(text) if cases is None else cases
            mixed = {bisect.bisect_right(starts, at) - 1 for at in case_shapes_at(cases, _MIXED_CASES)}
            mixed = [i for i in mixed if words[i].lower() in names_at]
            if mixed:
                found = sorted([*found, *mixed])
            for i in found:
                start, end = starts[i], starts[i] + len(words[i])
                if (start == 0 or text[start - 1] not in "-_") and (end == n or text[end] != "_"):
                    for name in written.get(words[i]) or names_at[words[i].lower()]:
                        at[name].append(start)
        else:
            lower = text.lower()
            if len(lower) != len(text):
                return {name: list(regex.finditer(text)) for name, regex in self.patterns.items()}
            for m in self.finder.finditer(lower):
                for name in self.names_at[m.group(1)]:
                    at[name].append(m.start())
        return {name: list(regex.finditer(text)) if name in self.whole
                else matches_at(regex, text, at[name]) if at[name] else []      # no place to try it: no match
                for name, regex in self.patterns.items()}


def matches_at(regex: re.Pattern, text: str, starts, end: int | None = None) -> list[re.Match]:
    r"""``list(regex.finditer(text, 0, end))`` for a pattern that can match only where one of ``starts`` (offsets
    in text order) stands: it is tried at those alone, left to right, skipping the starts the previous match covered.

    >>> [m.group() for m in matches_at(re.compile(r"[A-Z]\w+ [A-Z]\w+"), "Budi Santoso dan Ani Lestari", [0, 5, 17])]
    ['Budi Santoso', 'Ani Lestari']
    """
    return list(iter_matches_at(regex, text, starts, end))


def iter_matches_at(regex: re.Pattern, text: str, starts, end: int | None = None):
    """:func:`matches_at` one match at a time; ``starts`` may be an iterator, read only as far as the matches asked for."""
    pos, match, end = 0, regex.match, len(text) if end is None else end
    for start in starts:
        if start >= pos:
            m = match(text, start, end)
            if m is not None:
                yield m
                pos = m.end() if m.end() > start else start + 1


# ----------------------------------------------------------------------------- rows as a DataFrame

def frame_of(rows: list[dict], columns: list[str], missing_as_none: bool = False):
    """The DataFrame ``pd.DataFrame({c: [row[c] for row in rows] for c in columns})``, built faster.

    The stages' rows hold ints, strings and ``None``: a column of ints becomes ``int64``, one of
    strings (some ``None``) pandas' ``str`` dtype, one of ``None`` alone ``object``, as pandas infers
    them, but without pandas looking at every value; any other column (floats, bools, lists, a mix)
    falls back to pandas building the whole table. No rows: an empty table of ``object`` columns.
    ``missing_as_none``: a row without a column gives ``None`` there (``row.get``), else ``KeyError``.

    >>> frame_of([{"a": 1, "b": "x"}, {"a": 2, "b": None}], ["a", "b"]).dtypes.astype(str).tolist()
    ['int64', 'str']
    """
    import numpy as np
    import pandas as pd

    if isinstance(rows, ColumnRows) and list(rows.columns) == list(columns):
        return rows.frame()
    if not rows:
        return pd.DataFrame(columns=columns, dtype=object)
    values = {c: [row.get(c) for row in rows] if missing_as_none else [row[c] for row in rows] for c in columns}
    build, string = getattr(pd.DataFrame, "_from_arrays", None), _inferred_string_dtype()
    if build is None or string is None:                 # another pandas: let it build the table
        return pd.DataFrame(values)
    kinds = []
    for column in columns:
        types = set(map(type, values[column]))
        if types == {int} and -2**63 <= min(values[column]) and max(values[column]) < 2**63:
            kinds.append(int)
        elif str in types and types <= {str, type(None)}:
            kinds.append(str)
        elif types == {type(None)}:
            kinds.append(None)
        else:
            return pd.DataFrame(values)
    strings = _strings([values[c] for c, kind in zip(columns, kinds) if kind is str], string)
    arrays = []
    for column, kind in zip(columns, kinds):
        if kind is int:
            arrays.append(np.array(values[column], dtype=np.int64))
        elif kind is str:
            arrays.append(next(strings))
        else:
            array = np.empty(len(rows), dtype=object)
            array[:] = values[column]
            arrays.append(array)
    return build(arrays, columns=_column_index(tuple(columns)).copy(), index=pd.RangeIndex(len(rows)),
                 verify_integrity=False)


@lru_cache(maxsize=64)
def _column_index(columns: tuple[str, ...]):
    """``pd.Index(columns)``, built once for each list of columns (each table gets its own shallow copy)."""
    import pandas as pd

    return pd.Index(list(columns))


@lru_cache(maxsize=None)
def _inferred_string_dtype():
    """The dtype pandas gives a column of strings, when it is the pyarrow-backed ``str`` this module builds, else None."""
    import numpy as np
    import pandas as pd

    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    inferred = pd.DataFrame({"a": ["x", None]})["a"]
    return dtype if inferred.dtype == dtype and type(inferred.array).__name__ == "ArrowStringArray" else None


def _strings(columns: list[list], dtype):
    """The pandas arrays of columns of strings (some ``None``) of ``dtype``, one after another: pyarrow builds
    one array of them all at once (one call for the table, not one a column), which each column slices."""
    pa, string_array = _arrow()
    if not columns:
        return iter(())
    length, every = len(columns[0]), pa.array(list(chain.from_iterable(columns)), type=pa.large_string())
    return (string_array(pa.chunked_array([every.slice(i * length, length)]), dtype=dtype) for i in range(len(columns)))


class ColumnRows(Sequence):
    """Rows kept as columns: a read-only sequence of dicts (``columns`` as keys) whose values live in Arrow arrays
    (eight bytes an int; a column of strings that repeat, as most do, as each distinct string once and four bytes a
    row), instead of a Python object a value and a dict a row.
    What a text annotated in windows keeps (:func:`lib.annotate.annotate`): each window's rows are added with
    :meth:`extend`, and its dicts are let go.

    ``ints``: the columns of ints; every other column holds strings or ``None``. A row is read as a new dict of the
    columns alone (a key a row had beyond them is not kept). :func:`frame_of` builds the table from the columns, the
    same table it builds from the rows as dicts.

    >>> rows = ColumnRows(["id", "start"], ints=["start"])
    >>> rows.extend([{"id": "t1", "start": 4}]); rows.extend([{"id": "t2", "start": 9}])
    >>> len(rows), rows[-1], [row["id"] for row in rows]
    (2, {'id': 't2', 'start': 9}, ['t1', 't2'])
    """

    def __init__(self, columns, ints=(), missing_as_none: bool = False):
        self.columns, self.ints, self.missing_as_none = tuple(columns), frozenset(ints), missing_as_none
        self._batches: list = []
        self._ends: list[int] = []           # the number of rows up to and with each batch

    def extend(self, rows) -> None:
        """Add ``rows`` (dicts, any iterable of them). A row without a column is a ``KeyError``, or ``None`` there
        with ``missing_as_none``; an int column's value that is not an int (``None`` is kept as a gap), or another
        column's that is not a string or ``None``, a ``TypeError`` or pyarrow's ``ArrowInvalid``/``ArrowTypeError``."""
        rows = rows if isinstance(rows, list) else list(rows)          # read once a column
        if not rows:
            return
        pa, _ = _arrow()
        import pyarrow.compute as pc

        pool, arrays = _kept_pool(), []
        for column in self.columns:
            values = [row.get(column) for row in rows] if self.missing_as_none else [row[column] for row in rows]
            if column in self.ints:
                arrays.append(pa.array(values, type=pa.int64(), memory_pool=pool))
                continue
            array = pa.array(values, type=pa.large_string(), memory_pool=pool)
            encoded = pc.dictionary_encode(array, memory_pool=pool)    # each distinct string once, an int32 a row
            arrays.append(encoded if 2 * len(encoded.dictionary) <= len(array) else array)
        self._batches.append(pa.RecordBatch.from_arrays(arrays, names=list(self.columns)))
        self._ends.append(len(self) + len(rows))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __eq__(self, other) -> bool:
        """Equal to a list, or other column rows, of the same dicts in the same order (as a list of them would be)."""
        if not isinstance(other, (list, ColumnRows)):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    __hash__ = None                          # mutable, like a list

    def _dicts(self, batch):
        columns = self.columns
        for values in zip(*(array.to_pylist() for array in batch.columns)):
            yield dict(zip(columns, values))

    def __iter__(self):
        for batch in self._batches:
            yield from self._dicts(batch)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            rows = []
            for batch, end in zip(self._batches, self._ends):        # the batches' parts that fall in the slice
                first = end - batch.num_rows
                if max(start, first) < min(stop, end):
                    rows += self._dicts(batch.slice(max(start, first) - first, min(stop, end) - max(start, first)))
            return rows
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(f"row {index} of {len(self)}")
        batch = bisect.bisect_right(self._ends, position)
        first = self._ends[batch - 1] if batch else 0
        return self._batches[batch].slice(position - first, 1).to_pylist()[0]

    def frame(self):
        """The table :func:`frame_of` builds from these rows as dicts (int columns ``int64``, string columns pandas'
        ``str``, a column of ``None`` alone ``object``), its string columns read from the Arrow arrays as they are."""
        import numpy as np
        import pandas as pd

        columns = list(self.columns)
        if not self._batches:
            return pd.DataFrame(columns=columns, dtype=object)
        build, string = getattr(pd.DataFrame, "_from_arrays", None), _inferred_string_dtype()
        if build is None or string is None or \
                any(batch.column(column).null_count for batch in self._batches for column in self.ints):
            return frame_of(list(self), columns)    # another pandas, or an int column with a gap: built from the dicts
        chunks = [[batch.column(i) for batch in self._batches] for i in range(len(columns))]
        pa, string_array = _arrow()
        import pyarrow.compute as pc

        arrays, pool = [], _kept_pool()
        for column, parts in zip(columns, chunks):
            if column in self.ints:
                arrays.append(np.concatenate([part.to_numpy() for part in parts]).astype(np.int64, copy=False))
            elif sum(part.null_count for part in parts) == len(self):
                array = np.empty(len(self), dtype=object)
                array[:] = None
                arrays.append(array)
            else:
                parts = [pc.take(part.dictionary, part.indices, memory_pool=pool) if pa.types.is_dictionary(part.type)
                         else part for part in parts]
                arrays.append(string_array(pa.chunked_array(parts), dtype=string))
        return build(arrays, columns=_column_index(tuple(columns)).copy(), index=pd.RangeIndex(len(self)),
                     verify_integrity=False)


def _kept_pool():
    """The memory pool of :class:`ColumnRows`' arrays: the system allocator's. pyarrow's default (mimalloc) keeps
    the memory it reserves for a thread's arrays, freed or not, by segments; for the rows of a long text, added a
    window at a time, that reserve was about as large as the rows themselves."""
    pa, _ = _arrow()
    return pa.system_memory_pool()


def _arrow():
    """pyarrow and pandas' ``ArrowStringArray``, imported once (the stages that never build a table never import them)."""
    import pyarrow as pa
    from pandas.arrays import ArrowStringArray

    return pa, ArrowStringArray
