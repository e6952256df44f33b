"""Stage 3, actors: who is in the story, every mention of them, and how each was recognised.

:func:`tag_mentions` returns one row per mention with columns ``id`` (m1, m2, ... in text
order), ``start``, ``end``, ``text``, ``actor`` (canonical id; a pair such as ``keduanya`` gives
two ids joined by ``;``), ``name`` (canonical name), ``kind`` (person, organization, country,
location, group), ``role`` (the title or description the text gives), ``refers_to`` (for a
metonym, the actor it stands for: ``Moskow`` -> ``russia``), and ``how``:

- ``title``: a person named after a title or role (``Menteri Luar Negeri Antony Blinken``);
- ``speech``: a name next to a speech verb (``kata Sullivan``, ``Budi Santoso mengatakan``);
- ``gazetteer``: a name from the gazetteer (``lib/lang/<code>/gazetteer.json``);
- ``org pattern``, ``place pattern``, ``acronym``, ``dateline``: organisations, places and
  acronyms recognised by their shape;
- ``alias``: a surname or acronym standing for an actor named before (``Blinken``);
- ``coreference``: a description pointing back (``pemimpin Rusia itu``, ``Pejabat itu``,
  ``keduanya``).

The words live in ``lib/lang/<code>/actors.json``; nothing here knows Indonesian.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate, compress
from operator import add, ge, itemgetter, lt

import pandas as pd

from lib.morphology import root_finder
from lib.tables import (FirstWordScan, TableError, case_shapes_at, frame_of, letter_cases, matches_at, table,
                        trie_alternation)
from lib.text import lower_as_matched, non_ascii, text_sentences

COLUMNS = ["id", "start", "end", "text", "actor", "name", "kind", "role", "refers_to", "how"]
# a capitalised word, taken whole (``*+``): in every pattern here a space or the pattern's end follows it, so that
# giving back a letter could never make a match
CAP = r"[A-Z][\w'’-]*+"
# ``(?<![\w-])`` before a capital, written after it (``[A-Z](?<![\w-].)``: the same matches), so that a pattern
# starts with a character class and the regular-expression engine skips to the next capital instead of trying
# the pattern at every character
FIRST = r"[A-Z](?<![\w-].)"
FIRST_CAP = FIRST + r"[\w'’-]*+"


_NOT_WORD, _CAP, _NOT_SPACE = re.compile(r"[^\w]+"), re.compile(CAP), re.compile(r"\S+")


@lru_cache(maxsize=1 << 16)
def slug(name: str) -> str:
    """A canonical id from a name (``Emily Horne`` -> ``emily-horne``)."""
    return _NOT_WORD.sub("-", name.lower()).strip("-")


_TOKEN = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")
# where a scraper glued two words: ``wilayahBali``, ``TNImasih`` (an acronym then a lowercase word), ``AS.Seorang``
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{2})(?=[a-z]{2})|(?<=\w)(?=\.[A-Z][a-z])")


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans of ``text[start:end]``, split where a scraper glued two words (no character changes).

    >>> t = "pasukan TNImasih di wilayahBali"
    >>> [t[s:e] for s, e in tokens(t)]
    ['pasukan', 'TNI', 'masih', 'di', 'wilayah', 'Bali']
    """
    words = _Words(text)
    lo, hi = words.inside(start, len(text) if end is None else end)
    return [(words.starts[i], words.end(i)) for i in range(lo, hi)]


def _token_spans(text: str) -> list[tuple[int, int]]:
    return _spans_and_words(text)[0]


