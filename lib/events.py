"""Stage 4, events: who did what to whom, when, and on whose word.

:func:`tag_events` returns one row per event mention, columns:

``mention`` (v1, v2, ... in text order), ``event_id`` (e1, e2, ...; mentions of the same event
share it), ``start``, ``end``, ``text`` (the trigger words), ``sentence``, ``type`` (PLOVER's
16 types plus STATEMENT), ``mode`` (phone, video, meeting, visit, troops, occupy, or empty),
``actors`` and ``recipients`` (canonical actor ids joined by ``;``), ``timex`` (id of the linked
time expression), ``value``, ``range_start``, ``range_end``, ``time_basis`` (``same clause``,
``same sentence``, ``same speaker``, ``the article's quotations``, ``when said``, ``previous
event``, ``DCT``), ``status`` (occurred, ongoing, planned, expected, conditional, negated),
``attributed_to`` (the actor on whose word it is reported), ``rule`` (how the row was built: the
trigger's type and the participant and time rules, in words).

How it decides, in order: triggers from ``lib/lang/<code>/events.json``; the subject is the
nearest actor mention before the trigger in its clause that no preposition governs (with those
joined to it by ``dan``), a name set off by commas before the clause, the agent after ``oleh``
or right after a passive verb, or the actor right after a noun trigger (``invasi Rusia``);
recipients follow ``dengan``/``kepada``/...; a statement's actor is its speaker (``kata X``,
``X (dari Y) mengatakan``); pronouns point to the person quoted last, first-person pronouns in a
quotation to its speaker.

The time of an event is the time expression of its clause that belongs to it (one a time
preposition introduces first; not one separated from it by another verb or trigger, nor the day
of another event noun, nor a vague reference), else an unclaimed one of its sentence. A
statement is dated by the day named after its speaker (``kata X, Rabu (12/12)``, ``kata X di Y
pada Jumat``), the day after its object, a time that opens the sentence (``Pada 3 Maret 2024,
X mengumumkan``), the day the same speaker named elsewhere, else the day the article's quotations
are dated or the DCT (news reports what was said by the day it is published). Acts performed by
speaking inside a quotation or a reported clause, states still going on (``masih``), and the
lead's verbs that happened are dated when said; an earlier mention of the same event gives its
date; any other event the text does not date stays undated. Mentions are the same event when
they share type and participants, or type and day, or when a noun trigger points back
(``Pembicaraan itu``).
"""
from __future__ import annotations

import bisect
import re
import itertools
import operator
from itertools import accumulate
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from lib.morphology import candidate_roots, root_finder
from lib.tables import alternation, folds_to_ascii, frame_of, table
from lib.text import QUOTE_MARK, end_of_line, non_ascii, places, quotations, text_sentences

UNNAMED = {"role"}                 # a title with no name (Sekjen Partai Golkar): not what a pronoun points back to
NOT_PARTICIPANTS = {"dateline"}    # mentions that name where the article was filed, not who did what
OWN_DAY = {"time: the day named after the speaker", "time: the day after its object", "time: opens the sentence"}
_START, _END = operator.itemgetter("start"), operator.itemgetter("end")
_bisect_left, _bisect_right = bisect.bisect_left, bisect.bisect_right

COLUMNS = ["mention", "event_id", "start", "end", "text", "sentence", "type", "mode", "actors", "recipients",
           "timex", "value", "range_start", "range_end", "time_basis", "status", "attributed_to", "rule"]


@lru_cache(maxsize=None)
def _rules(lang: str) -> dict:
    tab = table(lang, "events")
    triggers = [(t["type"], t.get("mode"), re.compile(rf"(?<![\w-])(?:{t['pattern']})(?![\w-])", re.IGNORECASE),
                 _first_letters(t["pattern"])) for t in tab["triggers"]]
    rules = {
        "tab": tab,
        "triggers": triggers,
        "trigger_keys": _trigger_keys(triggers),
        "longest_key": max(map(len, _trigger_keys(triggers)), default=0),
        "lang": lang,
        "word_records": {},                       # a word of a text -> _word_record (filled as met)
        "status": {status: _TableWords(ws) for status, ws in tab["status_cues"].items()},
        "negated": {w.lower() for w in tab["status_cues"]["negated"]},
        "negation_reach": tab["negation_reach"],
        "object_is_recipient": set(tab["object_is_recipient"]),
        "break_words": _TableWords([w for w in tab["clause_breaks"] if w.isalpha()]),
        "blockers": set(tab["subject_blockers"]),
        "recipient": set(tab["recipient_markers"]),
        "passive_marker": {tab["passive_agent"]},
        "after_verb": set(tab["attribution"]["after_verb"]),
        "auxiliaries": set(tab["auxiliaries"]),
        "pronouns": tab["pronouns"],
        "condition_after": _TableWords(tab["condition_after"]),
        "according_to": _TableWords(tab["attribution"]["according_to"]),
        "coordination": set(tab["coordination"]),
        "before_verb": set(tab["attribution"]["before_verb"]),
        "speech_verbs": set(tab["attribution"]["after_verb"]) | set(tab["attribution"]["before_verb"]),
        "passive": tab["passive_agent"],
        "joiners": set(tab["actor_joiners"]),
        "verb_prefix": re.compile(rf"(?:{alternation(tab['verb_prefixes'])})", re.IGNORECASE),
        "active_prefix": re.compile(rf"(?:{alternation(tab['active_prefixes'])})", re.IGNORECASE),
        "passive_prefix": re.compile(rf"(?:{alternation(tab['passive_prefixes'])})", re.IGNORECASE),
        "speaker_clitics": re.compile(rf"\w(?:{alternation(tab['attribution']['speaker_clitics'])})$", re.IGNORECASE),
        "window": tab["windows"],
        "time_prepositions": set(tab["time_prepositions"]),
        "manner": set(tab["attribution"]["manner_words"]),
        "complementisers": {w for w in tab["clause_breaks"] if w.isalpha()},
        "fronted_openers": set(tab["fronted_time_openers"]),
        "perfect": set(tab["perfect_markers"]),
        "spoken": set(tab["spoken_types"]),
        "still": set(tab["still_cues"]),
        "title_words": {w.lower() for t in table(lang, "actors")["titles"] for w in re.findall(r"[\w-]+", t)},
        "future_refs": set(tab["future_refs"]),
        "bounds": set(tab["bound_words"]),
        "coordinator_before": re.compile(rf"(?<![\w-])(?:{alternation(tab['clause_coordinators'])})\s*$", re.IGNORECASE),
        "governors": frozenset(tab["subject_blockers"]) - set(tab["attribution"]["after_verb"])
        - set(tab["attribution"]["according_to"]),      # blockers that head a phrase, not a speech (kata X)
        "clause_verb_prefix": re.compile(rf"(?:{alternation(tab['clause_verb_prefixes'])})", re.IGNORECASE),
        "verb_words": {},                         # a word -> whether it is a verb, with and without auxiliaries (filled as met)
        "purpose": set(tab["purpose"]),
        "pointers": tuple(p + " " for p in tab["anaphoric"]),     # what a mention that points back is followed by
    }
    tables = list(rules["status"].values()) + [rules["break_words"], rules["condition_after"], rules["according_to"]]
    rules["table_words"] = frozenset().union(*(t.set for t in tables if t.set is not None))   # looked up per article
    rules["cue_order"] = tab["status_precedence"][2:]     # the statuses cue words before the trigger give
    rules["cue_rank"] = _cue_rank([rules["status"][status] for status in rules["cue_order"]])
    return rules


def _cue_rank(tables: list[_TableWords]) -> dict[str, int] | None:
    """A cue word -> the number of the first of ``tables`` it is in (the strongest status it gives),
    or ``None`` when a table is not read off the words (:class:`_TableWords`).

    >>> sorted(_cue_rank([_TableWords(["akan", "bakal"]), _TableWords(["sedang", "akan"])]).items())
    [('akan', 0), ('bakal', 0), ('sedang', 1)]
    """
    if any(t.set is None for t in tables):
        return None
    return {word: number for number, t in reversed(list(enumerate(tables))) for word in t.set}


def _first_letters(pattern: str) -> frozenset | None:
    r"""The letters every match of a trigger pattern begins with (one string per alternative), or ``None``
    when they cannot be read off the pattern (it then runs over the whole text): the pattern is tried
    only where a word of the text begins like one of them (:func:`_trigger_matches`).

    >>> sorted(_first_letters(r"mengatakan|kata|(?P<t>menyerahkan)(?=\s+draf)|kerja\s*sama|(?<!meja\s)perundingan"))
    ['kata', 'kerja', 'mengatakan', 'menyerahkan', 'perundingan']
    """
    branches, depth, current = [], 0, ""
    for i, ch in enumerate(pattern):             # the top-level alternatives
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch == "(" and not escaped:
            depth += 1
        elif ch == ")" and not escaped:
            depth -= 1
        if ch == "|" and depth == 0 and not escaped:
            branches.append(current)
            current = ""
        else:
            current += ch
    branches.append(current)
    out = set()
    for branch in branches:
        branch = re.sub(r"^(?:\(\?(?:P<\w+>|:)|\(\?<!\w+\\s\))+", "", branch)  # group openers, (?<!meja\s)
        if branch.startswith("("):
            inner = _first_letters(branch[1:branch.rfind(")")]) if branch.count("(") == branch.count(")") else None
            if inner is None:
                return None
            out |= inner
            continue
        m = re.match(r"[a-z]+(?![?*{])", branch, re.IGNORECASE)       # letters no quantifier makes optional
        if m is None or len(m.group(0)) < 2:
            return None
        out.add(m.group(0).lower())
    return frozenset(out)


def _trigger_keys(triggers: list) -> dict[str, tuple[int, ...]]:
    """The first letters of the trigger patterns (:func:`_first_letters`) -> the numbers of the patterns
    that begin with them."""
    keys: dict[str, list[int]] = {}
    for i, (_, _, _, first) in enumerate(triggers):
        for key in first or ():
            keys.setdefault(key, []).append(i)
    return {key: tuple(numbers) for key, numbers in keys.items()}


_WORDS_BETWEEN = re.compile(r"[\w-]+")
_TOKENS = re.compile(r"([\w-]+)")
_TOKEN_CHAR = re.compile(r"[\w-]")
_IN_WORD = re.compile(r"(?<=[\w-])[\w-]")    # matches at a place inside a word
_ASCII_WORD_BYTES = frozenset(b"-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")   # [\w-] in ASCII
_GAPS_BLANK = bytes(b if b in _ASCII_WORD_BYTES else 32 for b in range(256))     # each byte of a gap -> a space
_WORDS_BLANK = bytes(32 if b in _ASCII_WORD_BYTES else 120 for b in range(256))  # each of a word -> a space, of a gap -> x
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")     # letters, and letters joined by hyphens
_LOWERED_BY_CONTEXT = "\u03a3"     # the one letter str.lower() lowers by its neighbours (a final sigma)
_WORDS_KEPT = 1 << 18               # words whose lookups a table keeps, at most (then it starts afresh)
_NOT_LETTERS: dict[str, bool] = {}  # a word -> whether a character of it is not a letter (filled as met)