def _spans_and_words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans of :func:`tokens` and the words they hold."""
    words = _Words(text)
    return [(s, s + len(w)) for s, w in zip(words.starts, words.all)], words.all


_LETTERS_DIGITS = re.compile(r"[^\W_]+")
# the text split at its runs of letters and digits: gap, run, gap, ..., run, gap
_RUN_SPLIT = re.compile(r"([^\W_]+)")
_ASCII_LETTERS_DIGITS = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_GAPS_BLANK = bytes(b if b in _ASCII_LETTERS_DIGITS else 32 for b in range(256))    # each byte of a gap -> a space
# each byte of a run -> a space, a joiner of :data:`_TOKEN` stays, any other byte of a gap -> x
_RUNS_BLANK = bytes(32 if b in _ASCII_LETTERS_DIGITS else b if b in b".'&-" else 120 for b in range(256))
_JOINERS = frozenset(".'’&-")                   # a gap of one of these between two runs joins them into one token
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _letter_runs(text: str) -> tuple[list[int], list[str], list[str]]:
    """The maximal runs of letters and digits of ``text`` (``[^\\W_]+``): their starts, the runs, and the gaps
    between each run and the next (a gap of one joiner of :data:`_TOKEN` as it is, ``’`` perhaps as ``'``).

    When no character outside ASCII in the text is a letter or a digit, they are read off its bytes (a byte a
    character; the runs and the gaps split at spaces once the others are blanked), else split by the pattern.

    >>> _letter_runs("Rp3.000,- untuk O’Brien")
    ([0, 4, 10, 16, 18], ['Rp3', '000', 'untuk', 'O', 'Brien'], ['.', 'x-x', 'x', "'"])
    """
    if text.isascii() or not _LETTERS_DIGITS.search("".join(non_ascii(text))):
        raw = (text.replace("’", "'") if "’" in text else text).encode("ascii", "replace")
        runs = raw.translate(_GAPS_BLANK).decode("ascii").split()
        gaps = raw.translate(_RUNS_BLANK).decode("ascii").split()   # a gap before the first run too, if any
        lead = 1 if raw and raw[0] not in _ASCII_LETTERS_DIGITS else 0
        first, between = (len(gaps[0]) if lead else 0), gaps[lead:lead + max(len(runs) - 1, 0)]
    else:
        parts = _RUN_SPLIT.split(text)
        runs, between, first = parts[1::2], parts[2:-1:2], len(parts[0])
    # run i + 1 starts where run i starts, plus its length and the gap's
    starts = list(accumulate(map(add, map(len, runs), map(len, between)), initial=first)) if runs else []
    return starts, runs, between


def _unglued(text: str, runs: tuple[list[int], list[str], list[str]] | None = None) -> tuple[list[int], list[str]]:
    """Starts and words of the tokens of :data:`_TOKEN` as they stand: the runs of :func:`_letter_runs` (``runs``,
    when the caller has them), each chain of runs with a gap of one joiner between them made one token."""
    starts, words, between = runs or _letter_runs(text)
    joined = list(compress(range(len(between)), map(_JOINERS.__contains__, between)))   # run i joins run i + 1
    if not joined:
        return starts, words
    out_starts, out_words, last = [], [], 0         # the runs before ``last`` are placed
    for i in joined:
        if i < last:                                # run i ends the chain so far: run i + 1 lengthens it
            out_words.pop()
        else:                                       # runs ``last`` to i - 1 stand alone, a chain starts at run i
            out_starts.extend(starts[last:i + 1])
            out_words.extend(words[last:i])
        out_words.append(text[out_starts[-1]:starts[i + 1] + len(words[i + 1])])
        last = i + 2
    out_starts.extend(starts[last:])
    out_words.extend(words[last:])
    return out_starts, out_words


# a capital beside a place where :data:`_GLUE` cuts (the cut before it, after it, or before the full stop before
# it): only the tokens that hold one are cut (a capital after a space fails at once)
_GLUE_CAPITAL = re.compile(r"[A-Z](?<=[\w.][A-Z])(?:(?<=[a-z][A-Z])|(?<=[A-Z]{2})(?=[a-z]{2})|(?<=\w\.[A-Z])(?=[a-z]))")


# a capital of :data:`_GLUE_CAPITAL` stands second in one of these shapes of the text's cases (see
# :func:`lib.tables.case_shapes_at` of the text's :func:`lib.tables.letter_cases`)
_GLUE_CASES = (b"aA", b"AAaa", b".Aa")


def _glued_split(text: str, starts: list[int], words: list[str], cases: bytes) -> tuple[list[int], list[str]]:
    """The tokens with a glued word split again: those that hold a capital of :data:`_GLUE_CAPITAL`, looked for
    only in the tokens where the text's letters show one (:data:`_GLUE_CASES` in ``cases``, the text's letter cases)."""
    near = {bisect.bisect_right(starts, at + 1) - 1 for at in case_shapes_at(cases, _GLUE_CASES)}   # the tokens that hold it
    glued = [i for i in sorted(near) if _GLUE_CAPITAL.search(words[i])]
    if not glued:
        return starts, words
    out_starts, out_words, last = [], [], 0
    for i in glued:
        out_starts.extend(starts[last:i])
        out_words.extend(words[last:i])
        base, word, prev = starts[i], words[i], 0
        for cut in _GLUE.finditer(word):
            if cut.start() > prev:
                out_starts.append(base + prev)
                out_words.append(word[prev:cut.start()])
                prev = cut.start()
            if word[prev] == ".":                     # AS.Seorang: the full stop belongs to neither word
                prev += 1
        out_starts.append(base + prev)
        out_words.append(word[prev:])
        last = i + 1
    out_starts.extend(starts[last:])
    out_words.extend(words[last:])
    return out_starts, out_words


# a byte -> 1 for a capital A to Z, else 0
_CAPITAL_FLAGS = bytes(1 if 65 <= b <= 90 else 0 for b in range(256))


def _capital_flags(text: str, starts: list[int]) -> bytes:
    """For each offset of ``starts``, 1 where ``text`` has a capital A to Z, else 0 (the characters are read at once
    and their bytes translated, a character outside ASCII as ``?``)."""
    if not starts:
        return b""
    return "".join(itemgetter(*starts)(text)).encode("ascii", "replace").translate(_CAPITAL_FLAGS)


class _Words:
    """The words of one text (:func:`tokens`), found once for all the steps that need them: their starts and the
    words themselves (a word ends at its start plus its length: :meth:`end`), the runs of letters and digits
    they are made of (``runs``: their starts and strings, as :meth:`lib.tables.FirstWordScan.finditer` takes them),
    ``capitals``: the starts of the runs that begin with a capital A to Z, the only places a pattern that starts
    with :data:`FIRST` can match (the character before it is no word character), ``capital_runs``, those runs, and
    ``cases``, the text's :func:`lib.tables.letter_cases` (for the glued words and the first-word scan).
    """

    __slots__ = ("text", "starts", "all", "runs", "cases", "capitals", "capital_runs", "_found")

    def __init__(self, text: str):
        self.text = text
        runs = _letter_runs(text)
        self.runs = runs[:2]
        capital = _capital_flags(text, runs[0])
        self.capitals, self.capital_runs = list(compress(runs[0], capital)), list(compress(runs[1], capital))
        self.cases = letter_cases(text)
        self.starts, self.all = _glued_split(text, *_unglued(text, runs), self.cases)
        self._found: dict = {}

    def __len__(self) -> int:
        return len(self.starts)

    def end(self, i: int) -> int:
        """Where word ``i`` ends."""
        return self.starts[i] + len(self.all[i])

    def inside(self, start: int, end: int) -> tuple[int, int]:
        """``(lo, hi)``: words ``lo`` to ``hi`` are those that start at or after ``start`` and end by ``end``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        if hi > lo and self.end(hi - 1) > end:
            hi -= 1
        return lo, hi


class Gazetteer:
    """Names of the gazetteer tables, found token by token (a dict lookup per word, not one huge pattern)."""

    def __init__(self, entries: list[dict]):
        self.alias: dict[str, dict] = {}
        by_first: dict[str, dict[int, dict[tuple[str, ...], dict]]] = {}
        for entry in entries:
            for name in entry["aliases"]:
                if name in self.alias:
                    continue                   # the first table to name it keeps it
                self.alias[name] = entry
                words = tuple(name[s:e] for s, e in _token_spans(name))
                if words:                      # the first name with these words keeps them
                    by_first.setdefault(words[0], {}).setdefault(len(words), {}).setdefault(words, entry)
        # first word -> ``(k, names)``, longest first: the names of ``k`` words that start with it
        self.first: dict[str, list[tuple[int, dict[tuple[str, ...], dict]]]] = {
            word: sorted(by_length.items(), reverse=True, key=itemgetter(0)) for word, by_length in by_first.items()}

    def lookup(self, name: str) -> dict | None:
        """The entry a name (with any whitespace between its words) stands for."""
        return self.alias.get(" ".join(name.split()))

    def find(self, text: str | _Words, start: int = 0, end: int | None = None) -> list[tuple[int, int, dict]]:
        """``(start, end, entry)`` of the longest names, left to right, not overlapping (``text`` may be its
        :class:`_Words`, whose answers are then kept)."""
        words = text if isinstance(text, _Words) else _Words(text)
        key = (start, len(words.text) if end is None else end)
        if key not in words._found:
            words._found[key] = self._find(words, *words.inside(*key))
        return words._found[key]

    def _find(self, doc: _Words, lo: int, hi: int) -> list[tuple[int, int, dict]]:
        text, starts, first, words, end = doc.text, doc.starts, self.first, doc.all, doc.end
        out, i = [], lo
        for h in compress(range(lo, hi), map(first.__contains__, words[lo:hi])):   # words that start a name
            if h < i:
                continue
            for k, names in first[words[h]]:
                if k == 1:                                        # a one-word name: the word is the name
                    entry = names.get((words[h],))
                    if entry is not None:
                        out.append((starts[h], starts[h] + len(words[h]), entry))
                        i = h + 1
                        break
                    continue
                entry = names.get(tuple(words[h:h + k])) if h + k <= hi else None
                if entry is not None and all(not text[end(j):starts[j + 1]].strip() for j in range(h, h + k - 1)):
                    out.append((starts[h], end(h + k - 1), entry))
                    i = h + k
                    break
        return out


@lru_cache(maxsize=None)
def _patterns(lang: str) -> dict:
    tab = table(lang, "actors")
    entries = [entry for name in tab["gazetteers"] for entry in table(lang, name)["actors"]]
    gazetteer = Gazetteer(entries)
    alias = gazetteer.alias
    connectors = trie_alternation(tab["org_connectors"])
    joiners = trie_alternation(tab["name_joiners"])
    p = {
        "tab": tab,
        "alias": alias,
        "by_id": {e["id"]: e for e in entries},
        "leaders_of": _leaders_of({e["id"]: e for e in entries}),
        "places": {a for a, e in alias.items() if e["kind"] in ("country", "location")} | set(tab["region_bases"]),
        "country_of": {a: e["id"] for a, e in alias.items() if e["kind"] == "country"},
        # the names of organisations and countries (a name of a person holding one is an organisation's)
        "org_or_country": frozenset(a for a, e in alias.items() if e["kind"] in ("organization", "country")),
        "gazetteer": gazetteer,
        "comma_name": re.compile(rf"\s*,\s+(?P<name>{CAP}(?:\s+{CAP}){{0,3}})"),
        "groups": re.compile(rf"(?<![\w-])(?:(?i:{trie_alternation(tab['group_quantifiers'], lower=True)})\s+)?"
                             rf"(?P<noun>(?i:{trie_alternation(tab['group_nouns'], lower=True)}))(?![\w-])"),
        "defined": re.compile(r"\((?P<short>[A-Z][\w.-]{1,15})\)"),
        "initials": re.compile(rf"(?<![\w-])(?i:{trie_alternation(tab['initials_cues'], lower=True)})\s+(?P<initials>[A-Z]{{2,4}})(?![\w-])"),
        "org_words": set(tab["org_suffixes"]) | set(tab["org_heads"]) | set(tab["org_name_words"]),
        "common_roots": frozenset(r["root"] for r in table(lang, "event_roots")["roots"] if "root" in r)
        | frozenset(w.lower() for w in tab["group_nouns"]) | frozenset(w.lower() for t in tab["titles"] for w in t.split()),
        "bare_title": re.compile(rf"(?<![\w-])(?i:{trie_alternation(tab['bare_titles'], lower=True)})(?![\w-])(?!\s+[A-Z])"),
        # (the first word and the spaces after a word taken whole: giving back a letter or a space cannot make a match)
        "name_run": re.compile(FIRST + r"[a-z'’-]++(?:\s++[A-Z][a-z'’-]+){1,3}(?![\w-])"),
        "not_in_names": {w for key in ("not_names", "institution_words", "org_heads", "place_heads", "region_bases",
                                       "directions", "not_in_names") for w in tab[key]}
                        | {w for title in tab["titles"] for w in title.split()},
        "title": re.compile(rf"(?<![\w-])(?P<title>(?i:{trie_alternation(tab['titles'], lower=True)}))\s+"
                            rf"(?P<caps>{CAP}(?:\s+(?:(?:{joiners})\s+(?=(?:{trie_alternation(tab['institution_words'])})\b))?{CAP})*)"),
        "org": re.compile(rf"(?<![\w-])(?:{trie_alternation(tab['org_heads'])})(?:\s+(?:{CAP}|[A-Z]{{2,}})"
                          rf"|\s+(?:{connectors})(?=\s+[A-Z]))+"),
        "place": re.compile(rf"(?<![\w-])(?:{trie_alternation(tab['place_heads'])})(?:\s+{CAP})+"),
        "region": re.compile(rf"(?<![\w-])(?:{trie_alternation(tab['region_bases'])})\s+(?:{trie_alternation(tab['directions'])})"
                             rf"(?:\s+(?:{joiners})\s+(?:{trie_alternation(tab['directions'])}))?(?![\w-])"),
        "country_part": re.compile(rf"\s+(?P<direction>{trie_alternation(w.lower() for w in tab['directions'])})(?![\w-])"),
        "suffixed": re.compile(rf"{FIRST_CAP}(?:\s+{CAP})*\s+(?:{trie_alternation(tab['org_suffixes'])})(?![\w-])"),
        "speech_before": re.compile(rf"(?<![\w-])(?i:{trie_alternation(tab['speech_before_name'], lower=True)})\s+(?P<name>{CAP}(?:\s+{CAP}){{0,3}})"),
        "speech_after": re.compile(rf"(?P<name>{FIRST_CAP}(?:\s+{CAP}){{0,3}})\s+(?:{trie_alternation(tab['speech_after_name'])})(?![\w-])"),
        "anonymous": re.compile(rf"(?<![\w-])(?i:{trie_alternation(tab['anonymous'], lower=True)})(?![\w-])"),
        "pointer": re.compile(rf"(?<![\w-])(?P<head>(?i:{trie_alternation(tab['pointer_heads'], lower=True)}))(?:\s+(?P<of>{CAP}))?\s+"
                              rf"(?:{trie_alternation(tab['pointers'])})(?![\w-])"),
        "pair": re.compile(rf"(?<![\w-])(?i:{trie_alternation(tab['pair_words'], lower=True)})(?![\w-])"),
        "leader_pairs": {" ".join(w.lower().split()) for w in tab["leader_pairs"]},
        "pair_joiner": re.compile(rf"(?<![\w-])(?:{trie_alternation(tab['pair_joiners'])})(?![\w-])"),
        "window": tab["windows"],
        # the table lists as sets, for the lookups of every word
        "set": {key: frozenset(tab[key]) for key in ("org_heads", "institution_words", "directions", "region_bases",
                                                     "not_names", "acronym_not_orgs")},
    }
    # the patterns whose every match is a run of words and spaces ending in a table word: searched only around it
    p["near"] = {key: (p[key], frozenset(_first_words(tab[words]))) for key, words in [
        ("speech_after", "speech_after_name"), ("suffixed", "org_suffixes")]}
    # organisations and places start with their head word: when every head begins with a capital, they are tried at
    # the capitals alone (see :func:`_capital_matches`)
    p["capital_heads"] = all(w[:1] in _CAPITALS for w in list(tab["org_heads"]) + list(tab["place_heads"]))
    p["common_root_of"] = _Memo(root_finder(p["common_roots"]))   # a root the event lexicon, a group noun or a title knows
    # the patterns that start with a table word, found in one pass over the text (each with every word it can start with)
    p["scan"] = FirstWordScan({key: (p[key], words) for key, words in [
        ("title", tab["titles"]), ("anonymous", tab["anonymous"]), ("bare_title", tab["bare_titles"]),
        ("groups", list(tab["group_quantifiers"]) + list(tab["group_nouns"])),
        ("speech_before", tab["speech_before_name"]), ("region", tab["region_bases"]), ("org", tab["org_heads"]),
        ("place", tab["place_heads"]), ("initials", tab["initials_cues"]), ("pointer", tab["pointer_heads"]),
        ("pair", tab["pair_words"])]}
        # and the words of ``near`` standing alone (among them, every table word a match of ``near`` ends with): its
        # anchors, found by the same pass
        | {_ANCHOR + key: (re.compile(rf"(?<![\w-])(?:{trie_alternation(words)})(?![\w-])"), words)
           for key, (_, words) in p["near"].items()})
    return p