def _words_between(text: str, a: int, b: int) -> list[str]:
    return _WORDS_BETWEEN.findall(text[a:b].lower())


def _split_words(text: str) -> tuple[list[str], list[int], list[int]]:
    r"""The runs of ``[\w-]`` in ``text``, their starts and their ends (from ``_TOKENS.split``), or the
    same read off the text's bytes when no character outside ASCII in it is a word character
    (quotation marks and no-break spaces are not; ``é`` is): a byte a character, the words and the
    gaps between them split at spaces once the others are blanked (faster than the pattern).

    >>> _split_words("\u201cKami siap,\u201d kata\u00a0RT-5.")
    (['Kami', 'siap', 'kata', 'RT-5'], [1, 6, 13, 18], [5, 10, 17, 22])
    """
    if not text.isascii() and _TOKEN_CHAR.search("".join(non_ascii(text))):
        parts = _TOKENS.split(text)
        bounds = list(accumulate(map(len, parts)))    # pieces alternate: gap, word, gap, word, ..., gap
        return parts[1::2], bounds[0:-1:2], bounds[1::2]
    raw = text.encode("ascii", "replace")             # "?" for each character outside ASCII: a gap
    words = raw.translate(_GAPS_BLANK).decode("ascii").split()
    gaps = list(map(len, raw.translate(_WORDS_BLANK).split()))
    if not raw or raw[0] in _ASCII_WORD_BYTES:        # the gaps before the first word and after the last,
        gaps.insert(0, 0)                             # empty ones too
    if raw and raw[-1] in _ASCII_WORD_BYTES:
        gaps.append(0)
    lengths = [0] * (2 * len(words) + 1)
    lengths[0::2], lengths[1::2] = gaps, map(len, words)
    bounds = list(accumulate(lengths))
    return words, bounds[0:-1:2], bounds[1::2]


class _Words:
    r"""The words of a text (runs of ``[\w-]``), lowercase, with their offsets, tokenised once per article.

    :meth:`between` gives ``_words_between(text, a, b)`` by bisection instead of a scan of the slice;
    :meth:`letter_words` the words the root lexicon looks up. Lowercasing keeps every letter's class
    (word character, letter) in Unicode; when it changes the text's length or depends on a letter's
    neighbours, the offsets of the lowercase text are not the text's and both scan the text instead.
    ``plain``: also no letter that a case-insensitive pattern matches to another ASCII letter than its
    lowercase, so a table word (ASCII, case-insensitive) stands where a lowercase word is it.

    >>> text = "Kata Presiden, Senin (12/12)."
    >>> words = _Words(text)
    >>> words.between(0, 13), words.between(2, 8), words.between(21, 26)
    (['kata', 'presiden'], ['ta', 'pre'], ['12', '1'])
    >>> all(words.between(a, b) == _words_between(text, a, b) for a in range(-2, 32) for b in range(-2, 32))
    True
    """

    def __init__(self, text: str, looked_up: frozenset = frozenset()):
        self.text = text
        self.lower = lower = text.lower()
        self.aligned = len(lower) == len(text) and _LOWERED_BY_CONTEXT not in text
        self.plain = self.aligned and not folds_to_ascii(text)
        self.words, self.starts, self.ends = _split_words(lower) if self.aligned else ([], [], [])
        self.looked_up, self.places = looked_up, None  # the words where() is asked about, and their numbers
        self.found: dict[frozenset, list[int]] = {}    # words -> where()
        self.marks: tuple | None = None                # _marks(): (the rules, the records, the words marked)

    def between(self, a: int, b: int) -> list[str]:
        """The lowercase words of ``text[a:b]`` (a word the bounds cut is cut there too)."""
        if a < 0 or b < 0 or not self.aligned:
            return _words_between(self.text, a, b)
        starts, ends = self.starts, self.ends
        i = _bisect_right(ends, a)                    # the first word ending after a
        return self._cut(i, _bisect_left(starts, b, i), a, b)   # to past the last word starting before b

    def tail(self, a: int, b: int, n: int) -> list[str]:
        """``between(a, b)[-n:]``, the last ``n`` words, found back from the last word that starts before ``b``."""
        if a < 0 or b < 0 or not self.aligned or n < 1:
            return self.between(a, b)[-n:]
        starts, ends = self.starts, self.ends
        j = _bisect_left(starts, b)                   # past the last word starting before b
        i = j - n if j > n else 0
        if i < j and ends[i] <= a:                    # fewer than n words end after a: from the first that does
            i = _bisect_right(ends, a, i, j)
        return self._cut(i, j, a, b)

    def _cut(self, i: int, j: int, a: int, b: int) -> list[str]:
        """Words ``i`` to ``j`` (end-exclusive), the first cut at ``a`` and the last at ``b`` where they reach over."""
        starts, ends = self.starts, self.ends
        if i >= j or a >= b:
            return []
        out = self.words[i:j]
        if starts[i] < a:
            out[0] = self.lower[a:min(b, ends[i])]
        if ends[j - 1] > b:
            out[-1] = self.lower[max(a, starts[j - 1]):b]
        return out

    def begun(self, a: int, b: int) -> list[str]:
        """The lowercase words that begin in ``[a, b)``, the last cut at ``b``: the words a pattern that
        starts and ends at word bounds sees, searched from ``a`` in a text that ends at ``b``."""
        i = _bisect_left(self.starts, a)
        j = _bisect_left(self.starts, b, i)
        out = self.words[i:j]
        if out and self.ends[j - 1] > b:
            out[-1] = self.lower[self.starts[j - 1]:b]
        return out

    def where(self, words: frozenset) -> list[int]:
        """The numbers of the text's words that are in ``words``, found once per article (one pass over
        the text for all the words ``looked_up``)."""
        out = self.found.get(words)
        if out is None:
            if words <= self.looked_up:
                if self.places is None:
                    self.places = list(itertools.compress(itertools.count(), map(self.looked_up.__contains__,
                                                                                 self.words)))
                at_places = map(self.words.__getitem__, self.places)
                out = list(itertools.compress(self.places, map(words.__contains__, at_places)))
            else:
                out = list(itertools.compress(itertools.count(), map(words.__contains__, self.words)))
            self.found[words] = out
        return out

    def letter_words(self) -> tuple[list[str], list[int], list[int]]:
        """The matches of ``_WORD`` in the text, lowercase, their starts and their ends: a word of letters
        alone is one, the others (with digits, hyphens, underscores) hold zero or more."""
        if not self.aligned:
            found = list(_WORD.finditer(self.text))
            return [m.group().lower() for m in found], [m.start() for m in found], [m.end() for m in found]
        if len(_NOT_LETTERS) > _WORDS_KEPT:
            _NOT_LETTERS.clear()
        try:
            others = list(itertools.compress(itertools.count(), map(_NOT_LETTERS.__getitem__, self.words)))
        except KeyError:                          # words met for the first time
            _NOT_LETTERS.update((word, not word.isalpha()) for word in self.words)
            others = list(itertools.compress(itertools.count(), map(_NOT_LETTERS.__getitem__, self.words)))
        if not others:
            return self.words, self.starts, self.ends
        words, starts, ends = [], [], []
        done = 0
        for k in others:
            words += self.words[done:k]
            starts += self.starts[done:k]
            ends += self.ends[done:k]
            done = k + 1
            if self.words[k].isdecimal():         # digits alone (\d) hold no letter
                continue
            for m in _WORD.finditer(self.lower, self.starts[k], self.ends[k]):
                words.append(m.group())
                starts.append(m.start())
                ends.append(m.end())
        return words + self.words[done:], starts + self.starts[done:], ends + self.ends[done:]


class _TableWords:
    r"""Words of a table as the case-insensitive pattern ``(?<![\w-])(?:word|...)(?![\w-])`` and where
    it matches in ``text[a:b]`` (searched from ``a``, the text ending at ``b``), read off the article's
    words (:class:`_Words`) when the text is ``plain`` and every table word is one ASCII word: a match
    is then a word that begins in ``[a, b)`` and is one of them (the last cut at ``b``); else searched.

    >>> cues, text = _TableWords(["akan", "Bakal"]), "Ia bakal datang, akan-akan tidak; AKAN"
    >>> words = _Words(text)
    >>> cues.spans(words, 0, len(text)), cues.found(words, 4, 36)
    ([(3, 8), (34, 38)], False)
    >>> all(cues.spans(words, a, b) == [m.span() for m in cues.pattern.finditer(text, a, b)]
    ...     and cues.found(words, a, b) == bool(cues.pattern.search(text, a, b)) for a in range(-1, 40) for b in range(-1, 40))
    True
    """

    def __init__(self, words):
        words = list(words)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE)
        self.set = frozenset(w.lower() for w in words) \
            if words and all(w.isascii() and _WORDS_BETWEEN.fullmatch(w) for w in words) else None

    def spans(self, tokens: _Words, a: int, b: int, first: bool = False) -> list[tuple[int, int]]:
        """The spans of the matches (only the first, when ``first``), as ``pattern.finditer(text, a, b)``."""
        if self.set is None or not tokens.plain or a < 0 or b < 0:
            return [m.span() for m in itertools.islice(self.pattern.finditer(tokens.text, a, b), 1 if first else None)]
        found, cut = self._matches(tokens, a, b)
        spans = [(tokens.starts[k], tokens.ends[k]) for k in found[:1 if first else None]]
        if cut is not None and not (first and spans):
            spans.append((tokens.starts[cut], b))
        return spans

    def found(self, tokens: _Words, a: int, b: int, begun: list[str] | None = None) -> bool:
        """Whether one of the words stands in ``text[a:b]`` (``pattern.search(text, a, b)``); ``begun``:
        ``tokens.begun(a, b)``, when several tables are asked about the same stretch."""
        if self.set is None or not tokens.plain or a < 0 or b < 0:
            return self.pattern.search(tokens.text, a, b) is not None
        if begun is not None:
            return not self.set.isdisjoint(begun)
        i = _bisect_left(tokens.starts, a)
        last = _bisect_left(tokens.starts, b, i) - 1     # the last word that begins before b
        if last < i:
            return False
        hits = tokens.where(self.set)
        lo = _bisect_left(hits, i)
        first = hits[lo] if lo < len(hits) else None
        if first is not None and first < last:
            return True
        if tokens.ends[last] <= b:
            return first == last
        return tokens.lower[tokens.starts[last]:b] in self.set        # cut at b: what is left of it

    def _matches(self, tokens: _Words, a: int, b: int) -> tuple[list[int], int | None]:
        """The numbers of the words that begin in ``[a, b)``, end by ``b`` and are table words, and the
        number of the word ``b`` cuts when what is left of it is one (else ``None``)."""
        hits = tokens.where(self.set)
        i = _bisect_left(tokens.starts, a)
        j = _bisect_left(tokens.starts, b, i)
        lo = _bisect_left(hits, i)
        found = hits[lo:_bisect_left(hits, j, lo)]
        if j > i and tokens.ends[j - 1] > b:      # the last word is cut at b
            if found and found[-1] == j - 1:
                found.pop()
            return found, (j - 1 if tokens.lower[tokens.starts[j - 1]:b] in self.set else None)
        return found, None


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> dict:
    """The root lexicon of ``event_roots.json``, ready for :func:`lib.morphology.root_of`."""
    tab = table(lang, "event_roots")
    roots = {r["root"]: dict(r, near=frozenset(r["near"])) if "near" in r else r for r in tab["roots"] if "root" in r}
    blocked = {r["root"] for r in tab["not_events"] if "root" in r}
    phrases = sorted([(tuple(r["phrase"].lower().split()), r) for r in tab["roots"] if "phrase" in r]
                     + [(tuple(r["phrase"].lower().split()), None) for r in tab["not_events"] if "phrase" in r],
                     key=lambda p: -len(p[0]))
    by_first: dict[str, list] = {}
    for words, entry in phrases:
        by_first.setdefault(words[0], []).append((words, entry))
    lexicon = frozenset(roots) | frozenset(blocked)
    whole_words = frozenset(r["word"] for r in tab["not_events"] if "word" in r)
    return {"roots": roots, "lexicon": lexicon, "phrases": by_first,
            "root_of": root_finder(lexicon, lang, whole_words=whole_words),   # root_of(word, lexicon, ...), cached per word
            "affixed_only": frozenset(k for k, r in roots.items() if r.get("affixed_only")),
            "whole_words": whole_words,
            "near_reach": tab["near_reach"], "after_quote": re.compile(tab["after_quote"]),
            "can_trigger": {},                    # word -> whether it can give a trigger (filled as met)
            "readings": {},                       # word -> _reading (filled as met)
            "cues": frozenset(w.lower() for key in ("status_cues",) for ws in table(lang, "events")[key].values() for w in ws)
            | frozenset(w.lower() for w in table(lang, "events")["auxiliaries"])}