class _Memo(dict):
    """A function of one argument that remembers its answers (``memo[x]``: a dict lookup once known)."""

    LIMIT = 1 << 18                                   # answers kept at most (then forgotten all at once)

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, key):
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[key] = self.function(key)
        return value


_RUN_WORD = re.compile(r"[\w'’-]+")


def _first_words(words: list[str]) -> list[str]:
    """The first words of table entries, each a run of letters and digits (see :func:`_finditer_near`)."""
    out = []
    for word in words:
        first = _LETTERS_DIGITS.fullmatch(word.split()[0]) if word.split() else None
        if first is None or not all(map(_RUN_WORD.fullmatch, word.split())):
            raise TableError(f"{word!r}: a word that ends a name pattern begins with a word of letters and digits, "
                             "and is made of letters, digits, ' and -")
        out.append(first.group())
    return sorted(set(out))


# the scan's key of the words a pattern of ``near`` ends with (``_ANCHOR + key``, see :func:`_patterns`)
_ANCHOR = "anchor of "

# a character no run of words and spaces holds (names, titles, the table words that end them)
_NOT_IN_RUN = re.compile(r"[^\w'’\s-]")


def _capital_matches(regex: re.Pattern, text: str, start: int, end: int, doc: _Words) -> list[re.Match]:
    """``list(regex.finditer(text, start, end))`` for a pattern that can match only at a capital of ``doc`` (see
    :class:`_Words`): it is tried at those in ``[start, end)`` alone."""
    capitals = doc.capitals
    return matches_at(regex, text, capitals[bisect.bisect_left(capitals, start):bisect.bisect_left(capitals, end)], end)


def _finditer_near(regex: re.Pattern, anchors: list[int], text: str, backwards: str, doc: _Words) -> list[re.Match]:
    """``list(regex.finditer(text))`` for a pattern that starts with :data:`FIRST` and whose every match is a run of
    words and spaces (no character of :data:`_NOT_IN_RUN`) ending in an entry whose first word is one of the pattern's
    words (runs of letters and digits; ``anchors``: where they stand in ``doc``, at least, in text order): the pattern
    is tried only at the capitals (see :class:`_Words`) of the runs of words and spaces around the anchors
    (``backwards``: the text reversed, to find where a run starts)."""
    found, pos, n = [], 0, len(text)
    for at in anchors:
        if at < pos:
            continue                                        # in a run already searched
        before = _NOT_IN_RUN.search(backwards, n - at)
        after = _NOT_IN_RUN.search(text, at)
        start, end = (n - before.start() if before else 0), (after.start() + 1 if after else n)
        found.extend(_capital_matches(regex, text, max(start, pos), end, doc))   # up to the stop, so that a look-ahead sees it
        pos = end
    return found


def _leaders_of(by_id: dict) -> dict[str, list[dict]]:
    """Country id -> the gazetteer entries that lead it (in the order of ``by_id``)."""
    out: dict[str, list[dict]] = {}
    for entry in by_id.values():
        if entry.get("leader_of"):
            out.setdefault(entry["leader_of"], []).append(entry)
    return out


def _candidate(start, end, text, actor, name, kind, how, role=None, refers_to=None, priority=5) -> dict:
    """A candidate mention: its row (the keys of ``COLUMNS``), whose ``id`` holds the candidate's rank (see
    :func:`_select`) until the chosen mentions are numbered (so that a row has no key besides its columns)."""
    return {"id": (priority, start - end, start), "start": start, "end": end, "text": text[start:end], "actor": actor,
            "name": name, "kind": kind, "role": role, "refers_to": refers_to, "how": how}


def _split_qualifier(tokens: list[str], p: dict) -> int:
    """How many leading capitalised tokens after a title are a qualifier (a place or an institution).

    ``Presiden Ukraina | Volodymyr Zelenskyy``, ``Menteri Perindustrian | Dewi Lestari``,
    ``Kepala Badan Penanggulangan Bencana Daerah Jawa Tengah | Siti Aminah``: known names, institution
    words and head-led organisations (which run at least to their last place name) are the
    qualifier; what remains is the name, at most the last two words after an organisation.
    """
    alias, sets = p["alias"], p["set"]
    heads, words, regions = sets["org_heads"], sets["institution_words"], sets["region_bases"]
    places = p["places"]
    directions = sets["directions"]
    n, i, organisation = len(tokens), 0, False
    while i < n - 1 and tokens[i] in words and tokens[i] not in heads:   # Menteri Perindustrian Dewi Lestari
        i += 1
    while i < n:
        for k in range(min(n - i, p["window"]["name_words"]), 0, -1):   # a gazetteer name
            if " ".join(tokens[i:i + k]) in alias and alias[" ".join(tokens[i:i + k])]["kind"] != "person":
                i += k
                break
        else:
            if tokens[i] in regions and i + 1 < n and tokens[i + 1] in directions:
                i += 2                                             # Gubernur Jawa Tengah Rahmat Hidayat
            elif tokens[i] in heads:                               # an institution: head, a name word, its words
                organisation = True
                i += 2
                while i < n and tokens[i] in words:
                    i += 1
            else:
                break
    if organisation:                                               # ... Seluruh Indonesia | Agus Salim Permana
        ends = []
        for j in range(n):
            if tokens[j] in regions and j + 1 < n and tokens[j + 1] in directions:
                ends.append(j + 2)
            elif " ".join(tokens[j:j + 2]) in places:
                ends.append(j + 2)
            elif tokens[j] in places:
                ends.append(j + 1)
        ends = [e for e in ends if e < n]
        if ends:
            i = max(i, max(ends))
        elif n - i > 2:
            i = n - 2
    if n - i > p["window"]["name_words_after_title"]:              # a long run: the last two are the name
        i = n - 2
    return min(i, len(tokens))


def _named(text: str, p: dict, use_gazetteer: bool, scanned: dict, doc: _Words) -> list[dict]:
    tab, alias = p["tab"], p["alias"]
    not_names, not_orgs = p["set"]["not_names"], p["set"]["acronym_not_orgs"]
    found = []

    def person(start, end, role, how, priority):
        name = text[start:end]
        entry = p["gazetteer"].lookup(name) if use_gazetteer else None
        actor = entry["id"] if entry and entry["kind"] == "person" else slug(name)
        canonical = entry["name"] if entry and entry["kind"] == "person" else name
        words = name.split()
        if entry is None and (not p["org_words"].isdisjoint(words) or (
                use_gazetteer and not p["org_or_country"].isdisjoint(words))):
            found.append(_candidate(start, end, text, slug(name), name, "organization", "org pattern", None, None, priority))
            return                             # Maybank Indonesia, Huabao Trust, Brigade Al-Qassam: not a person
        found.append(_candidate(start, end, text, actor, canonical, "person", how, role, None, priority))

    for m in scanned["title"]:
        caps, base = m.group("caps"), m.start("caps")
        tokens = [t.span() for t in _CAP.finditer(caps)]
        words = [caps[s:e] for s, e in tokens]
        q = _split_qualifier(words, p)
        if q >= len(words):                    # Presiden Iran, Masoud Pezeshkian: the name after a comma
            after = p["comma_name"].match(text, m.end())
            if after and not_names.isdisjoint(after.group("name").split()):
                found.extend(_organisation_or_place(text, base, m.end(), p, use_gazetteer, priority=1, doc=doc))
                person(after.start("name"), after.end("name"), text[m.start():m.end()].strip(), "title", 1)
            elif m.group("title")[0].isupper():      # Presiden RI, Kepala Kejaksaan Negeri X: the office holder
                found.append(_candidate(m.start(), m.end(), text, slug(m.group(0)), m.group(0), "person", "role",
                                        m.group(0), None, 1))
            continue
        if words[q] in not_names:
            continue
        name_start, name_end = base + tokens[q][0], base + tokens[-1][1]
        if q:
            qualifier_end = base + tokens[q - 1][1]
            found.extend(_organisation_or_place(text, base, qualifier_end, p, use_gazetteer, priority=1, doc=doc))
        person(name_start, name_end, text[m.start():name_start].strip(), "title", 1)
    for m in scanned["anonymous"]:
        found.append(_candidate(m.start(), m.end(), text, f"anonymous-{slug(m.group(0).split(None, 1)[1])}",
                                m.group(0), "person", "coreference", m.group(0).split(None, 1)[1], None, 1))
    if use_gazetteer:
        for start, end, entry in p["gazetteer"].find(doc):
            found.append(_candidate(start, end, text, entry["id"], entry["name"], entry["kind"], "gazetteer",
                                    None, entry.get("refers_to"), 2))
    # Hasto Kristiyanto: two to four name words that are nothing else (each a capital, then lowercase letters a to z
    # and joiners: tried only where the run of letters is titlecase)
    for m in matches_at(p["name_run"], text, list(compress(doc.capitals, map(str.istitle, doc.capital_runs)))):
        words = m.group(0).split()
        if p["not_in_names"].isdisjoint(words) and (not use_gazetteer or alias.keys().isdisjoint(words)) \
                and not any(map(p["common_root_of"].__getitem__, map(str.lower, words))):   # Dipimpin, Praperadilan: words
            person(m.start(), m.end(), None, "name", 4)
    for m in scanned["bare_title"]:   # Presiden, Wakil Presiden with no name after: the office holder
        after = p["comma_name"].match(text, m.end())
        if after and not_names.isdisjoint(after.group("name").split()):   # ketua umum, Idrus Marham
            person(after.start("name"), after.end("name"), m.group(0), "title", 1)
        found.append(_candidate(m.start(), m.end(), text, slug(m.group(0)), m.group(0), "person", "role", m.group(0),
                                None, 4))
    for m in scanned["groups"]:       # masyarakat, para penyidik, tiga korban: people named by what they are
        noun = lower_as_matched(m.group("noun"))
        found.append(_candidate(m.start(), m.end(), text, slug(noun), noun, tab["group_nouns"][noun], "group noun",
                                priority=4))
    backwards = text[::-1]
    anchors = {key: [m.start() for m in scanned[_ANCHOR + key]] for key in p["near"]}
    scanned["speech_after"] = _finditer_near(p["speech_after"], anchors["speech_after"], text, backwards, doc)
    for key in ("speech_before", "speech_after"):
        for m in scanned[key]:
            words = m.group("name").split()
            if not not_names.isdisjoint(words):
                continue
            person(m.start("name"), m.end("name"), None, "speech", 2)
    for m in scanned["region"]:
        found.append(_candidate(m.start(), m.end(), text, slug(m.group(0)), m.group(0), "location", "place pattern",
                                priority=2))
    for start, _, entry in p["gazetteer"].find(doc):   # Ukraina timur: a part of a country
        m = p["country_part"].match(text, _) if entry["kind"] == "country" else None
        if m:
            found.append(_candidate(start, m.end(), text, slug(text[start:m.end()]), text[start:m.end()], "location",
                                    "place pattern", priority=2))
    found.extend(_organisation_or_place(text, 0, len(text), p, use_gazetteer, priority=2, scanned=scanned, doc=doc))
    for m in _finditer_near(p["suffixed"], anchors["suffixed"], text, backwards, doc):
        found.append(_candidate(m.start(), m.end(), text, slug(m.group(0)), m.group(0), "organization", "org pattern",
                                priority=2))
    initials = {m.group("initials") for m in scanned["initials"]}   # tersangka berinisial DS: a person
    # an acronym where the gazetteer names the same span is no candidate: it ranks with that name and comes after
    # it, so that it would lose to it (or to what the name loses to) in :func:`_select`
    named_spans = {(start, end) for start, end, _ in p["gazetteer"].find(doc)} if use_gazetteer else ()
    for start, word in _acronyms(text, doc):
        if (start, start + len(word)) in named_spans:
            continue
        if word in initials:
            found.append(_candidate(start, start + len(word), text, slug(word), word, "person", "initials", priority=2))
        elif word not in not_orgs and word not in not_names:
            found.append(_candidate(start, start + len(word), text, slug(word), word, "organization", "acronym",
                                    priority=2))
    return found