def _is(word: str, root: str, lang: str) -> bool:
    """Whether ``word`` is ``root`` or has it among its roots."""
    return word == root or root in candidate_roots(word, lang)


def _reading(lex: dict, word: str) -> tuple[list | None, dict | None, bool]:
    """What the lexicon gives a lowercase letter word: the phrases that begin with it, the entry of its root
    (none for a cue word), and whether it is a root that gives a trigger only with an affix, bare."""
    root = None if word in lex["cues"] else lex["root_of"](word)
    entry = lex["roots"].get(root)
    return lex["phrases"].get(word), entry, entry is not None and root in lex["affixed_only"] and word == root


def _can_trigger(lex: dict, word: str) -> bool:
    """Whether a lowercase letter word can give a trigger: a phrase starts with it, or its root is in the
    lexicon (cue words never are): its :func:`_reading` has phrases or an entry."""
    options, entry, _ = _reading(lex, word)
    return options is not None or entry is not None


def _letter_hits(lang: str, tokens: _Words) -> tuple[list[str], list[int], list[int], list[int]]:
    """The letter words (:meth:`_Words.letter_words`), their starts and ends, and the numbers of those that
    can give a trigger (:func:`_can_trigger`): read off the words' records (:func:`_marks`) when the text is
    ``aligned``, else looked up one by one."""
    lex = _lexicon(lang)
    if tokens.aligned:
        records, marked = _marks(_rules(lang), tokens)
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        out_words, out_starts, out_ends, hits = [], [], [], []
        done = 0                              # the words copied so far
        for k in marked:
            _, letters, lexical, _ = records[k]
            if letters is None:               # letters alone: the word is its one letter word
                if lexical:
                    hits.append(len(out_words) + k - done)
                continue
            out_words += words[done:k]
            out_starts += starts[done:k]
            out_ends += ends[done:k]
            done = k + 1
            at = starts[k]
            for word, a, b, can in letters:
                if can:
                    hits.append(len(out_words))
                out_words.append(word)
                out_starts.append(at + a)
                out_ends.append(at + b)
        if not done:
            return words, starts, ends, hits
        return out_words + words[done:], out_starts + starts[done:], out_ends + ends[done:], hits
    words, starts, ends = tokens.letter_words()
    known = lex["can_trigger"]
    if len(known) > _WORDS_KEPT:
        known.clear()
    try:
        flags = list(map(known.__getitem__, words))
    except KeyError:                          # words met for the first time
        for word in itertools.filterfalse(known.__contains__, words):
            known[word] = _can_trigger(lex, word)
        flags = list(map(known.__getitem__, words))
    return words, starts, ends, list(itertools.compress(itertools.count(), flags))


def _lexicon_triggers(text: str, lang: str, occupied: bytearray, tokens: _Words) -> list[tuple[int, int, str, str]]:
    """Triggers found by their root (``ditangkap``, ``penggeledahan``) or as a phrase (``konferensi pers``)."""
    lex = _lexicon(lang)
    words, starts, ends, hits = _letter_hits(lang, tokens)
    readings = lex["readings"]
    if len(readings) > _WORDS_KEPT:
        readings.clear()
    found, i = [], 0
    for k in hits:
        if k < i:
            continue
        i = k
        start, end = starts[i], ends[i]
        if occupied.find(1, start, end) >= 0:
            i += 1
            continue
        reading = readings.get(words[i])
        if reading is None:
            reading = readings[words[i]] = _reading(lex, words[i])
        options, entry, bare = reading
        phrase = options and next(((names, entry) for names, entry in options if len(names) <= len(words) - i
                                   and all(_is(w, n, lang) for w, n in zip(words[i:i + len(names)], names))), None)
        if phrase:
            names, entry = phrase
            last = ends[i + len(names) - 1]
            if entry is not None and occupied.find(1, start, last) < 0:
                found.append((start, last, entry["type"], entry.get("mode")))
            occupied[start:last] = b"\x01" * (last - start)
            i += len(names)
            continue
        if bare and not (entry["type"] == "STATEMENT" and lex["after_quote"].search(text, max(0, start - 4), start)):
            entry = None                       # tegas (firm), but ", tegas Menteri" after a quotation is said
        if entry is not None and "near" in entry:
            window = words[max(0, i - lex["near_reach"]):i + lex["near_reach"] + 1]
            if all(entry["near"].isdisjoint(candidate_roots(w, lang)) for w in window):   # _is(w, n) for none
                entry = None
        if entry is not None:
            found.append((start, end, entry["type"], entry.get("mode")))
        i += 1
    return found