def _acronyms(text: str, doc: _Words) -> list[tuple[int, str]]:
    r"""``(start, word)`` of the acronyms of ``text`` (its :class:`_Words` ``doc``): the runs of letters that are two
    to six capitals A to Z with no hyphen or underscore on either side (the matches of
    ``[A-Z](?<![\w-].)[A-Z]{1,5}(?![\w-])``)."""
    out, n, starts, runs = [], len(text), doc.capitals, doc.capital_runs
    for i in compress(range(len(runs)), map(str.isupper, runs)):
        word, start = runs[i], starts[i]
        end = start + len(word)
        if 2 <= len(word) <= 6 and word.isascii() and word.isalpha() and (start == 0 or text[start - 1] not in "-_") \
                and (end == n or text[end] not in "-_"):
            out.append((start, word))
    return out


def _organisation_or_place(text, start, end, p, use_gazetteer, priority, doc: _Words, scanned=None) -> list[dict]:
    """Organisations and places inside ``text[start:end]``: by head word, and those of the gazetteer (``scanned``:
    the matches of the whole text, when that is the span; the whole text's gazetteer names are then candidates of
    :func:`_named` already, each with the same row and rank)."""
    out = []
    if use_gazetteer and not scanned:
        for s, e, entry in p["gazetteer"].find(doc, start, end):
            if entry["kind"] != "person":
                out.append(_candidate(s, e, text, entry["id"], entry["name"], entry["kind"], "gazetteer",
                                      None, entry.get("refers_to"), priority))

    def led_by_heads(key: str):
        """The matches of the pattern ``key`` (led by a head word) inside the span."""
        if scanned:
            return scanned[key]
        if p["capital_heads"]:
            return _capital_matches(p[key], text, start, end, doc)
        return p[key].finditer(text, start, end)

    for m in led_by_heads("org"):
        out.append(_candidate(m.start(), m.end(), text, slug(m.group(0)), m.group(0), "organization", "org pattern",
                              priority=priority))
    for m in led_by_heads("place"):
        words = [w for w in _NOT_SPACE.finditer(m.group(0))]
        keep = len(words)
        while keep > 2 and use_gazetteer and " ".join(w.group(0) for w in words[keep - 1:]) in p["alias"]:
            keep -= 1                                  # Laut Hitam Krimea: the sea, then a named place
        place_end = m.start() + words[keep - 1].end()
        out.append(_candidate(m.start(), place_end, text, slug(text[m.start():place_end]), text[m.start():place_end],
                              "location", "place pattern", priority=priority))
    return out


def _select(candidates: list[dict]) -> list[dict]:
    """Non-overlapping mentions: by priority (0 dateline and descriptions, 1 titled people, 2 other names,
    4 name runs, offices and groups, 5 surnames), then the longer, then the earlier."""
    chosen = []
    occupied = bytearray(max(map(_END, candidates), default=0) + 1)
    for c in sorted(candidates, key=_RANK):
        start, end = c["start"], c["end"]
        if 1 not in occupied[start:end]:
            chosen.append(c)
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(chosen, key=_START)


_RANK, _START, _END = itemgetter("id"), itemgetter("start"), itemgetter("end")    # a candidate's rank is its id


def _add(mentions: list[dict], new: list[dict]) -> list[dict]:
    """``_select(mentions + new)`` for ``mentions`` already selected (in text order): a mention that overlaps no
    new candidate keeps its place whatever the ranks, so only those that overlap one compete with the new."""
    if not new:
        return mentions
    starts, ends = list(map(_START, mentions)), list(map(_END, mentions))
    if any(map(ge, starts, ends)) or any(map(ge, map(_START, new), map(_END, new))):
        return _select(mentions + new)             # an empty span: no order of ends to search
    contested = set()
    for c in new:
        start, end = c["start"], c["end"]
        for i in range(bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)):
            contested.add(i)                           # starts before ``end``, ends after ``start``: they overlap
    kept = [m for i, m in enumerate(mentions) if i not in contested]
    return sorted(kept + _select([mentions[i] for i in sorted(contested)] + new), key=_START)