def find_triggers(text: str, lang: str = "id", exclude: list[tuple[int, int]] = (),
                  tokens: _Words | None = None) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, mode)`` of every trigger, no overlaps: the patterns of ``events.json`` first (in
    table order), then every word whose root, under the language's affixes, is in ``event_roots.json``.
    ``tokens``: the text's words, when already tokenised."""
    tokens = tokens or _Words(text)
    occupied = bytearray(len(text) + 1)
    for s, e in exclude:
        occupied[s:e] = b"\x01" * (e - s)
    found = []
    rules = _rules(lang)
    for (type_, mode, regex, _), matches in zip(rules["triggers"], _trigger_matches(rules, tokens)):
        for m in matches:
            start, end = (m.start("t"), m.end("t")) if "t" in regex.groupindex and m.group("t") else (m.start(), m.end())
            if occupied.find(1, m.start(), m.end()) >= 0:
                continue
            occupied[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append((start, end, type_, mode))
    found.extend(_lexicon_triggers(text, lang, occupied, tokens))
    return sorted(found)


def _word_record(rules: dict, word: str) -> tuple | None:
    r"""What the trigger search needs to know of a lowercase word of a text (a run of ``[\w-]``): ``None`` for
    a word of letters alone that no trigger pattern may match at, that gives no trigger by its root and is
    not among ``table_words``; else ``(patterns, letters, lexical, table)``: the numbers of the patterns whose
    first letters begin it; ``None`` when it is letters alone (it is its own letter word), else its letter
    words (``_WORD``'s matches in it) as ``(word, start, end, can trigger)`` with offsets within it;
    whether it, or one of its letter words, can give a trigger (:func:`_can_trigger`); whether it is a
    table word."""
    keys, lex, longest = rules["trigger_keys"], _lexicon(rules["lang"]), rules["longest_key"]
    patterns = tuple(i for j in range(1, min(len(word), longest) + 1) for i in keys.get(word[:j], ()))
    if word.isalpha():
        letters, lexical = None, _can_trigger(lex, word)
    else:
        letters = tuple((m.group(), m.start(), m.end(), _can_trigger(lex, m.group())) for m in _WORD.finditer(word))
        lexical = any(can for _, _, _, can in letters)
    table_word = word in rules["table_words"]
    if not patterns and letters is None and not lexical and not table_word:
        return None
    return patterns, letters, lexical, table_word


def _marks(rules: dict, tokens: _Words) -> tuple[list[tuple | None], list[int]]:
    """The records of the text's words (:func:`_word_record`, one lookup per word, filled as words are met)
    and the numbers of the words that have one; found once per article. When ``tokens`` looks up the
    table words, their places (:meth:`_Words.where`) are read off the same records."""
    if tokens.marks is not None and tokens.marks[0] is rules:
        return tokens.marks[1], tokens.marks[2]
    known = rules["word_records"]
    if len(known) > _WORDS_KEPT:
        known.clear()
    try:
        records = list(map(known.__getitem__, tokens.words))
    except KeyError:                          # words met for the first time
        for word in itertools.filterfalse(known.__contains__, tokens.words):
            known[word] = _word_record(rules, word)
        records = list(map(known.__getitem__, tokens.words))
    marked = list(itertools.compress(itertools.count(), records))
    tokens.marks = rules, records, marked
    if tokens.places is None and tokens.looked_up is rules["table_words"]:
        tokens.places = [k for k in marked if records[k][3]]
    return records, marked


def _trigger_matches(rules: dict, tokens: _Words) -> list[list[re.Match]]:
    r"""Each trigger pattern's matches, as ``list(pattern.finditer(text))``, but a pattern whose first
    letters are known is tried only at the words that begin with them (:func:`_marks`), left to right past
    its last match (every pattern starts at a word's start, ``(?<![\w-])``, with letters in any case)."""
    text, triggers = tokens.text, rules["triggers"]
    if not tokens.plain:
        return [list(regex.finditer(text)) for _, _, regex, _ in triggers]
    records, marked = _marks(rules, tokens)
    at: list[list[int]] = [[] for _ in triggers]      # per pattern, the starts of the words it may match at
    for k in [k for k in marked if records[k][0]]:
        for i in records[k][0]:
            at[i].append(tokens.starts[k])
    out = []
    for (_, _, regex, first), starts in zip(triggers, at):
        if first is None:
            out.append(list(regex.finditer(text)))
            continue
        found, pos = [], 0
        for start in starts:
            if start >= pos and (m := regex.match(text, start)) is not None:
                found.append(m)
                pos = m.end() if m.end() > start else start + 1
        out.append(found)
    return out


_PUNCTUATION_BREAKS = ",;:"


def _breaks_in(ctx: "_Context", a: int, b: int) -> tuple[list[int], list[int]]:
    """The starts and the ends of the clause breaks in ``text[a:b]`` (a comma, a semicolon, a colon, a word of
    ``clause_breaks``), none inside a time expression."""
    breaks = sorted([(i, i + 1) for i in places(ctx.text, _PUNCTUATION_BREAKS, a, b)]
                    + ctx.rules["break_words"].spans(ctx.tokens, a, b))
    break_starts, break_ends = [start for start, _ in breaks], [end for _, end in breaks]
    starts = ctx.timex_starts
    before_end = _bisect_left(starts, b)          # the time expressions that start before b
    if not before_end or ctx.timex_reach[before_end - 1] <= a:      # none reaches into the stretch
        return break_starts, break_ends
    # a break is inside the time expression that starts last at or before it, when that one reaches past it:
    # the breaks that start from a time expression's start to its end (or to where the next one starts)
    out_starts, out_ends, done = [], [], 0
    for k in range(before_end):
        following = starts[k + 1] if k + 1 < len(starts) else None
        if following == starts[k]:
            continue                              # the next one starts there too: it decides
        end = ctx.timex_spans[k][1] if following is None else min(ctx.timex_spans[k][1], following)
        i = _bisect_left(break_starts, starts[k], done)
        j = _bisect_left(break_starts, end, i)
        if i < j:
            out_starts += break_starts[done:i]
            out_ends += break_ends[done:i]
            done = j
    return out_starts + break_starts[done:], out_ends + break_ends[done:]


class _Context:
    """What the rules read of one article, computed once: its words (:class:`_Words`), the actor
    mentions and time expressions sorted by offset, the sentences, lines, quotations and, per
    sentence, the clause breaks; the questions asked per trigger are answered by bisection (the
    mentions or times of a stretch are a slice of them when none that starts in it ends past it)."""

    def __init__(self, text, sentences, mentions, timexes, lang):
        self.text, self.sentences, self.lang = text, sentences, lang
        self.rules = _rules(lang)
        self.tokens = _Words(text, self.rules["table_words"])
        self.words = self.tokens.between          # words(a, b): the lowercase words of text[a:b]
        self.window = self.rules["window"]
        mentions = _Spans([m for m in _rows(mentions) if m["how"] not in NOT_PARTICIPANTS])
        self.mentions, self.mention_starts, self.mention_reach = mentions.rows, mentions.starts, mentions.reach
        self.mentions_in = mentions.inside        # mentions_in(a, b): the actor mentions inside [a, b)
        timexes = _Spans([t for t in _rows(timexes) if t["type"] in ("DATE", "TIME") and isinstance(t["value"], str)])
        self.timexes, self.timex_starts, self.timex_reach = timexes.rows, timexes.starts, timexes.reach
        self.timexes_in = timexes.inside          # timexes_in(a, b): the time expressions inside [a, b)
        self.newlines = places(text, "\n")
        self.starts = list(map(operator.itemgetter(0), sentences))
        self.timex_spans = [(t["start"], t["end"]) for t in self.timexes]
        self.article_breaks: tuple[list[int], list[int]] | None = None   # see clause()
        self.breaks: dict[tuple[int, int], tuple[list[int], list[int], int, int]] = {}   # per sentence
        self.line_quotes: dict[int, list[tuple[int, int]]] = {}   # per line asked about, its quotations
        self.sentence_not_dating: dict[tuple[int, int], set[str]] = {}   # see not_dating()
        self.triggers, self.trigger_starts, self.trigger_ends = [], [], []   # (start, end, type, mode) of each, their
        # starts and ends: set by event_rows once found

    def not_dating(self, sentence: tuple[int, int]) -> set[str]:
        """The ids of the time expressions of ``sentence`` that date no event of another clause: vague
        references and those a bound word opens (found when an event of the sentence first looks past its clause)."""
        found = self.sentence_not_dating.get(sentence)
        if found is None:
            bounds = self.rules["bounds"]
            found = self.sentence_not_dating[sentence] = {
                t["id"] for t in self.timexes_in(*sentence) if not isinstance(t["range_start"], str)
                or set(self.tokens.tail(max(0, t["start"] - self.window["preposition"]), t["start"], 1)) & bounds}
        return found

    def trigger_between(self, a: int, b: int) -> bool:
        """Whether an event trigger lies inside ``[a, b)``."""
        i = _bisect_left(self.trigger_starts, a)
        return i < len(self.triggers) and self.triggers[i][1] <= b

    def trigger_before(self, pos: int, exclude: int) -> tuple[int, int, str, str] | None:
        """The event trigger (start, end, type, mode) other than the one at ``exclude`` that ends right before
        ``pos`` (``serangan 7 Oktober``)."""
        i = _bisect_right(self.trigger_ends, pos) - 1
        while i >= 0 and self.triggers[i][0] == exclude:
            i -= 1
        if i < 0:
            return None
        gap = self.words(self.triggers[i][1], pos)
        return self.triggers[i] if self.triggers[i][1] <= pos and not gap else None

    def clause(self, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
        """The clause around ``[start, end)``: between the clause breaks of its sentence (:func:`_breaks_in`)
        before and after it. The breaks are found once per article, and a sentence's are a stretch of
        them, unless its end cuts a word (a word of ``clause_breaks`` may then end there)."""
        found = self.breaks.get(sentence)
        if found is None:
            s, e = sentence
            if self.cuts_word(e):
                found = _breaks_in(self, s, e)
                found = (*found, 0, len(found[0]))
            else:
                if self.article_breaks is None:
                    self.article_breaks = _breaks_in(self, 0, len(self.text))
                starts, ends = self.article_breaks
                lo = _bisect_left(starts, s)
                found = (starts, ends, lo, _bisect_left(starts, e, lo))
            self.breaks[sentence] = found
        starts, ends, lo, hi = found
        i = _bisect_right(ends, start, lo, hi)      # the breaks that end before the trigger
        j = _bisect_left(starts, end, lo, hi)       # the first one that starts after it
        return (ends[i - 1] if i > lo else sentence[0]), (starts[j] if j < hi else sentence[1])

    def cuts_word(self, pos: int) -> bool:
        """Whether ``pos`` falls inside a word (between two word characters)."""
        return _IN_WORD.match(self.text, pos) is not None

    def sentence(self, pos):
        i = max(0, _bisect_right(self.starts, pos) - 1)
        return i, self.sentences[i] if self.sentences else (0, len(self.text))

    def paragraph(self, pos):
        """The number of the line ``pos`` is on."""
        return _bisect_left(self.newlines, pos)


class _Spans:
    """Rows with ``start`` and ``end`` sorted by ``start`` (a stable sort: rows in text order stay as they are), their
    starts, and the furthest end so far (``reach``), for :meth:`inside`."""

    __slots__ = ("rows", "starts", "reach")

    def __init__(self, rows: list[dict]):
        self.rows = sorted(rows, key=_START)
        self.starts = list(map(_START, self.rows))
        ends = list(map(_END, self.rows))
        # the furthest end so far: the ends themselves when they run in order (no row holds a later one)
        self.reach = ends if ends == sorted(ends) else list(accumulate(ends, max))

    def inside(self, a: int, b: int) -> list[dict]:
        """The rows inside ``[a, b)``: those that start in it (a slice of them, by bisection), less any that ends
        past ``b``."""
        starts = self.starts
        lo = _bisect_left(starts, a)
        hi = _bisect_left(starts, b, lo)
        if hi <= lo:
            return []
        if self.reach[hi - 1] <= b:               # none of them ends past b
            return self.rows[lo:hi]
        return [row for row in self.rows[lo:hi] if row["end"] <= b]


_PUNCTUATION = re.compile(r"[,.;:]")
_STOPS = re.compile(r"[.;:]")
_PHRASE_BOUNDS = re.compile(r"[,;:.()\"]")
_COMMA = re.compile(r"\s*,\s*")
_BRACKET = re.compile(r"\s*\(\s*")


def _ids(mention: dict) -> list[str]:
    return mention["actor"].split(";")


def _subject(ctx: _Context, clause, start) -> list[dict]:
    """The nearest mention before the trigger in its clause that no preposition governs, with its ``dan`` partners."""
    before = ctx.mentions_in(clause[0], start)
    for i in range(len(before) - 1, -1, -1):
        m = before[i]
        words = ctx.tokens.tail(max(clause[0], m["start"] - ctx.window["preposition"]), m["start"], 1)
        if words and words[-1] in ctx.rules["blockers"]:
            continue
        chain = [m]
        j = i - 1
        while j >= 0 and len(joined := ctx.words(before[j]["end"], chain[0]["start"])) == 1 \
                and joined[0] in ctx.rules["joiners"]:
            chain.insert(0, before[j])
            j -= 1
        return chain
    return []


def _after(ctx: _Context, end, following: list[dict], markers: set | None = None) -> dict | None:
    """The first mention after ``end`` in its clause (within the ``after`` window), after one of ``markers`` (a set)
    when given; ``following``: the mentions after ``end`` in the clause (``ctx.mentions_in(end, clause_end)``)."""
    for m in following:
        if m["start"] - end > ctx.window["after"]:
            break
        words = ctx.words(end, m["start"])
        if markers is None:
            if ctx.rules["title_words"].issuperset(words):     # kunjungan Raja Abdullah II: past a title
                return m
            if not ctx.rules["title_words"].issuperset(words[:-1]):
                break                  # a word before it, no title, stands before every later mention too
            continue
        if not markers.isdisjoint(words):      # the first person of the run of mentions it begins, else it
            return next((x for x in ctx.mentions_in(m["start"], m["start"] + ctx.window["after"])
                         if x["kind"] == "person" and not _PUNCTUATION.search(ctx.text, m["start"], x["start"])), m)
    return None


def _speaker(ctx: _Context, start, end, sentence, previous_speaker) -> dict | None:
    """Who says it: ``kata X`` (the person after), ``X mengatakan`` (the mention just before)."""
    word = ctx.text[start:end].lower().split()[0]
    if ctx.rules["speaker_clitics"].search(word) and previous_speaker is not None:
        return previous_speaker              # ujarnya, pungkasnya: the speaker of the quotation before
    if word in ctx.rules["after_verb"]:
        following = ctx.words(end, min(sentence[1], end + ctx.window["preposition"]))
        if following and ctx.rules["pronouns"].get(following[0]) == "speaker":   # kata dia: who spoke before, or next
            return previous_speaker or _next_person(ctx, end)
        after = [m for m in ctx.mentions_in(end, sentence[1]) if m["start"] - end < ctx.window["speaker_after"]]
        return next((m for m in after if m["kind"] == "person"), after[0] if after else None)   # a person first
    before_words = ctx.tokens.tail(max(sentence[0], start - ctx.window["preposition"]), start, 1)
    if before_words and ctx.rules["pronouns"].get(before_words[-1]) == "speaker":
        return previous_speaker
    found = _named_before_verb(ctx, start, sentence)
    if found is not None:
        return found
    if word in ctx.rules["before_verb"]:         # Seorang sumber yang mengerti ... mengungkapkan: the sentence's subject
        subject = _subject(ctx, (sentence[0], start), start)
        if subject and subject[0]["start"] - sentence[0] <= ctx.window["sentence_subject"] \
                and not _STOPS.search(ctx.text, subject[0]["end"], start):
            return subject[0]
    return None


def _named_before_verb(ctx: _Context, start: int, sentence) -> dict | None:
    """The speaker named right before a speech verb: the mention just before it (with only
    auxiliaries between, or set off by commas), past a phrase a preposition opens (``X dari divisi
    hukum Y (Z) mengatakan``: X), else, when no head is named, the organisation after the preposition
    (``Hasil audit dari Inspektorat ... mengonfirmasi``). A name and its alias in brackets count as one."""
    before = []
    for m in ctx.mentions_in(sentence[0], start):
        if before and _bracketed_alias(ctx, before[-1], m):
            before[-1] = dict(before[-1], end=m["end"] + 1)
        else:
            before.append(m)
    reach = ctx.window["speaker_phrase_words"]
    fallback = None
    for i in range(len(before) - 1, -1, -1):
        m = before[i]
        governed = _governed(ctx, m, reach)       # asked once a mention (the loop goes on past a governed one only)
        if i + 1 < len(before):                   # the mention after it is governed (X dari divisi hukum Y)
            words = ctx.words(m["end"], before[i + 1]["start"])
            tail = ctx.words(before[i + 1]["end"], start)
            ok = words and words[0] in ctx.rules["blockers"] and len(words) <= reach \
                and not _PUNCTUATION.search(ctx.text, m["end"], start) and ctx.rules["auxiliaries"].issuperset(tail)
        else:
            words = ctx.words(m["end"], start)
            ok = ctx.rules["auxiliaries"].issuperset(words) and not governed and (
                not _PUNCTUATION.search(ctx.text, m["end"], start) or _apposition(ctx, m, start))
        if ok:
            return m
        if not governed:
            break
        if i == len(before) - 1 and not _PUNCTUATION.search(ctx.text, m["end"], start) \
                and ctx.rules["auxiliaries"].issuperset(words):
            fallback = m
    if fallback is not None and not _speaker_head_before(ctx, fallback, sentence):
        return fallback
    return None


def _speaker_head_before(ctx: _Context, governed: dict, sentence) -> bool:
    """Whether a mention heads the phrase whose preposition governs ``governed`` (then that one spoke)."""
    before = _PHRASE_BOUNDS.split(ctx.text[sentence[0]:governed["start"]])[-1]
    return bool(ctx.mentions_in(governed["start"] - len(before), governed["start"]))


def _last_person(ctx: _Context, pos: int) -> dict | None:
    """The person named last before ``pos``, within the pronoun's reach (in paragraphs)."""
    paragraph = ctx.paragraph(pos)
    first = max(0, paragraph - ctx.window["pronoun_paragraphs"])
    start = ctx.newlines[first - 1] + 1 if first else 0
    for m in reversed(ctx.mentions_in(start, pos)):
        if m["kind"] == "person" and ";" not in m["actor"] and not _governed(ctx, m) and m["how"] not in UNNAMED:
            return m
    return None


def _coordinated(ctx: _Context, clause: tuple[int, int]) -> bool:
    """Whether the clause opens with a coordinating word (``X diperiksa pada Senin tetapi tidak ditahan``)."""
    return bool(ctx.rules["coordinator_before"].search(ctx.text[max(0, clause[0] - ctx.window["clause_opener"]):clause[0]]))


def _apposition(ctx: _Context, mention: dict, start: int) -> bool:
    """Whether ``mention`` stands between commas right before ``start`` (``Ketua X, Ronny, meminta``)."""
    return bool(_COMMA.fullmatch(ctx.text, mention["end"], start)) \
        and ctx.text[:mention["start"]].rstrip().endswith(",")


def _apposition_before(ctx: _Context, sentence, clause_start: int) -> dict | None:
    """The person or organisation set off by commas just before the clause at ``clause_start``."""
    before = ctx.mentions_in(sentence[0], clause_start)
    if before and before[-1]["kind"] in ("person", "organization") and _apposition(ctx, before[-1], clause_start):
        return before[-1]
    return None


def _governed(ctx: _Context, mention: dict, reach: int = 1) -> bool:
    """Whether a preposition governs ``mention`` (``oleh X``, ``kepada X``, ``dari divisi hukum X``): one
    of the ``reach`` words before it, with no punctuation between; then it is not a subject."""
    if reach == 1:
        words = ctx.tokens.tail(max(0, mention["start"] - ctx.window["preposition"]), mention["start"], 1)
        return bool(words) and words[-1] in ctx.rules["blockers"]
    before = _PHRASE_BOUNDS.split(ctx.text[max(0, mention["start"] - ctx.window["speaker_phrase"]):mention["start"]])[-1]
    return not ctx.rules["governors"].isdisjoint(_WORDS_BETWEEN.findall(before.lower())[-reach:])


def _bracketed_alias(ctx: _Context, name: dict, alias: dict) -> bool:
    """Whether ``alias`` is in brackets right after ``name`` (``Koalisi Ojol Nasional (KON)``)."""
    return bool(_BRACKET.fullmatch(ctx.text, name["end"], alias["start"])) \
        and ctx.text[alias["end"]:alias["end"] + 1] == ")"


def _next_person(ctx: _Context, end: int) -> dict | None:
    """The first person named after ``end`` in its paragraph (a speaker the text names after quoting him)."""
    for m in ctx.mentions_in(end, end_of_line(ctx.text, end)):
        if m["kind"] == "person" and ";" not in m["actor"]:
            return m
    return None


def _status(ctx: _Context, clause, start, end, value_after_dct, statement=False, sentence_start=None) -> tuple[str, bool]:
    """The status from cue words, and whether a cue decided it (``False``: the default from the date);
    ``sentence_start``: where the trigger's sentence starts, when known."""
    rules, tokens = ctx.rules, ctx.tokens
    if not rules["negated"].isdisjoint(tokens.tail(clause[0], start, rules["negation_reach"])):
        return "negated", True
    if sentence_start is None:
        sentence_start = ctx.sentence(start)[1][0]
    window = max(sentence_start, clause[0] - ctx.window["clause_opener"])   # and the word opening it
    cues, begun = rules["status"], tokens.begun(window, start)
    if not statement:
        conditional = cues["conditional"]
        if conditional.set is not None and tokens.plain and window >= 0 and start >= 0:   # as found() with begun
            before = not conditional.set.isdisjoint(begun)
        else:
            before = conditional.found(tokens, window, start, begun)
        if before or rules["condition_after"].found(tokens, end, clause[1]):
            return "conditional", True
    rank = rules["cue_rank"]
    if rank is not None and tokens.plain:         # the cue words among the words begun: the strongest one's
        hits = rank.keys() & begun
        if hits:
            return rules["cue_order"][min(map(rank.__getitem__, hits))], True
    else:
        for status in rules["cue_order"]:
            if cues[status].found(tokens, window, start, begun):
                return status, True
    return ("planned" if value_after_dct else "occurred"), False


def _nearest_timex(ctx: _Context, a, b, start, end, skip=()) -> dict | None:
    """The time expression in ``[a, b)`` nearest the trigger; of two side by side where one lies
    within the other (``Kamis (29/8) pekan lalu``), the finer."""
    inside = ctx.timexes_in(a, b)
    if skip:
        inside = [t for t in inside if t["id"] not in skip]
    if len(inside) < 2:                           # none, or the one
        return inside[0] if inside else None
    best = min(inside, key=lambda t: min(abs(t["start"] - end), abs(start - t["end"])))
    for t in inside:
        if t is not best and _ranged(t) and _ranged(best) and best["range_start"] <= t["range_start"] \
                and t["range_end"] <= best["range_end"] and (t["range_start"], t["range_end"]) != (best["range_start"], best["range_end"]) \
                and not ctx.text[min(t["end"], best["end"]):max(t["start"], best["start"])].strip(" ,"):   # side by side
            return t
    return best


def _owned_by_others(ctx: _Context, start: int, end: int, clause: tuple[int, int]) -> set[str]:
    """The ids of the clause's time expressions that belong to another word: vague references
    (they date statements only); after the trigger with a verb between (``gencatan senjata berakhir
    pada 9 Mei``: the end, not the truce); before it with another trigger between; or right
    after another event noun (``menuduh X sebagai dalang serangan 7 Oktober``: the attack's day)."""
    owned = set()
    for t in ctx.timexes_in(clause[0], clause[1]):
        if not _ranged(t):                        # nanti, saat itu: vague words date statements only
            owned.add(t["id"])
        elif t["start"] >= end and _verb_between(ctx, end, t["start"], auxiliaries=False):
            owned.add(t["id"])
        elif t["end"] <= start and ctx.trigger_between(t["end"], start):   # berkumpul pada 19 Desember untuk
            owned.add(t["id"])                                             # membahas ... gencatan: the meeting's
        elif t["start"] >= end and (owner := ctx.trigger_before(t["start"], exclude=start)) is not None \
                and ctx.words(end, owner[0]):    # menghadiri persidangan hari ini: its object's day
            owned.add(t["id"])
    return owned


def _introduced_timex(ctx: _Context, end: int, clause_end: int) -> dict | None:
    """The first time expression after the trigger in its clause that a time preposition introduces
    (``dilantik sebagai bupati 2021-2026 pada 26 Februari 2021``): the adverbial of time, rather
    than a year that only qualifies a noun."""
    for t in ctx.timexes_in(end, clause_end):
        words = ctx.tokens.tail(end, t["start"], 1)
        if words and words[-1] in ctx.rules["time_prepositions"] and not _verb_between(ctx, end, t["start"]):
            return t
    return None


def _after_preposition(ctx: _Context, clause, start: int) -> bool:
    """Whether the word just before the trigger is a preposition (``tentang panggilan``)."""
    words = ctx.tokens.tail(max(clause[0], start - ctx.window["preposition"]), start, 1)
    return bool(words) and words[-1] in ctx.rules["blockers"]


def _passive(ctx: _Context, start: int, end: int) -> bool:
    """Whether the trigger is a passive verb (``ditahan``, ``diperiksa``): a passive prefix on a known root."""
    word = ctx.text[start:end].split()[0].lower()
    return bool(ctx.rules["passive_prefix"].match(word)) and len(candidate_roots(word, ctx.lang)) > 1


def _context_organisation(ctx: _Context, start: int, sentence: int, skip: set) -> dict | None:
    """The organisation named last before ``start`` in this sentence or the one before (the doer a passive leaves out)."""
    first = ctx.sentences[max(0, sentence - ctx.window["passive_doer_sentences"])][0] if ctx.sentences else 0
    for m in reversed(ctx.mentions_in(first, start)):
        if m["kind"] == "organization" and not set(_ids(m)) & skip and m["how"] != "group noun":
            return m
    return None


def _attribution_day(ctx: _Context, end: int, sentence_end: int) -> dict | None:
    """The day named after a speech verb and its speaker, in the same sentence (``kata X, Rabu (12/12)``,
    ``kata X di Y pada Jumat, 14 November``): none when a verb or an auxiliary comes between, for then
    the day is part of what was said (``menyebut acara akan berlangsung pada Sabtu, 15 November``)."""
    reach = min(sentence_end, end + ctx.window["attribution_day"])
    for t in ctx.timexes_in(end, sentence_end):
        if t["start"] >= reach:
            break
        if t["granularity"] not in ("day", "time"):
            continue
        between = ctx.text[end:t["start"]].rstrip()
        words = ctx.tokens.tail(end, t["start"], 1)
        introduced = between.endswith(",") or (words and (words[-1] in ctx.rules["time_prepositions"]
                                                          or words[-1] in ctx.rules["manner"]))
        if introduced and not _verb_between(ctx, end, t["start"]):
            return t
    return None


def _verb_between(ctx: _Context, a: int, b: int, auxiliaries: bool = True) -> bool:
    """Whether a verb, an auxiliary (unless ``auxiliaries`` is false) or a quotation mark stands in
    ``[a, b)`` (names and manner words do not count): each word's answer (:func:`_is_verb`) found once."""
    if QUOTE_MARK.search(ctx.text, a, b):
        return True
    verdicts = ctx.rules["verb_words"]        # a word -> (_is_verb with auxiliaries, without)
    if len(verdicts) > _WORDS_KEPT:
        verdicts.clear()
    column = 0 if auxiliaries else 1
    for word in _WORDS_BETWEEN.findall(ctx.text, a, b):
        verdict = verdicts.get(word)
        if verdict is None:
            verdict = verdicts[word] = (_is_verb(ctx.rules, ctx.lang, word, True), _is_verb(ctx.rules, ctx.lang, word, False))
        if verdict[column]:
            return True
    return False


def _is_verb(rules: dict, lang: str, word: str, auxiliaries: bool) -> bool:
    """Whether ``word`` (as written) counts as a verb for :func:`_verb_between`: not a manner word nor a
    capitalised one; an auxiliary (when ``auxiliaries``), a complementiser, or a verb prefix on a known root."""
    lower = word.lower()
    if lower in rules["manner"] or word[0].isupper():
        return False
    if (auxiliaries and lower in rules["auxiliaries"]) or lower in rules["complementisers"]:
        return True
    return bool(rules["clause_verb_prefix"].match(lower)) and len(candidate_roots(lower, lang)) > 1


def _object_day(ctx: _Context, end: int, clause: tuple[int, int]) -> dict | None:
    """The day after a statement's object, introduced by a time preposition with no verb between
    (``mengonfirmasi kematian komandannya pada Kamis (30/1)``): the day of the statement."""
    for t in ctx.timexes_in(end, min(clause[1], end + ctx.window["statement_object_day"])):
        words = ctx.tokens.tail(end, t["start"], 1)
        if words and words[-1] in ctx.rules["time_prepositions"] and not _verb_between(ctx, end, t["start"]):
            return t
        return None
    return None


def _fronted_time(ctx: _Context, sentence: tuple[int, int], clause_start: int) -> dict | None:
    """A time expression that opens the sentence, alone or in a phrase with no verb that an opener
    word begins (``Pada 3 Maret 2024, X mengumumkan``, ``Adapun pada rapat tahunan 2017, X
    mengumumkan``), and is set off by a comma: it dates the clauses that follow it."""
    for t in ctx.timexes_in(sentence[0], clause_start):
        words = ctx.words(sentence[0], t["start"])
        if not set(words) <= ctx.rules["fronted_openers"] and not (   # Adapun dalam rapat akhir tahun 2019,
                words[0] in ctx.rules["fronted_openers"] and not _verb_between(ctx, sentence[0], t["start"], False)):
            return None
        if ctx.text[t["end"]:clause_start].lstrip().startswith(","):
            return t
    return None


def tag_events(text: str, mentions, timexes, dct: date | str | None, lang: str = "id",
               sentences: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Event mentions of ``text`` with participants, time, status and attribution (see the module doc).

    ``mentions`` and ``timexes`` are the tables (or the rows) of the actor and time stages.
    """
    return frame(event_rows(text, mentions, timexes, dct, lang, sentences))


def event_rows(text: str, mentions, timexes, dct: date | str | None, lang: str = "id",
               sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """The rows of :func:`tag_events`."""
    if sentences is None:
        sentences = text_sentences(text, lang)
    dct = dct.isoformat() if isinstance(dct, date) else dct
    ctx = _Context(text, sentences, mentions, timexes, lang)
    exclude = [(m["start"], m["end"]) for m in ctx.mentions if m["how"] != "group noun"] + ctx.timex_spans
    rows, previous_speaker = [], None
    times, found, kinds = [], [], []        # per row: its time expression; (its clause, sentence, the times that
    said_on, reported = {}, None              # belong to other words, whether its sentence has any); its speaker's kind
    dated_sentences: dict[int, bool] = {}     # per sentence, whether a time expression is in it
    triggers = find_triggers(text, lang, exclude, ctx.tokens)
    ctx.triggers = triggers                                 # in order already
    ctx.trigger_ends = [e for _, e, _, _ in triggers]
    ctx.trigger_starts = [s for s, _, _, _ in triggers]
    for start, end, type_, mode in triggers:
        index, sentence = ctx.sentence(start)
        clause = ctx.clause(sentence, start, end)
        following = ctx.mentions_in(end, clause[1])   # the actor mentions after the trigger in its clause
        dated = dated_sentences.get(index)        # else no time expression to look for in the sentence
        if dated is None:
            dated = dated_sentences[index] = bool(ctx.timexes_in(*sentence))
        rule = [type_.lower()]
        actors, recipients, speaker_kind, owned = [], [], None, set()
        if type_ == "STATEMENT":
            speaker = _speaker(ctx, start, end, sentence, previous_speaker)
            if speaker is not None:
                actors, previous_speaker, speaker_kind = _ids(speaker), speaker, speaker["kind"]
                rule.append("speaker")
        else:
            agent, passive = None, None           # passive: _passive(), once asked
            verb = ctx.rules["verb_prefix"].match(text, start)
            if following:                              # else no agent after the trigger
                if ctx.rules["passive"] in ctx.words(end, min(clause[1], end + ctx.window["passive"]))[:2]:
                    agent = _after(ctx, end, following, markers=ctx.rules["passive_marker"])
                    if agent:
                        rule.append("passive agent")
                if agent is None and not verb:
                    agent = _after(ctx, end, following)              # invasi Rusia: the actor right after a noun
                    if agent:
                        rule.append("noun + actor")
                elif agent is None and (passive := _passive(ctx, start, end)):
                    after = _after(ctx, end, following)              # ditetapkan KPK: the agent right after a passive
                    if after is not None and after["kind"] in ("person", "organization"):
                        agent = after
                        rule.append("passive agent")
            if agent is not None:
                actors = _ids(agent)
            elif passive if passive is not None else _passive(ctx, start, end):   # Hasto ditahan: the subject
                # undergoes it; the doer is named before
                subject = _subject(ctx, clause, start)
                recipients = [a for m in subject for a in _ids(m)]
                doer = _context_organisation(ctx, start, index, set(recipients))
                actors = _ids(doer) if doer else []
                rule.append("passive" + (": subject undergoes it" if subject else "") + (", doer from context" if doer else ""))
            elif not verb and _after_preposition(ctx, clause, start):
                subject = []                           # tentang panggilan: a noun after a preposition has no subject
            else:
                subject = _subject(ctx, clause, start)
                if subject:
                    rule.append("subject")
                elif (appos := _apposition_before(ctx, sentence, clause[0])) is not None:
                    subject = [appos]                  # Kuasa hukumnya, Ronny, meminta: the name set off by commas
                    rule.append("apposition")
                elif clause[0] > sentence[0]:          # Idrus, yang juga ..., menolak: the subject opens the sentence
                    subject = _subject(ctx, (sentence[0], clause[0]), clause[0])[:1]
                    if subject and subject[0]["start"] - sentence[0] <= ctx.window["sentence_subject"]:
                        rule.append("subject of the sentence")
                    else:
                        subject = []
                actors = [a for m in subject for a in _ids(m)]
        if following and not recipients and (type_ != "STATEMENT" or actors):   # a passive's subject undergoes it
            recipient = _after(ctx, end, following, markers=ctx.rules["recipient"])
            if recipient is None and type_ in ctx.rules["object_is_recipient"] \
                    and ctx.rules["active_prefix"].match(text, start):
                recipient = _after(ctx, end, following)             # menginvasi Ukraina: the direct object
            if recipient is not None and recipient["kind"] != "location" and not set(_ids(recipient)) & set(actors):
                recipients = _ids(recipient)
                rule.append("recipient")
        if not dated:
            timex = None
        elif type_ == "STATEMENT":               # what follows a speech verb is what was said, not when
            timex = _nearest_timex(ctx, clause[0], min(clause[1], end + ctx.window["statement_time"]), start, end)
            if timex is None:                    # kata Budi di kantornya, Senin (10/12): the day it was said
                timex = _attribution_day(ctx, end, sentence[1])
                if timex is not None:
                    rule.append("time: the day named after the speaker")
            if timex is None:                    # mengonfirmasi kematiannya pada Kamis (30/1)
                timex = _object_day(ctx, end, clause)
                if timex is not None:
                    rule.append("time: the day after its object")
            if timex is None and clause[0] > sentence[0]:     # Pada 3 Maret 2024, X mengumumkan
                timex = _fronted_time(ctx, sentence, clause[0])
                if timex is not None:
                    rule.append("time: opens the sentence")
        elif not ctx.timexes_in(clause[0], clause[1]):     # none in its clause (its sentence's are looked at below)
            timex = None
        else:                                    # the times of the clause that belong to other words, asked only
            timex = _introduced_timex(ctx, end, clause[1])      # when no time preposition introduces one after it
            if timex is None:
                owned = _owned_by_others(ctx, start, end, clause)
                timex = _nearest_timex(ctx, clause[0], clause[1], start, end, owned)
        rows.append({
            "start": start, "end": end, "text": text[start:end], "sentence": index, "type": type_, "mode": mode,
            "actors": ";".join(dict.fromkeys(actors)) or None, "recipients": ";".join(dict.fromkeys(recipients)) or None,
            "timex": timex["id"] if timex else None, "time_basis": "same clause" if timex else None, "rule": rule,
        })
        times.append(timex)
        found.append((clause, sentence, owned, dated))
        kinds.append(speaker_kind)
        if timex is not None and type_ == "STATEMENT" and not OWN_DAY.isdisjoint(rule):
            if rows[-1]["actors"]:                # a speaker's other statements were made the day one of them names
                said_on.setdefault(rows[-1]["actors"], timex)
            if reported is None and rule[-1] == "time: the day named after the speaker":
                reported = timex                  # else the day the article's quotations are dated, when it dates them
    for i, row in enumerate(rows):
        if times[i] is None and row["type"] == "STATEMENT":
            if row["actors"] in said_on:
                times[i] = said_on[row["actors"]]
                row.update(timex=times[i]["id"], time_basis="same speaker")
            elif reported is not None:
                times[i] = reported
                row.update(timex=reported["id"], time_basis="the article's quotations")
    claimed = {row["timex"] for row in rows if row["timex"]}
    cued = []                                 # per row, whether a cue word gave its status
    for row, timex, (clause, sentence, owned, dated) in zip(rows, times, found):
        if timex is None and dated and row["type"] != "STATEMENT":   # a time in the sentence that no clause claimed,
            timex = _nearest_timex(ctx, sentence[0], sentence[1], row["start"], row["end"],   # or, for a coordinate
                                   claimed | ctx.not_dating(sentence) | owned)                        # clause, the time of the
            if timex is None and _coordinated(ctx, clause):                                 # clause before
                timex = _nearest_timex(ctx, sentence[0], row["start"], row["start"], row["end"])
            if timex:
                row.update(timex=timex["id"], time_basis="same sentence")
        if timex:
            row["value"], row["range_start"], row["range_end"] = timex["value"], timex["range_start"], timex["range_end"]
        else:
            row["value"] = row["range_start"] = row["range_end"] = None
        row["status"], cue = _status(ctx, clause, row["start"], row["end"],
                                     bool(timex and dct and (timex["range_start"] > dct if _ranged(timex)
                                                             else timex["value"] in ctx.rules["future_refs"])),
                                     row["type"] == "STATEMENT", sentence[0])
        cued.append(cue)
        if timex and dct and _ranged(timex) and timex["range_end"] <= dct and row["status"] in ("planned", "expected"):
            row["status"] = "occurred"            # dated before the article: it has happened
        row["rule"] = ", ".join(row["rule"] + ([f"time: {row['time_basis']}"] if row["time_basis"] else []))
    _date_by_speech(ctx, rows, dct)
    _inherit_subjects(ctx, rows, kinds)
    _attribute(ctx, rows)
    _corefer(ctx, rows, dct, cued)
    for i, row in enumerate(rows, start=1):
        row["mention"] = f"v{i}"
    return rows


def _ranged(timex: dict) -> bool:
    """Whether a time expression has days (``PAST_REF`` and the like have none)."""
    return isinstance(timex["range_start"], str)


@lru_cache(maxsize=1024)
def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _after_purpose(ctx: _Context, start: int) -> bool:
    """Whether a purpose word (``untuk``) stands just before the trigger: what is intended, not what is going on."""
    words = ctx.tokens.tail(max(0, start - ctx.window["preposition"]), start, 1)
    return bool(words) and words[-1] in ctx.rules["purpose"]


def _quote_depth(ctx: _Context, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation (:func:`lib.text.quotations`). Quotations are paired line by
    line, so only the quotations of the line ``pos`` is on are found (once per line)."""
    line = ctx.paragraph(pos)
    start = ctx.newlines[line - 1] + 1 if line else 0
    quotes = ctx.line_quotes.get(line)
    if quotes is None:
        end = ctx.newlines[line] if line < len(ctx.newlines) else len(ctx.text)
        quotes = ctx.line_quotes[line] = quotations(ctx.text[start:end])
    return any(a <= pos - start < b for a, b in quotes)


def _date_by_speech(ctx: _Context, rows: list[dict], dct: str | None) -> None:
    """Undated events the time of speaking dates, when no plan, condition or perfect marker moves them.

    An act a speaker performs by speaking (``spoken_types``: an appeal, a denial, an accusation),
    inside his quotation or in the clause his speech verb reports (``X mengatakan ada dugaan ...``),
    takes the day it was said; a state still going on (status ``ongoing`` with a ``still_cues``
    word before it: ``masih dalam pencarian``) takes the day of the sentence's statement, else the DCT, when it was reported; a
    verb of the lead (the sentence of the article's first event) that has happened takes the DCT:
    the lead reports the day's news. The day said is the statement's own, else the DCT (reported
    speech is said by the article's date).
    """
    said = [r for r in rows if r["type"] == "STATEMENT" and r["actors"] and (r["value"] or dct)]
    said_starts = [r["start"] for r in said]
    lead = rows[0]["sentence"] if rows else None
    for row in rows:
        if row["value"] or row["type"] == "STATEMENT" or row["status"] not in ("occurred", "ongoing", "negated"):
            continue
        sentence = ctx.sentences[row["sentence"]] if ctx.sentences else (0, len(ctx.text))
        i = _bisect_left(said_starts, row["end"])
        said_before = said[i - 1] if i and said[i - 1]["sentence"] == row["sentence"] else None   # in its sentence
        source, basis = None, None
        if row["type"] in ctx.rules["spoken"] and _quote_depth(ctx, row["start"]):
            line = ctx.paragraph(row["start"])
            options = [r for r in said[i:i + 1] + said[max(0, i - 1):i] if ctx.paragraph(r["start"]) == line]
            source, basis = (options[0] if options else None), "the day the quotation was said"
        elif row["type"] in ctx.rules["spoken"] and said_before is not None:
            source, basis = said_before, "the day its report was said"
        elif row["sentence"] == lead and row["status"] == "occurred" and dct and said_before is None \
                and ctx.rules["clause_verb_prefix"].match(row["text"]):      # a verb, not a noun (dugaan suap)
            source, basis = {"value": None}, "the lead reports the day's news"
        elif row["status"] == "ongoing" and (said_before is not None or dct) and not _after_purpose(ctx, row["start"]) \
                and set(ctx.tokens.tail(sentence[0], row["start"], ctx.window["still_words"])) \
                & ctx.rules["still"]:
            source, basis = (said_before if said_before is not None else {"value": None}), "ongoing when reported"
        if source is None or set(ctx.tokens.tail(sentence[0], row["start"], ctx.rules["negation_reach"])) \
                & ctx.rules["perfect"]:           # a perfect marker before it (sudah, telah): not dated so
            continue
        if source["value"]:
            row.update(timex=source["timex"], value=source["value"], range_start=source["range_start"],
                       range_end=source["range_end"])
        else:
            row.update(value=dct, range_start=dct, range_end=_next_day(dct))
        row["time_basis"] = "when said"
        row["rule"] += ", time: " + basis


def frame(rows: list[dict]) -> pd.DataFrame:
    """Event rows as the event table (columns ``COLUMNS``; a row without a column gives ``None`` there)."""
    return frame_of(rows, COLUMNS, missing_as_none=True)


def _rows(table) -> list[dict]:
    """Plain rows of a stage's output (a DataFrame from a notebook, or the rows themselves)."""
    return table.to_dict("records") if isinstance(table, pd.DataFrame) else list(table)


def _inherit_subjects(ctx: _Context, rows: list[dict], kinds: list[str | None]) -> None:
    """Subjects the text leaves implicit.

    A verb joined by ``dan`` shares the previous verb's subject (``pasukan Rusia berbaris ... dan
    merebut``); a purpose clause (``untuk mengadakan pembicaraan``) takes the subject of the event
    before it in the sentence; a pronoun subject takes the sentence's speaker (``dia``) or the
    previous event's actors (``mereka``); a statement without a speaker continues the sentence's
    last statement.
    """
    pronouns, auxiliaries = ctx.rules["pronouns"], ctx.rules["auxiliaries"]
    said: dict[int, dict] = {}                # per sentence, its last statement with a speaker
    done: dict[int, dict] = {}                # per sentence, its last other event with actors
    last_done = None                          # the last other event with actors anywhere before
    last_speaker = None                       # the last statement whose speaker is a person
    for i, row in enumerate(rows):
        prev = rows[i - 1] if i else None
        if prev is not None and prev["actors"]:
            if prev["type"] == "STATEMENT":
                said[prev["sentence"]] = prev
                if kinds[i - 1] == "person":
                    last_speaker = prev
            else:
                done[prev["sentence"]] = last_done = prev
        follows = prev is not None and prev["sentence"] == row["sentence"] and prev["actors"] \
            and prev["type"] != "STATEMENT"          # a verb before it in the sentence, with a subject
        if row["actors"] and (row["type"] == "STATEMENT" or not follows):
            continue                                 # a subject of its own, and none to share
        before = list(itertools.filterfalse(auxiliaries.__contains__,
                                            ctx.words(max(0, row["start"] - ctx.window["implicit_subject"]), row["start"])))
        last = before[-1] if before else ""
        if not row["actors"] and pronouns.get(last) == "quoted speaker" and _quote_depth(ctx, row["start"]):
            speaker = _quotation_speaker(ctx, rows, i)     # "Saya sudah jelaskan," kata Budi: Budi
            if speaker is not None:
                row["actors"] = speaker["actors"]
                row["rule"] += ", pronoun: the quotation's speaker"
                continue
        if row["type"] == "STATEMENT":
            if not row["actors"]:
                if row["sentence"] in said:
                    row["actors"] = said[row["sentence"]]["actors"]
                    row["rule"] += ", the sentence's speaker"
            continue
        if follows and last in ctx.rules["coordination"]:
            row["actors"] = prev["actors"]
            row["rule"] = row["rule"].replace("subject", "subject of the previous verb")
        elif not row["actors"] and prev is not None and prev["actors"] and prev["type"] != "STATEMENT" \
                and ctx.words(prev["end"], row["start"]) == [ctx.rules["tab"]["relative_marker"]]:
            row["actors"] = prev["actors"]              # demo yang menuntut: who holds the demo demands
            row["rule"] += ", subject: the event the relative clause describes"
        elif not row["actors"] and pronouns.get(last) == "speaker":
            if row["sentence"] in said:
                row["actors"] = said[row["sentence"]]["actors"]
                row["rule"] += ", pronoun: the speaker"
            elif last_speaker is not None and ctx.paragraph(row["start"]) - ctx.paragraph(last_speaker["start"]) \
                    <= ctx.window["pronoun_paragraphs"]:     # ia menolak: who was quoted last
                row["actors"] = last_speaker["actors"]
                row["rule"] += ", pronoun: the last speaker"
            else:                                    # else the person named last before it
                person = _last_person(ctx, row["start"])
                if person is not None:
                    row["actors"] = person["actor"]
                    row["rule"] += ", pronoun: the person named before"
        elif not row["actors"] and not ctx.rules["purpose"].isdisjoint(before[-3:]):
            if row["sentence"] in done:              # setuju untuk mengadakan pembicaraan: who agreed holds the talks
                row["actors"] = done[row["sentence"]]["actors"]
                row["rule"] += ", subject of the main clause"
        elif not row["actors"] and pronouns.get(last) == "previous actors":
            if last_done is not None:
                row["actors"] = last_done["actors"]
                row["rule"] += ", pronoun: the previous actors"


def _quotation_speaker(ctx: _Context, rows: list[dict], i: int) -> dict | None:
    """The statement with a speaker that closes (else opened) the quotation row ``i`` is in, on its line."""
    line = ctx.paragraph(rows[i]["start"])
    after = (r for r in rows[i + 1:] if r["type"] == "STATEMENT" and r["actors"] and not _quote_depth(ctx, r["start"]))
    before = (r for r in reversed(rows[:i]) if r["type"] == "STATEMENT" and r["actors"] and not _quote_depth(ctx, r["start"]))
    for candidate in (next(after, None), next(before, None)):
        if candidate is not None and ctx.paragraph(candidate["start"]) == line:
            return candidate
    return None


def _attribute(ctx: _Context, rows: list[dict]) -> None:
    """On whose word: ``menurut X`` in the sentence, else the speaker of its reporting verb (``kata``, ``mengatakan``)."""
    verbs, according_to = ctx.rules["speech_verbs"], ctx.rules["according_to"]
    speakers: dict[int, str | None] = {}      # per sentence with events
    # where the words stand in the article: a sentence holds one only where one starts in it, or where its
    # end cuts a word (what is left of it may be one)
    cue_starts = [a for a, _ in according_to.spans(ctx.tokens, 0, len(ctx.text))] if ctx.sentences else []
    for row in rows:
        index = row["sentence"]
        if index not in speakers:
            speakers[index] = None
            if ctx.sentences:
                s, e = ctx.sentences[index]
                i = _bisect_left(cue_starts, s)
                m = according_to.spans(ctx.tokens, s, e, first=True) \
                    if i < len(cue_starts) and cue_starts[i] < e or ctx.cuts_word(e) else None
                after = _after(ctx, m[0][1], ctx.mentions_in(m[0][1], e)) if m else None
                if after is not None:
                    speakers[index] = after["actor"]
        if speakers[index] is None and row["type"] == "STATEMENT" and row["actors"] \
                and row["text"].lower().split()[0] in verbs:
            speakers[index] = row["actors"]
    for row in rows:
        row["attributed_to"] = speakers[row["sentence"]]


# a status -> its reality: 0 for what happened or is happening, 2 for negated, else (planned, expected,
# conditional) 1, the default of _REALITY.get(status, 1)
_REALITY = {"occurred": 0, "ongoing": 0, "negated": 2}


class _Event:
    """An event as :func:`_corefer` gathers it from its mentions: its type, mode and participants, its day
    (and the mention that gave it), where it was mentioned last, its reality and first status, and its
    first mention with participants."""
    __slots__ = ("id", "type", "mode", "parts", "value", "timex", "paragraph", "sentence", "reality", "status",
                 "with_participants")

    def __init__(self, id_: str, row: dict, parts: frozenset, paragraph: int, reality: int):
        self.id, self.type, self.mode, self.parts = id_, row["type"], row["mode"], parts
        self.value = self.timex = self.with_participants = None
        self.paragraph, self.sentence, self.reality, self.status = paragraph, row["sentence"], reality, row["status"]


def _corefer(ctx: _Context, rows: list[dict], dct: str | None, cued: list[bool]) -> None:
    """Give mentions of the same event one ``event_id``; mentions without participants, date or a
    status cue of their own (``cued``: per row, whether a cue word gave its status) take the event's."""
    events: list[_Event] = []
    of_row: list[_Event] = []                 # per row, its event
    recent: dict[str, list[_Event]] = {}      # per type, the events in the order they were last mentioned
    pointers = ctx.rules["pointers"]
    window = ctx.window
    compared, points_reach = window["events_compared"], window["points_back"]
    statement_paragraphs, event_paragraphs = window["same_statement_paragraphs"], window["same_event_paragraphs"]
    mode_sentences = window["same_mode_sentences"]
    newlines = ctx.newlines
    for row in rows:
        actors, recipients, type_, sentence = row["actors"], row["recipients"], row["type"], row["sentence"]
        participants = actors or recipients
        parts = frozenset(filter(None, (actors or "").split(";") + (recipients or "").split(";"))) \
            if participants else frozenset()
        paragraph = _bisect_left(newlines, row["start"])         # ctx.paragraph
        value, mode, reality, statement = row["value"], row["mode"], _REALITY.get(row["status"], 1), type_ == "STATEMENT"
        match = None
        candidates = recent.get(type_)
        # Pembicaraan itu, panggilan tersebut (asked only where the answer is read: of a mention with an earlier
        # event of its type and no participants, not of a statement; with participants, a pointer back would only
        # lift the reach below, past which no event matches without a day)
        points_back = bool(candidates) and not statement and not parts and (
            " ".join(ctx.words(row["end"], row["end"] + points_reach)) + " ").startswith(pointers)
        # events are kept in the order they were last mentioned, so their paragraphs only grow: past the
        # reach in paragraphs, no earlier event can match, unless by its day or by a pointer back
        reach = statement_paragraphs if statement else None if value or points_back else event_paragraphs
        if candidates and statement:             # the same speaker, nearby, on no other day
            for event in reversed(candidates[-compared:]):   # the latest first
                if paragraph - event.paragraph > reach:
                    break
                if mode and event.mode and mode != event.mode:
                    continue
                if parts and parts == event.parts and abs(paragraph - event.paragraph) <= statement_paragraphs \
                        and not (value and event.value and event.value != value):
                    match = event
                    break
        elif candidates:
            for event in reversed(candidates[-compared:]):
                if reach is not None and paragraph - event.paragraph > reach:
                    break
                if mode and event.mode and mode != event.mode:
                    continue
                if points_back:
                    match = event
                    break
                if value and event.value == value and (not parts or not event.parts or parts & event.parts):
                    match = event                      # the same day
                    break
                if not (value and event.value and event.value != value) \
                        and paragraph - event.paragraph <= event_paragraphs and reality == event.reality \
                        and ((parts and parts == event.parts) or (
                            mode and mode == event.mode and parts & event.parts
                            and sentence - event.sentence <= mode_sentences)):
                    match = event
                    break
        if match is None:                        # a new event: its first mention gives all it holds
            match = _Event(f"e{len(events) + 1}", row, parts, paragraph, reality)
            events.append(match)
            same_type = recent.setdefault(type_, [])
            same_type.append(match)
            if len(same_type) > 2 * compared:
                del same_type[:-compared]
            if value:
                match.value, match.timex = value, row
            if participants:
                match.with_participants = row
        else:
            candidates.remove(match)             # it moves to the end: the latest mentioned
            candidates.append(match)
            match.parts = match.parts or parts
            match.paragraph, match.sentence = paragraph, sentence
            match.mode = match.mode or mode
            if value and not match.value:
                match.value, match.timex = value, row
            if participants and match.with_participants is None:
                match.with_participants = row
        row["event_id"] = match.id
        of_row.append(match)
    for row, cue, event in zip(rows, cued, of_row):
        if not cue and event.status in ("planned", "expected") and row["status"] == "occurred":
            row["status"] = event.status          # panggilan tersebut: no cue of its own, the call is still planned
            row["rule"] += ", status: the event's"
        if not row["actors"] and not row["recipients"] and row["type"] != "STATEMENT":
            first = event.with_participants
            if first is not None:                 # Pembicaraan itu: the participants of the event it mentions
                row["actors"], row["recipients"] = first["actors"], first["recipients"]
                row["rule"] += ", participants: the event's"
        if row["value"] is not None:
            continue
        if event.timex is not None:
            source = event.timex
            row["timex"], row["value"] = source["timex"], source["value"]
            row["range_start"], row["range_end"], row["time_basis"] = source["range_start"], source["range_end"], \
                "previous event"
            row["rule"] += ", time: previous event"
        elif row["type"] == "STATEMENT" and dct:
            row["value"], row["range_start"], row["range_end"], row["time_basis"] = dct, dct, _next_day(dct), "DCT"
            row["rule"] += ", time: DCT"            # said by the DCT


EVENT_COLUMNS = ["event_id", "type", "mode", "actors", "recipients", "value", "range_start", "range_end",
                 "time_basis", "status", "attributed_to", "mentions", "first", "triggers"]


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event (mentions sharing an ``event_id`` merged), in story order (columns ``EVENT_COLUMNS``).

    Participants are the union over its mentions (recipients that are also actors dropped); the
    date and its basis come from the mention with the most direct basis (same clause first, the
    DCT last); the status from the first mention; ``first`` is the offset of the first
    trigger and ``triggers`` lists the trigger words.
    """
    return pd.DataFrame(event_table_rows(_rows(events)), columns=EVENT_COLUMNS)


BASIS_RANK = {"same clause": 0, "same sentence": 1, "when said": 2, "previous event": 3, "DCT": 4}


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def event_table_rows(mention_rows: list[dict]) -> list[dict]:
    """The rows of :func:`event_table` from event-mention rows (plain Python: it runs for every article of a
    corpus), each event's read off its mentions in one pass (:func:`_event_row`)."""
    grouped: dict[str, list[dict]] = {}
    for row in mention_rows:
        event_id = row["event_id"]
        if not _missing(event_id):
            grouped.setdefault(event_id, []).append(row)
    rows = [_event_row(event_id, group) for event_id, group in grouped.items()]
    rows.sort(key=_FIRST)
    return rows


_FIRST, _TEXT = operator.itemgetter("first"), operator.itemgetter("text")


def _event_row(event_id: str, group: list[dict]) -> dict:
    """One row of :func:`event_table` from the mentions of one event, in story order: the union of their
    participants (recipients that are also actors dropped), the date of the first with the most direct
    basis, the first mode and attribution given, the first mention's type and status."""
    actors: dict[str, None] = {}
    recipients: dict[str, None] = {}
    source, rank, mode, attributed = None, None, None, None
    for row in group:
        if isinstance(row["actors"], str):
            actors.update(dict.fromkeys(row["actors"].split(";")))
        if isinstance(row["recipients"], str):
            recipients.update(dict.fromkeys(row["recipients"].split(";")))
        if not _missing(row["value"]):
            basis = BASIS_RANK.get(row["time_basis"], 4)
            if rank is None or basis < rank:
                source, rank = row, basis
        if mode is None and isinstance(row["mode"], str):
            mode = row["mode"]
        if attributed is None and not _missing(row["attributed_to"]):
            attributed = row["attributed_to"]
    actor_ids = ";".join(actors) or None
    actors_split = (actor_ids or "").split(";")
    recipient_ids = [r for r in (";".join(recipients) or "").split(";") if r and r not in actors_split]
    return {"event_id": event_id, "type": group[0]["type"], "mode": mode,
            "actors": actor_ids, "recipients": ";".join(recipient_ids) or None,
            "value": source["value"] if source else None,
            "range_start": source["range_start"] if source else None,
            "range_end": source["range_end"] if source else None,
            "time_basis": source["time_basis"] if source else None,
            "status": group[0]["status"], "attributed_to": attributed,
            "mentions": len(group), "first": int(min(map(_START, group))), "triggers": ", ".join(map(_TEXT, group))}