def _aliases(text: str, mentions: list[dict], p: dict, doc: _Words) -> list[dict]:
    """One-word mentions of people named in full elsewhere (``Blinken``, ``Basuki``), and bracketed acronyms.

    The first and the last word of a full name both count (Indonesian news often uses the first);
    a word two people share links to neither.
    """
    surnames: dict[str, set] = {}
    names, strong = {}, set()
    for m in mentions:
        if m["kind"] == "person" and m["how"] in ("title", "speech", "gazetteer", "name"):
            words = m["text"].split()
            if len(words) < 2:
                continue
            for token in {words[0], words[-1]}:        # Blinken; Basuki (Indonesian first names)
                surnames.setdefault(token, set()).add(m["actor"])
            names[m["actor"]] = m["name"]
            if m["how"] != "name":
                strong.add(m["actor"])
    for token, actors in surnames.items():             # a name found by its title beats a run of capitals
        if len(actors) > 1 and len(actors & strong) == 1:
            surnames[token] = actors & strong
    out = []
    for m in mentions:                                 # a one-word name found by a speech verb: a known surname
        # (a surname is a word of ``split``: a text that is one is one word)
        if m["kind"] == "person" and len(surnames.get(m["text"], ())) == 1 and m["actor"] not in names:
            actor = next(iter(surnames[m["text"]]))
            m.update(actor=actor, name=names[actor], how="alias")
    unique = {surname: next(iter(actors)) for surname, actors in surnames.items() if len(actors) == 1}
    defined = {}                                       # Kejaksaan Agung (Kejagung), Basuki Tjahaja Purnama (Ahok)
    ends = [c["end"] for c in mentions]                # mentions do not overlap: in text order, their ends too
    for m in p["defined"].finditer(text):
        i = bisect.bisect_right(ends, m.start()) - 1   # the last mention ending before the bracket, if near enough
        last = mentions[i] if i >= 0 and m.start() - ends[i] <= p["window"]["acronym_gap"] else None
        if last is not None and last["text"] != m.group("short") and last["how"] != "role":
            defined.setdefault(m.group("short"), last)
    known = defined.keys() | unique.keys()
    found = list(compress(range(len(doc)), map(known.__contains__, doc.all)))
    # a surname inside a mention loses to it (the mentions so far have priority 4 at most) unless a defined acronym's
    # alias (priority 1) over that mention displaces it: a surname overlapping only mentions that no such alias
    # overlaps is no candidate (looked at when every mention holds some characters, so that their ends are in order)
    filtered = all(map(lt, map(_START, mentions), ends))
    displaced = {j for i in found if doc.all[i] in defined
                 for j in _overlapped(mentions, ends, doc.starts[i], doc.end(i))} if filtered else set()
    for i in found:                                    # two people sharing a name word: neither is linked
        start, end, word = doc.starts[i], doc.end(i), doc.all[i]
        if word in defined:
            o = defined[word]
            out.append(_candidate(start, end, text, o["actor"], o["name"], o["kind"], "alias", priority=1))
        elif word in unique and (not filtered or displaced.issuperset(_overlapped(mentions, ends, start, end))):
            actor = unique[word]
            out.append(_candidate(start, end, text, actor, names[actor], "person", "alias", priority=5))
    return out


def _overlapped(mentions: list[dict], ends: list[int], start: int, end: int) -> list[int]:
    """The indices of the mentions that overlap ``[start, end)`` (``mentions`` in text order, each of some characters,
    not overlapping, so that ``ends``, theirs, are in order too)."""
    i, out = bisect.bisect_right(ends, start), []      # the first mention that ends after ``start``
    while i < len(mentions) and mentions[i]["start"] < end:
        out.append(i)
        i += 1
    return out


def _leaders(mentions: list[dict], p: dict) -> dict[str, bool]:
    words = p["tab"]["leader_words"]
    out = {}
    for m in mentions:
        if m["kind"] != "person":
            continue
        entry = p["by_id"].get(m["actor"], {})
        role = (m["role"] or "").lower()
        if entry.get("leader_of") or any(w in role for w in words):
            out[m["actor"]] = True
    return out


class _Before:
    """The people named before a position: the named ones in text order, then those pointed at (few)."""

    def __init__(self, persons: list[dict], ends: list[int], pointed: list[dict], pointed_ends: list[int], pos: int,
                 leaders: dict | None = None, pointed_starts: list[int] | None = None):
        self.persons, self.ends = persons, ends
        self.upto = bisect.bisect_right(ends, pos)
        self.all_pointed, self.pointed_starts = pointed, pointed_starts    # in text order; the first ``pointed_upto``
        self.pointed_upto = bisect.bisect_right(pointed_ends, pos)         # end by ``pos``
        self.leaders = leaders

    @property
    def pointed(self) -> list[dict]:
        return self.all_pointed[:self.pointed_upto]

    def _keep(self, c) -> bool:
        return self.leaders is None or c["actor"] in self.leaders

    def latest_first(self):
        """Those pointed at (latest first), then the named (latest first)."""
        for i in range(self.pointed_upto - 1, -1, -1):
            if self._keep(self.all_pointed[i]):
                yield self.all_pointed[i]
        for i in range(self.upto - 1, -1, -1):
            if self._keep(self.persons[i]):
                yield self.persons[i]

    def inside(self, starts: list[int], s: int, e: int) -> list[dict]:
        """The named ones in ``[s, e)`` (text order), then those pointed at there."""
        lo, hi = bisect.bisect_left(starts, s, 0, self.upto), bisect.bisect_left(starts, e, 0, self.upto)
        if self.pointed_starts is None:
            pointed = [c for c in self.pointed if s <= c["start"] < e]
        else:
            pointed = self.all_pointed[bisect.bisect_left(self.pointed_starts, s, 0, self.pointed_upto):
                                       bisect.bisect_left(self.pointed_starts, e, 0, self.pointed_upto)]
        return [c for c in self.persons[lo:hi] if self._keep(c)] + [c for c in pointed if self._keep(c)]


def _pointers(text: str, mentions: list[dict], p: dict, sentences: list[tuple[int, int]], scanned: dict) -> list[dict]:
    """Descriptions that point back, resolved in text order against the mentions before them."""
    out = []
    if not scanned["pointer"] and not scanned["pair"]:
        return out
    leaders = _leaders(mentions, p) if scanned["pair"] else {}
    country_of = p["country_of"]
    persons = [c for c in mentions if c["kind"] == "person" and ";" not in c["actor"]]   # in text order
    ends, out_ends = [c["end"] for c in persons], []
    for m in scanned["pointer"]:
        before = _Before(persons, ends, out, out_ends, m.start())
        head, of = m.group("head").lower(), m.group("of")
        if of and of in country_of:                     # pemimpin Rusia itu: the leader of that country
            leader = p["leaders_of"].get(country_of[of], [])
            target = next((c for c in before.latest_first() if leader and c["actor"] == leader[0]["id"]), None) \
                or next((c for c in before.latest_first() if of in (c["role"] or "")), None)
        else:                                           # Pejabat itu: the last person with that word in their role
            target = next((c for c in before.latest_first() if head.split()[0] in (c["role"] or "").lower()), None)
        if target is not None:
            out.append(_candidate(m.start(), m.end(), text, target["actor"], target["name"], "person", "coreference",
                                  text[m.start():m.end()].rsplit(None, 1)[0], None, 0))
            out_ends.append(m.end())
    sentence_starts = [s for s, _ in sentences]
    person_starts = [c["start"] for c in persons]
    pointed = list(out)                                # the people pointed at (in text order), before any pair
    pointed_ends, pointed_starts = [c["end"] for c in pointed], [c["start"] for c in pointed]   # both in text order
    for m in scanned["pair"]:
        leaders_only = " ".join(m.group(0).lower().split()) in p["leader_pairs"]
        before = _Before(persons, ends, pointed, pointed_ends, m.start(), leaders if leaders_only else None, pointed_starts)
        pair = _last_pair(text, before, sentences, sentence_starts, person_starts, p["pair_joiner"])
        if pair:
            out.append(_candidate(m.start(), m.end(), text, ";".join(a for a, _ in pair), " and ".join(n for _, n in pair),
                                  "group", "coreference", priority=0))
    return out


def _last_pair(text, before: _Before, sentences, sentence_starts, person_starts,
               joiner: re.Pattern) -> list[tuple[str, str]] | None:
    """The two actors last named together (``X dan Y``, ``X ... dengan Y`` in one sentence); for
    ``kedua pemimpin`` the last two leaders named."""
    if before.leaders is not None:
        distinct = []
        for c in before.latest_first():
            if c["actor"] not in [a for a, _ in distinct]:
                distinct.append((c["actor"], c["name"]))
            if len(distinct) == 2:
                return sorted(distinct)
        return None
    named = [before.persons[before.upto - 1]["start"]] if before.upto else []
    latest = max(named + ([before.all_pointed[before.pointed_upto - 1]["start"]] if before.pointed_upto else []),
                 default=None)                         # the people pointed at are in text order: the last starts last
    if latest is None:
        return None
    for index in range(bisect.bisect_right(sentence_starts, latest) - 1, -1, -1):
        s, e = sentences[index]
        inside = before.inside(person_starts, s, e)
        for a, b in zip(inside, inside[1:]):
            if a["actor"] != b["actor"] and joiner.search(text[a["end"]:b["start"]]):
                return sorted([(a["actor"], a["name"]), (b["actor"], b["name"])])
    return None


def tag_mentions(text: str, lang: str = "id", sentences: list[tuple[int, int]] | None = None,
                 dateline: dict | None = None, gazetteer: bool = True) -> pd.DataFrame:
    """The actor-mention table of ``text``: :func:`mention_rows` as a DataFrame (columns ``COLUMNS``).

    >>> tag_mentions("Menteri Luar Negeri Antony Blinken tiba. Blinken berbicara.")[["text", "actor", "how"]].values.tolist()
    [['Antony Blinken', 'antony-blinken', 'title'], ['Blinken', 'antony-blinken', 'alias']]
    """
    return frame(mention_rows(text, lang, sentences, dateline, gazetteer))


def frame(rows: list[dict]) -> pd.DataFrame:
    """Mention rows as the mention table (columns ``COLUMNS``)."""
    return frame_of(rows, COLUMNS)             # pd.DataFrame({column: [row[column] for row in rows] ...}), faster


def mention_rows(text: str, lang: str = "id", sentences: list[tuple[int, int]] | None = None,
                 dateline: dict | None = None, gazetteer: bool = True) -> list[dict]:
    """Find and link the actor mentions of ``text`` (pass ``Article.story_text``), as plain rows.

    ``gazetteer=False`` switches the gazetteer off, to see what the patterns find alone.
    """
    p = _patterns(lang)
    if sentences is None:
        sentences = text_sentences(text, lang)
    doc = _Words(text)
    scanned = p["scan"].finditer(text, doc.runs, doc.cases)
    candidates = _named(text, p, gazetteer, scanned, doc)
    doc.runs = None
    if dateline:                                   # the dateline names a place; its outlet is not an actor
        candidates = [c for c in candidates if not (dateline["start"] <= c["start"] < dateline["end"])]
        place = dateline["place"]
        end = dateline["start"] + len(place.split(",")[0])
        candidates.append(_candidate(dateline["start"], end, text, slug(text[dateline["start"]:end]),
                                     text[dateline["start"]:end], "location", "dateline", priority=0))
    mentions = _select(candidates)
    del candidates                                 # those not chosen are let go before the next steps
    mentions = _add(mentions, _aliases(text, mentions, p, doc))
    del doc
    mentions = _add(mentions, _pointers(text, mentions, p, sentences, scanned))
    del scanned
    for i, m in enumerate(mentions, start=1):      # each candidate becomes its row: the rank gives way to the id
        m["id"] = f"m{i}"
    return mentions


def cast(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: ``actor``, ``name``, ``kind``, ``mentions``, ``roles``, ``first`` (offset), ``how``."""
    single = mentions[~mentions.actor.str.contains(";")]
    rows = []
    for actor, group in single.groupby("actor", sort=False):
        roles = sorted({r for r in group.role if isinstance(r, str) and r})
        rows.append({"actor": actor, "name": group.name.iloc[0], "kind": group.kind.iloc[0],
                     "mentions": int(len(group) + mentions.actor.str.split(";").apply(lambda a: actor in a and len(a) > 1).sum()),
                     "roles": "; ".join(roles), "first": int(group.start.min()),
                     "how": ", ".join(sorted(set(group.how)))})
    frame = pd.DataFrame(rows, columns=["actor", "name", "kind", "mentions", "roles", "first", "how"])
    return frame.sort_values(["mentions", "first"], ascending=[False, True], kind="stable").reset_index(drop=True)
