"""Stage 2, time: find time expressions, resolve them against the article's date (DCT).

The engine is language-independent: the words and the named rules (regular expressions with
named groups, each with an example) live in ``lib/lang/<code>/time.json``; each rule names one of
the handlers below, which turn the groups into a TIMEX3 value. Output columns of
:func:`tag_timexes`:

``id`` (t1, t2, ... in text order), ``start``, ``end``, ``text``, ``type`` (DATE, TIME,
DURATION, SET), ``value`` (TIMEX3; ``X`` for digits the text and DCT cannot give), ``mod``
(TimeML: START, MID, END, or empty), ``granularity`` (day, week, month, quarter, year, decade,
century, time, ref, or for a duration its unit), ``range_start``/``range_end`` (ISO dates, the
days the expression can mean, end exclusive; empty when it names no calendar period),
``anchor`` (``DCT``, the id of the expression it refers back to, or empty), ``tense`` (the
tense cue used, ``future:akan``), ``rule`` and ``note``.

A modifier (``awal``/``pertengahan``/``akhir``) narrows the range to the first, middle or last
third of the period (``ceil(n/3)`` days at the start or end; the middle drops ``floor(n/3)``
days at each side); the value keeps the whole period and ``mod`` says which part.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache, partial
from itertools import compress
from operator import itemgetter

import pandas as pd

from lib.tables import TableError, alternation, frame_of, table, trie_alternation
from lib.text import blanked, end_of_line, lower_as_matched, non_ascii, quotations, split_sentences

COLUMNS = ["id", "start", "end", "text", "type", "value", "mod", "granularity", "range_start",
           "range_end", "anchor", "tense", "rule", "note"]
ORDER = ["time", "day", "week", "month", "quarter", "year", "decade", "century"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
             "quarter": "Q", "half": "H", "hour": "H", "minute": "M", "second": "S"}


# ----------------------------------------------------------------------------- calendar periods

def add_months(d: date, n: int) -> date:
    """The first day of the month ``n`` months after the month of ``d``."""
    index = d.year * 12 + d.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def period(granularity: str, d: date) -> tuple[str, date, date]:
    """``(value, range_start, range_end)`` of the period of ``granularity`` that contains ``d``.

    >>> period("week", date(2021, 12, 29))
    ('2021-W52', datetime.date(2021, 12, 27), datetime.date(2022, 1, 3))
    """
    if granularity == "day":
        return d.isoformat(), d, d + timedelta(days=1)
    if granularity == "week":
        year, week, _ = d.isocalendar()
        monday = d - timedelta(days=d.weekday())
        return f"{year}-W{week:02d}", monday, monday + timedelta(days=7)
    if granularity == "month":
        first = d.replace(day=1)
        return f"{d.year:04d}-{d.month:02d}", first, add_months(first, 1)
    if granularity == "quarter":
        q = (d.month - 1) // 3
        first = date(d.year, 3 * q + 1, 1)
        return f"{d.year:04d}-Q{q + 1}", first, add_months(first, 3)
    if granularity == "year":
        return f"{d.year:04d}", date(d.year, 1, 1), date(d.year + 1, 1, 1)
    if granularity == "decade":
        first = d.year // 10 * 10
        return f"{first // 10:03d}", date(first, 1, 1), date(first + 10, 1, 1)
    if granularity == "century":
        first = d.year // 100 * 100
        return f"{first // 100:02d}", date(max(first, 1), 1, 1), date(first + 100, 1, 1)
    raise ValueError(f"unknown granularity {granularity!r}")


def shift(d: date, granularity: str, n: int) -> date:
    """A day in the period ``n`` periods of ``granularity`` after the one containing ``d``."""
    if granularity == "day":
        return d + timedelta(days=n)
    if granularity == "week":
        return d + timedelta(days=7 * n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[granularity]
    return add_months(d, months * n)


def narrow(start: date, end: date, mod: str | None) -> tuple[date, date]:
    """The part of ``[start, end)`` that START, MID or END leaves (thirds, in whole days)."""
    if mod not in ("START", "MID", "END"):
        return start, end
    days = (end - start).days
    third, inner = math.ceil(days / 3), days // 3
    if mod == "START":
        return start, start + timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third), end
    return start + timedelta(days=inner), end - timedelta(days=inner)


# ----------------------------------------------------------------------------- rules

@dataclass
class Rule:
    """A named pattern of a language table and the handler that resolves its matches."""

    name: str
    handler: str
    example: str
    regex: re.Pattern
    priority: int
    triggers: frozenset
    reach: int
    starts: frozenset | None = None
    digits: frozenset = frozenset(range(1, 5))
    followed_by: tuple[str, ...] | None = None
    dated: bool = False                  # it has a ``month`` group: its matches are checked (:func:`_names_a_day`)


TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=None)
def rules(lang: str = "id") -> tuple[Rule, ...]:
    """The compiled rules of a language, in priority order."""
    tab = table(lang, "time")
    out = []
    for priority, spec in enumerate(tab["rules"]):
        pattern = spec["pattern"]
        for name, key in tab["placeholders"].items():
            words = list(tab[key])
            if name == "NUMBER":
                words = [r"\d+"] + [re.escape(w).replace("\\ ", r"\s+") for w in words]
                pattern = pattern.replace("{NUMBER}", "|".join(sorted(words, key=len, reverse=True)))
            else:
                pattern = pattern.replace("{" + name + "}", _words_pattern(words))
        flags = re.MULTILINE | (0 if spec.get("case") == "sensitive" else re.IGNORECASE)
        try:
            regex = re.compile(pattern, flags)
        except re.error as exc:
            raise TableError(f"{tab.where}: rule {spec['name']!r}: bad pattern ({exc})") from None
        number = spec.get("number") or {}
        out.append(Rule(spec["name"], spec["handler"], spec["example"], regex, priority,
                        _first_words(tab, spec["triggers"]), spec["reach"],
                        _first_words(tab, spec["starts"]) if "starts" in spec else None,
                        frozenset(number["digits"]) if "digits" in number else Rule.digits,
                        tuple(w.lower() for w in number["followed_by"]) if "followed_by" in number else None,
                        "month" in regex.groupindex))
    return tuple(out)


def _words_pattern(words: list[str]) -> str:
    """A placeholder's words as a pattern: :func:`lib.tables.trie_alternation` (a few first letters tried instead of
    every word) when the words are written alike, all in lowercase or all capitalised, so that its branches differ
    in the same letters whether the rule ignores case or not and it chooses as :func:`lib.tables.alternation` does;
    else that alternation."""
    if all(w == w.lower() for w in words) or all(w[:1].isupper() and w[1:] == w[1:].lower() for w in words):
        return trie_alternation(words)
    return alternation(words)


def _first_words(tab: dict, names: list[str]) -> frozenset:
    """Lowercase first words of table entries (placeholder names), literal words, or ``digits``."""
    words = set()
    for name in names:
        if name in tab["placeholders"]:
            words.update(TOKEN.findall(word)[0].lower() for word in tab[tab["placeholders"][name]])
        else:
            words.add(name.lower())
    return frozenset(words)


@lru_cache(maxsize=None)
def _trigger_index(lang: str) -> dict[str, tuple[Rule, ...]]:
    index: dict[str, list[Rule]] = {}
    for rule in rules(lang):
        for word in rule.triggers:
            index.setdefault(word, []).append(rule)
    return {word: tuple(found) for word, found in index.items()}


def _plan(rule: Rule, trigger: str) -> tuple:
    """Where the scan tries a rule from one of its triggers (a word, or ``digits`` for a number): ``(back, regex,
    rule, starts, digits_start, number, once)`` for the trigger's word and each of the ``reach`` words before it
    (``back`` words back; ``digits_start``: a number can start it; ``number``: its place among the rules; ``once``:
    no other trigger tries it at the same word, as a rule of no reach). A rule is not tried at a trigger that cannot
    start it (``tahun`` starts no match of ``duration``: it is tried only at the words before)."""
    digits_start = rule.starts is not None and "digits" in rule.starts
    starts_here = rule.starts is None or (digits_start if trigger == "digits" else trigger in rule.starts)
    return tuple((back, rule.regex, rule, rule.starts, digits_start, rule.priority, rule.reach == 0)
                 for back in range(0 if starts_here else 1, rule.reach + 1))


@lru_cache(maxsize=None)
def _plans(lang: str) -> dict[str, tuple]:
    """Trigger word -> the tries (:func:`_plan`) of the rules it triggers. Numbers (``DIGITS``) are not among the
    words: see :func:`_number_plans`."""
    return {word: sum((_plan(rule, word) for rule in found), ()) for word, found in _trigger_index(lang).items()
            if word != "digits"}


@lru_cache(maxsize=None)
def _number_plans(lang: str) -> dict[int, tuple]:
    """Digits in a number (1 to 4) -> ``(tries, gated)``: the tries (:func:`_plan`) of the rules any such number
    triggers, and ``(followed_by, tries)`` of those that say what follows the number (its ``number`` in the table:
    the lowercase strings one of which must follow it at once)."""
    out: dict[int, tuple] = {}
    for rule in _trigger_index(lang).get("digits", ()):
        for digits in sorted(d for d in rule.digits if 1 <= d <= 4):
            tries, gated = out.get(digits, ((), ()))
            if rule.followed_by is None:
                out[digits] = tries + _plan(rule, "digits"), gated
            else:
                out[digits] = tries, gated + ((rule.followed_by, _plan(rule, "digits")),)
    return out


@lru_cache(maxsize=None)
def _cue_words(lang: str) -> dict[str, str]:
    """Tense cue word -> ``future`` or ``past``."""
    return {word: tense for tense, words in table(lang, "time")["tense_cues"].items() for word in words}


# ----------------------------------------------------------------------------- context

@dataclass
class Context:
    """What a handler may look at: the text, the DCT, the sentences, what was found before."""

    text: str
    dct: date | None
    lang: str
    sentences: list[tuple[int, int]] | None = None
    cues: list[tuple[int, int, str, str]] = field(default_factory=list)
    previous: list[dict] = field(default_factory=list)
    named_days: dict = field(default_factory=dict)          # (month, day) -> the last full date naming it
    previous_starts: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tab = table(self.lang, "time")
        self._paragraphs: dict[int, list[tuple[int, int]]] = {}
        self._cue_starts = [c[0] for c in self.cues]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``: from the given sentences, else split from its line when first asked."""
        if self.sentences is None:
            line_start = self.text.rfind("\n", 0, pos) + 1
            if line_start not in self._paragraphs:
                line_end = end_of_line(self.text, pos)
                self._paragraphs[line_start] = split_sentences(self.text, line_start, line_end, self.lang) \
                    or [(line_start, line_end)]
            spans = self._paragraphs[line_start]
        else:
            spans = self.sentences
        i = bisect.bisect_right(spans, pos, key=itemgetter(0)) - 1        # the last sentence starting at or before pos
        return spans[i] if i >= 0 else spans[0]

    def tense(self, start: int, end: int) -> tuple[str | None, str]:
        """The tense cue nearest to ``[start, end)`` in its sentence: ``("future", "akan")``."""
        line_start, line_end = self.text.rfind("\n", 0, start) + 1, end_of_line(self.text, end)
        if bisect.bisect_left(self._cue_starts, line_start) == bisect.bisect_left(self._cue_starts, line_end):
            return None, ""                      # no cue on the line: no need to find the sentence
        s, e = self.sentence_of(start)
        best = (None, "", math.inf)
        for cs, ce, tense, cue in self.cues[bisect.bisect_left(self._cue_starts, s):
                                           bisect.bisect_left(self._cue_starts, e)]:
            if start <= cs < end:
                continue
            distance = start - ce if ce <= start else cs - end
            if distance < best[2]:
                best = (tense, cue, distance)
        return best[0], best[1]

    def antecedent(self, start: int, coarsest: str) -> dict | None:
        """The last expression before ``start`` with a calendar range no coarser than ``coarsest``."""
        for row in reversed(self.previous):
            if row["start"] < start and row["range_start"] and row["granularity"] in ORDER \
                    and ORDER.index(row["granularity"]) <= ORDER.index(coarsest):
                return row
        return None


def _key(words: str) -> str:
    """A table key: lowercase as a case-insensitive pattern reads it (:func:`lib.text.lower_as_matched`: ``hari İni``
    -> ``hari ini``), single spaces (``Hari  ini`` -> ``hari ini``)."""
    return " ".join(lower_as_matched(words).split())


UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
           "decade": "XXX", "century": "XX"}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _number(ctx: Context, word: str | None) -> int | None:
    if word is None:
        return 1
    word = _key(word)
    if word.isdigit():
        return int(word)
    return ctx.tab["numbers"].get(word)


def _direction(ctx: Context, word: str | None) -> int | None:
    if word is None:
        return None
    return ctx.tab["directions"][_key(word)]


def _position(ctx: Context, g: dict) -> str | None:
    """The TIMEX3 ``mod`` of a match's ``position`` word (``awal`` -> ``START``), ``None`` when it has none."""
    return ctx.tab["positions"].get(lower_as_matched(g["position"])) if g.get("position") else None


def _resolved(granularity: str, d: date, mod: str | None = None, type_: str = "DATE", anchor: str | None = "DCT",
              **extra) -> dict:
    """A row's resolved columns: the period of ``granularity`` around ``d``; ``extra`` columns after them."""
    value, start, end = _calendar(granularity, d, mod)
    return dict(type=type_, value=value, mod=mod, granularity=granularity,
                range_start=start, range_end=end, anchor=anchor, **extra)


@lru_cache(maxsize=1 << 12)
def _calendar(granularity: str, d: date, mod: str | None) -> tuple[str, str, str]:
    """The value and the ISO range of the period of ``granularity`` around ``d``, narrowed by ``mod`` (the same
    days recur in a text and from text to text: each is worked out once)."""
    value, start, end = period(granularity, d)
    start, end = narrow(start, end, mod)
    return value, start.isoformat(), end.isoformat()


def _unresolved(value: str, granularity: str, mod: str | None = None, type_: str = "DATE", anchor: str | None = None,
                **extra) -> dict:
    """A row's columns when no calendar range can be given; ``extra`` columns after them."""
    return dict(type=type_, value=value, mod=mod, granularity=granularity, range_start=None,
                range_end=None, anchor=anchor, **extra)


def _tense(ctx: Context, span) -> tuple[str | None, dict]:
    """The tense of an expression and the ``tense`` column that records its cue (``future:akan``)."""
    tense, cue = ctx.tense(*span)
    return tense, {"tense": f"{tense}:{cue}" if tense else None}


def _choose(candidates: list[date], dct: date, tense: str | None) -> date:
    """Pick the reading the tense implies: future -> first on/after DCT, past -> last on/before."""
    after = [d for d in candidates if d >= dct]
    before = [d for d in candidates if d <= dct]
    if tense == "future" and after:
        return min(after)
    if tense == "past" and before:
        return max(before)
    return min(candidates, key=lambda d: (abs((d - dct).days), d))


# ----------------------------------------------------------------------------- handlers

def h_date(ctx: Context, g: dict, span: tuple[int, int]) -> dict | None:
    tab = ctx.tab
    month = int(g["month"]) if g.get("month", "") and g["month"].isdigit() else tab["months"].get((g.get("month") or "").rstrip("."))
    day = int(g["day"]) if g.get("day") else None
    year = int(g["year"]) if g.get("year") else None
    if year is not None and len(g["year"]) == 2:
        year += 2000
    if year is not None and not ctx.tab["years"][0] <= year <= ctx.tab["years"][1]:
        return None                                             # tahun 0000, 31/12/9999: not a date the calendar resolves
    weekday = tab["weekdays"].get(g.get("weekday") or "")
    mod = _position(ctx, g)
    tense, extra = _tense(ctx, span)
    if weekday:
        extra["weekday"] = weekday              # kept on the row (not a column) for the DCT inference
    if day is None and month is None:
        return None
    if day is not None and month is None:                       # tanggal 10
        if ctx.dct is None:
            return _unresolved(f"XXXX-XX-{day:02d}", "day", **extra)
        options = []
        for n in (-1, 0, 1):
            first = add_months(ctx.dct, n)
            try:
                options.append(first.replace(day=day))
            except ValueError:
                pass
        return _resolved("day", _choose(options, ctx.dct, tense), **extra, note="month from the DCT and tense")
    if day is None:                                             # Januari, awal Januari 2022
        if year is not None:
            return _resolved("month", date(year, month, 1), mod, anchor=None, **extra)
        if ctx.dct is None:
            return _unresolved(f"XXXX-{month:02d}", "month", mod, **extra)
        options = [date(ctx.dct.year + n, month, 1) for n in (-1, 0, 1)]
        this_month = ctx.dct.replace(day=1)
        chosen = _choose(options, this_month, tense)
        return _resolved("month", chosen, mod, **extra, note="year from the DCT and tense")
    if year is not None:
        d = date(year, month, day)
        note = None
        if weekday and d.isoweekday() != weekday:
            note = f"the text's weekday ({g['weekday']}) does not match {d.isoformat()}"
        return _resolved("day", d, anchor=None, **extra, note=note)
    earlier = ctx.named_days.get((month, day))
    if earlier is not None:                                     # 7 Oktober, after 7 Oktober 2023: that year
        return _resolved("day", date(int(earlier["value"][:4]), month, day), anchor=earlier["id"], **extra,
                         note="year from the same date named earlier")
    if ctx.dct is None:
        return _unresolved(f"XXXX-{month:02d}-{day:02d}", "day", **extra)
    options = []
    for n in (-1, 0, 1):
        try:
            options.append(date(ctx.dct.year + n, month, day))
        except ValueError:
            pass
    chosen = _choose(options, ctx.dct, tense)
    if weekday and chosen.isoweekday() != weekday:
        matching = [d for d in options if d.isoweekday() == weekday
                    and abs((d - ctx.dct).days) <= ctx.tab["weekday_year_reach"]]
        if len(matching) == 1:
            return _resolved("day", matching[0], **extra, note="year from the weekday")
        return _resolved("day", chosen, **extra, note=f"the text's weekday ({g['weekday']}) does not match "
                                                      f"{chosen.isoformat()}; the date is kept")
    return _resolved("day", chosen, **extra, note="year from the DCT and tense")


def h_year(ctx: Context, g: dict, span) -> dict | None:
    mod = _position(ctx, g)
    first, last = ctx.tab["years"]
    if not first <= int(g.get("year") or int(g.get("decade") or 0) * 10) <= last:
        return None
    if g.get("decade"):
        return _resolved("decade", date(int(g["decade"]) * 10, 1, 1), mod, anchor=None)
    return _resolved("year", date(int(g["year"]), 1, 1), mod, anchor=None)


def h_weekday(ctx: Context, g: dict, span) -> dict:
    weekday = ctx.tab["weekdays"][g["weekday"]]
    direction = _direction(ctx, g.get("direction"))
    tense, extra = _tense(ctx, span)
    if ctx.dct is None:
        return _unresolved(f"XXXX-WXX-{weekday}", "day", **extra)
    this_week = ctx.dct - timedelta(days=ctx.dct.weekday()) + timedelta(days=weekday - 1)
    if g.get("direction") and not g.get("week") and _key(g["direction"]) in ctx.tab["weekday_upcoming"]:
        # Jumat mendatang: the coming one (Jumat pekan mendatang: next week's)
        tense, extra = "future", {"tense": f"future:{_key(g['direction'])}"}
        direction = None
    if direction is not None:
        return _resolved("day", this_week + timedelta(days=7 * direction), **extra)
    back = (ctx.dct.isoweekday() - weekday) % 7
    if tense == "future":
        return _resolved("day", ctx.dct + timedelta(days=(weekday - ctx.dct.isoweekday()) % 7 or 7), **extra)
    return _resolved("day", ctx.dct - timedelta(days=back), **extra)


def h_relative_day(ctx: Context, g: dict, span) -> dict:
    offset = ctx.tab["relative_days"][_key(g["word"])]
    if ctx.dct is None:
        return _unresolved("XXXX-XX-XX", "day", anchor="DCT")
    return _resolved("day", ctx.dct + timedelta(days=offset))


def h_period(ctx: Context, g: dict, span) -> dict:
    granularity = ctx.tab["units"][lower_as_matched(g["unit"])]
    direction = _direction(ctx, g["direction"])
    mod = _position(ctx, g)
    if ctx.dct is None:
        return _unresolved(UNKNOWN[granularity], granularity, mod, anchor="DCT")
    return _resolved(granularity, shift(ctx.dct, granularity, direction), mod)


def h_offset(ctx: Context, g: dict, span) -> dict:
    unit = lower_as_matched(g.get("unit") or g.get("unit1"))
    granularity = ctx.tab["units"][unit]
    n = _number(ctx, g.get("number")) if g.get("unit") else 1
    direction = _direction(ctx, g["direction"])
    if _key(g["direction"]) in ctx.tab["duration_directions"]:  # setahun ke depan: a stretch of time, not a date
        return h_duration(ctx, g, span)
    if n is None:                                              # beberapa minggu ke depan
        return _unresolved("FUTURE_REF" if direction > 0 else "PAST_REF", "ref")
    if ctx.dct is None:
        return _unresolved(UNKNOWN[granularity], granularity, anchor="DCT")
    return _resolved(granularity, shift(ctx.dct, granularity, n * direction))


def h_weekend(ctx: Context, g: dict, span) -> dict:
    direction = _direction(ctx, g.get("direction"))
    tense, extra = _tense(ctx, span)
    if ctx.dct is None:
        return _unresolved("XXXX-WXX-WE", "week", **extra)
    saturday = ctx.dct - timedelta(days=ctx.dct.weekday()) + timedelta(days=5)
    if direction is None:
        if tense == "future" and saturday + timedelta(days=1) < ctx.dct:
            saturday += timedelta(days=7)
        elif tense != "future" and saturday > ctx.dct:
            saturday -= timedelta(days=7)
    else:
        saturday += timedelta(days=7 * direction)
    year, week, _ = saturday.isocalendar()
    return dict(type="DATE", value=f"{year}-W{week:02d}-WE", mod=None, granularity="week",
                range_start=saturday.isoformat(), range_end=(saturday + timedelta(days=2)).isoformat(),
                anchor="DCT", **extra)


def h_same(ctx: Context, g: dict, span) -> dict:
    granularity = ctx.tab["units"][lower_as_matched(g["unit"])]
    before = ctx.antecedent(span[0], granularity)
    if before is None:
        return _unresolved(UNKNOWN[granularity], granularity, note="no earlier expression to refer back to")
    return _resolved(granularity, _date(before["range_start"]), anchor=before["id"])


def h_shift(ctx: Context, g: dict, span) -> dict:
    defaults = ctx.tab["shift_defaults"]
    unit = lower_as_matched(g.get("unit") or g.get("unit1") or defaults["unit"])
    granularity = ctx.tab["units"][unit]
    n = _number(ctx, g.get("number")) if g.get("unit") else 1
    direction = _direction(ctx, g.get("direction") or defaults["direction"])
    before = ctx.antecedent(span[0], granularity)
    if before is None or n is None:
        return _unresolved(UNKNOWN.get(granularity, "XXXX-XX-XX"), granularity,
                           note="no earlier expression to count from")
    return _resolved(before["granularity"], shift(_date(before["range_start"]), granularity, n * direction),
                     anchor=before["id"])


def h_part_of_day(ctx: Context, g: dict, span) -> dict:
    code = ctx.tab["parts_of_day"][_key(g["part"])]
    before, after = lower_as_matched(g.get("before") or ""), lower_as_matched(g.get("after") or "")
    today = ctx.tab["part_of_day_today"]
    if before or after in today["after"]:                      # pagi ini, tadi malam: the DCT's
        if ctx.dct is None:
            return _unresolved(f"XXXX-XX-XX{code}", "time", type_="TIME", anchor="DCT")
        yesterday = before in today["previous_day_before"] and code in today["previous_day_parts"]
        day = ctx.dct - timedelta(days=1) if yesterday else ctx.dct
        return dict(type="TIME", value=f"{day.isoformat()}{code}", mod=None, granularity="time",
                    range_start=day.isoformat(), range_end=(day + timedelta(days=1)).isoformat(), anchor="DCT")
    return _unresolved(f"XXXX-XX-XX{code}", "time", type_="TIME", loose="part")


def h_clock(ctx: Context, g: dict, span) -> dict:
    hour, minute = int(g["hour"]), int(g.get("minute") or 0)
    note = f"time zone {g['zone']}" if g.get("zone") else None
    return _unresolved(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "time", type_="TIME", note=note, loose="clock")


def _day_for_time(ctx: Context, row: dict, loose: str) -> None:
    """Give a loose time of day the day named last before it in its sentence; a clock time else the day
    in focus in its paragraph (the day named last before it there), else the DCT's."""
    sentence = ctx.sentence_of(row["start"])
    paragraph = ctx.text.rfind("\n", 0, row["start"]) + 1
    if len(ctx.previous_starts) != len(ctx.previous):           # every expression is found by now: index them once
        ctx.previous_starts = [r["start"] for r in ctx.previous]
    starts = ctx.previous_starts
    day = None
    for r in reversed(ctx.previous[:bisect.bisect_left(starts, row["start"])]):
        if r["start"] < (sentence[0] if loose != "clock" else paragraph):
            break
        if r["granularity"] == "day" and r["range_start"]:
            day = r
            break
    if day is not None:
        row.update(value=day["range_start"] + row["value"][10:], anchor=day["id"],
                   range_start=day["range_start"], range_end=day["range_end"])
    elif loose == "clock" and ctx.dct is not None:
        row.update(value=ctx.dct.isoformat() + row["value"][10:], anchor="DCT", range_start=ctx.dct.isoformat(),
                   range_end=(ctx.dct + timedelta(days=1)).isoformat())
    else:
        row["note"] = "no day for this time of day"


def h_duration(ctx: Context, g: dict, span) -> dict:
    unit = lower_as_matched(g.get("unit") or g.get("unit1"))
    granularity = ctx.tab["units"][unit]
    n = _number(ctx, g.get("number")) if g.get("unit") else 1
    amount = "X" if n is None else str(n)
    code = UNIT_CODE[granularity]
    if granularity == "quarter":
        amount, code = ("X" if n is None else str(3 * n)), "M"
    if granularity == "half":
        amount, code = ("X" if n is None else str(6 * n)), "M"
    value = f"PT{amount}{code}" if granularity in ("hour", "minute", "second") else f"P{amount}{code}"
    return _unresolved(value, granularity, type_="DURATION")


def h_set(ctx: Context, g: dict, span) -> dict:
    if g.get("weekday"):
        return _unresolved(f"XXXX-WXX-{ctx.tab['weekdays'][g['weekday']]}", "day", type_="SET")
    granularity = ctx.tab["units"][lower_as_matched(g["unit"])]
    return _unresolved(f"P1{UNIT_CODE[granularity]}", granularity, type_="SET")


def h_reference(ctx: Context, g: dict, span) -> dict:
    return _unresolved(ctx.tab["references"][_key(g["word"])], "ref")


HANDLERS = {"date": h_date, "year": h_year, "weekday": h_weekday, "relative_day": h_relative_day,
            "period": h_period, "offset": h_offset, "weekend": h_weekend, "same": h_same,
            "shift": h_shift, "part_of_day": h_part_of_day, "clock": h_clock, "duration": h_duration,
            "set": h_set, "reference": h_reference}


# ----------------------------------------------------------------------------- the tagger

def _plausible(g: dict, months: dict) -> bool:
    """Whether the day/month groups of a match can be a calendar date (31/2 cannot)."""
    if not g.get("day") or not g.get("month"):
        return True
    month = int(g["month"]) if g["month"].isdigit() else months.get(g["month"].rstrip("."))
    year = int(g["year"]) if g.get("year") and len(g["year"]) == 4 else 2000
    try:
        date(year, month, int(g["day"]))
    except (ValueError, TypeError):
        return False
    return True


# the characters that are not in a ``\w`` run: the ASCII ones listed once, others found in the text
_ASCII_SEPARATORS = tuple(c for c in map(chr, range(128)) if not c.isalnum() and c not in "_ ")


def _in_token(c: str) -> bool:
    """Whether a character is in a ``\\w`` run."""
    return c.isalnum() or c == "_"


def _runs(lower: str, others: set[str]) -> tuple[str, list[str]]:
    """The tokens (``\\w+`` runs) of a text: ``(spaced, words)`` (``others``: its characters outside ASCII,
    :func:`lib.text.non_ascii`).

    ``spaced`` is the text with every character outside a run made a space (string replacements, no match for
    each word) and a space added at each end; ``words`` are its runs in order. A run that starts at offset ``p``
    of the text stands between spaces in ``spaced`` from ``p + 1``, so the offset of a run is the place of the
    space before it: :func:`_next_run` and :func:`_run_before` find the offsets of the runs the scan looks at,
    where a list of every run's offset would cost a number for each word."""
    spaced = f" {blanked(lower, _ASCII_SEPARATORS, _in_token, others)} "
    return spaced, spaced.split()


def _next_run(spaced: str, word: str, pos: int) -> int:
    """The offset of the first run ``word`` that starts at or after offset ``pos`` (``spaced``: :func:`_runs`)."""
    return spaced.find(f" {word} ", pos)


def _run_before(spaced: str, word: str, pos: int) -> int:
    """The offset of the last run ``word`` that ends before the run at offset ``pos`` (``spaced``: :func:`_runs`)."""
    return spaced.rfind(f" {word} ", 0, pos + 1)


def _scan(text: str, lang: str) -> tuple[list[tuple[int, int, Rule, dict]], list[tuple[int, int, str, str]]]:
    """Candidate matches (see :func:`find_candidates`) and the tense cues ``(start, end, tense, word)``."""
    tab = table(lang, "time")
    months, cues = tab["months"], _cue_words(lang)
    alone_not = set(tab["months_not_alone"])
    lower = lower_as_matched(text)           # as a case-insensitive pattern reads the words (harİ, harı, ſepekan are
                                             # hari, sepekan), a letter for a letter: the offsets are the text's
    others = non_ascii(lower) if not lower.isascii() else set()         # its characters outside ASCII, each once
    spaced, words = _runs(lower, others)
    plans, number_plans = _plans(lang), _number_plans(lang)
    wanted = _wanted(words, others, lang)
    found, tried, cue_list, count = [], set(), [], len(rules(lang))
    at: dict[int, int] = {}                  # run -> its offset, for the runs looked at
    after = 0
    for i in compress(range(len(words)), map(wanted.__contains__, words)):
        word = words[i]
        # every run of a wanted word is looked at, in order: the next one of this word is this run
        pos = at[i] = _next_run(spaced, word, after)
        after = pos + 1
        if word in cues:
            cue_list.append((pos, pos + len(word), cues[word], word))
        plan = plans.get(word)
        if plan is None:                     # a number: the rules that take what it is and what follows it
            if word in cues:
                continue
            plan, gated = number_plans[len(word)]
            for followed_by, tries in gated:
                if lower.startswith(followed_by, pos + len(word)):
                    plan += tries
        for back, regex, rule, starts, digits_start, number, once in plan:
            j = i - back
            if j < 0:
                continue
            if starts is not None:
                first = words[j]
                if first not in starts and not (digits_start and first.isdigit()):
                    continue                         # no match of this rule starts with that word
            if not once:
                if j * count + number in tried:
                    continue                         # tried from an earlier trigger: the same match
                tried.add(j * count + number)
            if j not in at:                          # a run before this one: found back from the run after it
                for k in range(i - 1, j - 1, -1):
                    if k not in at:
                        at[k] = _run_before(spaced, words[k], at[k + 1])
            m = regex.match(text, at[j])
            if m is not None:
                candidate = _candidate(m, text, rule)
                if candidate is not None:
                    found.append(candidate)
    chosen = _longest(found, len(text), partial(_names_a_day, months, alone_not))
    return [(start, end, rule, _groups(m)) for start, end, rule, m in chosen], cue_list


def _candidate(m: re.Match, text: str, rule: Rule) -> tuple | None:
    """A rule's match as a candidate ``(start, end, rule, match)``, trailing spaces left out (``None`` when nothing
    is left). The scan keeps the groups (:func:`_groups`) of the candidates it chooses."""
    start, end = m.span()
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, rule, m) if end > start else None


def _names_a_day(months: dict, alone_not: set, candidate: tuple) -> bool:
    """Whether a candidate's date can be one: not a month's short name alone (``Mar``, ``Des`` are words), not a day
    the month does not have. Asked by :func:`_longest` only of a candidate still free when its turn comes."""
    rule, m = candidate[2], candidate[3]
    month = m.group("month") if rule.dated else None
    if month:                                    # the groups a date's checks read (none matched: not there)
        names = m.re.groupindex
        day = m.group("day") if "day" in names else None
        year = m.group("year") if "year" in names else None
        if not day and not year and month.rstrip(".") in alone_not:
            return False
        if day and not _plausible({"day": day, "month": month, "year": year}, months):
            return False
    return True


def _groups(m: re.Match) -> dict:
    """The groups of a match that matched something."""
    return dict(filter(itemgetter(1), m.groupdict().items()))


def _wanted(words: list[str], others: set[str], lang: str) -> frozenset:
    """The words of a text the scan looks at (``words``: its runs, ``others``: its characters outside ASCII): triggers,
    tense cues, numbers of as many digits as a rule takes (a superset: the words the text has among them)."""
    wanted = _scanned_words(lang)
    if any(map(str.isdigit, others)):                                          # a number in other digits (²)
        number_plans = _number_plans(lang)
        wanted = wanted | {w for w in set(words) if w.isdigit() and len(w) in number_plans}
    return wanted


@lru_cache(maxsize=None)
def _scanned_words(lang: str) -> frozenset:
    """The words the scan stops at: triggers, tense cues, and every number in ASCII digits (``0`` to ``9999``, leading
    zeros too) of as many digits as a rule takes; a text with other digits adds its numbers (:func:`_scan`)."""
    numbers = (f"{n:0{digits}d}" for digits in _number_plans(lang) for n in range(10 ** digits))
    return frozenset(_plans(lang)) | frozenset(_cue_words(lang)) | frozenset(numbers)


@dataclass(frozen=True)
class Found:
    """What one scan of a text found: candidate matches and tense cues, before any DCT is known."""

    text: str
    lang: str
    candidates: list
    cues: list


def find_candidates(text: str, lang: str = "id") -> list[tuple[int, int, Rule, dict]]:
    """Every rule's matches, then the longest non-overlapping ones (ties: the earlier rule).

    A rule is tried only where it can match: at each of its triggers and at the starts of the
    ``reach`` words before it, so no rule scans the whole text.
    """
    return _scan(text, lang)[0]


def _longest(found: list, length: int, valid=None) -> list[tuple[int, int, Rule, dict]]:
    """The longest candidates that do not overlap (ties: the earlier rule, then the earlier start), in text order.
    ``valid``: a check asked only of a candidate that is free when its turn comes; one it refuses takes no place,
    so the choice is that among the valid candidates alone."""
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2].priority, c[0]))
    taken: list[tuple[int, int, Rule, dict]] = []
    occupied = bytearray(length + 1)
    for cand in found:
        if occupied.find(1, cand[0], cand[1]) < 0 and (valid is None or valid(cand)):
            taken.append(cand)
            occupied[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
    return sorted(taken, key=itemgetter(0))


@lru_cache(maxsize=None)
def _modifier_pattern(lang: str) -> re.Pattern:
    words = table(lang, "time")["modifiers"]
    return re.compile(rf"(?<![\w-])(?P<word>{alternation(words)})\s+$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _modifier_ends(lang: str) -> tuple[str, ...]:
    """The last words of the modifiers, in lowercase."""
    return tuple(sorted({word.split()[-1].lower() for word in table(lang, "time")["modifiers"]}))


def _modifiers(ctx: Context, rows: list[dict]) -> None:
    """``sekitar``, ``hampir``, ``paling lama`` ... just before an expression: its ``mod``, and part of its span."""
    pattern, words, ends = _modifier_pattern(ctx.lang), ctx.tab["modifiers"], _modifier_ends(ctx.lang)
    text, reach = ctx.text, ctx.tab["modifier_reach"]       # characters before the expression a modifier may take
    for row in rows:
        start = row["start"]
        if row["mod"] or not text[start - 1:start].isspace():
            continue                             # the pattern ends in a space just before the expression
        head = max(0, start - reach)
        before = text[head:start].rstrip()
        if before.isascii() and not before.lower().endswith(ends):
            continue                             # a modifier would end where the spaces before the expression begin
        m = pattern.search(text, head, start)
        if m:
            row.update(start=m.start(), text=ctx.text[m.start():row["end"]], mod=words[_key(m.group("word"))])


_RANGE_START = re.compile(r"(?<![\d/.,])(\d{1,2})\s*[-–—]\s*$")
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d")


def _day_ranges(ctx: Context, rows: list[dict]) -> list[dict]:
    """The first day of a range written once (``19—21 Desember 2018``): a date of its own, in the month of the second."""
    out = []
    for row in rows:
        value = row["value"]
        m = row["type"] == "DATE" and row["granularity"] == "day" and _DAY_VALUE.fullmatch(value) \
            and _RANGE_START.search(ctx.text, max(0, row["start"] - 8), row["start"])
        if m and int(m.group(1)) < int(value[8:10]):
            first = f"{value[:8]}{int(m.group(1)):02d}"
            extra = {"range_start": None, "range_end": None}
            if row["range_start"]:
                day = _date(row["range_start"]).replace(day=int(m.group(1)))
                extra = {"range_start": day.isoformat(), "range_end": (day + timedelta(days=1)).isoformat()}
            out.append(dict(row, id=row["id"] + "-from", start=m.start(1), end=m.end(1), text=m.group(1), value=first,
                            note="the first day of a range", **extra))
        out.append(row)
    return out


@lru_cache(maxsize=None)
def _handler_names(lang: str) -> dict[str, str]:
    """Rule name -> the name of its handler."""
    return {rule.name: rule.handler for rule in rules(lang)}


def _quoted_days(ctx: Context, rows: list[dict]) -> None:
    """``hari ini``, ``tadi``, ``kemarin`` inside a quotation count from the day the quotation was said
    (``"... tadi di kantor," kata Budi, Senin (10/12/2018)``), when the text dates it right after."""
    handler = _handler_names(ctx.lang)
    if ctx.dct is None or not any(handler.get(row["rule"]) == "relative_day" for row in rows):
        return                                   # nothing a quotation could re-date: its marks are not looked for
    starts = [row["start"] for row in rows]
    relative = [row["start"] for row in rows if handler.get(row["rule"]) == "relative_day"]
    reach = ctx.tab["quote_attribution_reach"]
    text = ctx.text
    lines = sorted({text.rfind("\n", 0, start) + 1 for start in relative})   # a quotation lies on one line: only
    quotes = [quote for line in lines for quote in quotations(text, line, end_of_line(text, line))]   # theirs are read
    for quote_start, quote_end in quotes:
        if bisect.bisect_left(relative, quote_start) == bisect.bisect_left(relative, quote_end):
            continue                             # no relative day inside: nothing to re-date
        after = bisect.bisect_left(starts, quote_end)
        said = next((row for row in rows[after:after + 3] if row["start"] - quote_end <= reach
                     and row["anchor"] is None and row["granularity"] in ("day", "time") and row["range_start"]
                     and "." not in ctx.text[quote_end:row["start"]]), None)
        if said is None:
            continue
        day = _date(said["range_start"])
        for row in rows[bisect.bisect_left(starts, quote_start):after]:
            if handler.get(row["rule"]) == "relative_day" and row["end"] <= quote_end:
                offset = ctx.tab["relative_days"][_key(row["text"])]
                row.update(_resolved("day", day + timedelta(days=offset)), anchor=said["id"],
                           note="counted from the day the quotation was said")


@lru_cache(maxsize=None)
def _joiner(lang: str) -> re.Pattern:
    """What may stand between a day and the time of day joined to it (commas, ``pada``)."""
    words = table(lang, "time")["time_joiners"]
    return re.compile(rf"[\s,]*(?:(?:{alternation(words)})\s+)?", re.IGNORECASE)


def _attach_times(ctx: Context, rows: list[dict]) -> list[dict]:
    """Join a part of day or clock time to the day just before it: ``Kamis malam``, ``Selasa (18/1) pukul 10.00``."""
    text, joiner = ctx.text, _joiner(ctx.lang)
    out: list[dict] = []
    for row in rows:
        prev = out[-1] if out else None
        if (row["type"] == "TIME" and row.get("loose") == "part" and prev is not None and prev["type"] == "DATE"
                and prev["granularity"] == "day" and prev["range_start"]
                and joiner.fullmatch(text, prev["end"], row["start"])):
            out[-1] = dict(prev, end=row["end"], text=text[prev["start"]:row["end"]], type="TIME",
                           value=prev["value"] + row["value"][10:], granularity="time",
                           rule=f"{prev['rule']}+{row['rule']}", note=prev["note"],
                           joined=prev.get("joined", [prev["id"]]) + [row["id"]])
            continue
        out.append(row)
    return out


def find_timexes(text: str, lang: str = "id") -> Found:
    """Scan ``text`` once for time expressions and tense cues; resolve the result with :func:`resolve`."""
    candidates, cues = _scan(text, lang)
    return Found(text, lang, candidates, cues)


def resolve(found: Found, dct: date | None, sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """The expressions of ``found`` resolved against ``dct`` (``None``: relative ones keep ``X`` digits).

    Returns plain rows (dicts with the keys of ``COLUMNS``), in text order.
    """
    text = found.text
    ctx = Context(text=text, dct=dct, lang=found.lang, sentences=sentences, cues=found.cues)
    rows: list[dict] = []
    handlers, loose = set(), set()           # which passes below have work: the rows' handlers, their loose times' kinds
    for number, (start, end, rule, groups) in enumerate(found.candidates, start=1):
        resolved = HANDLERS[rule.handler](ctx, groups, (start, end))
        if resolved is None:                    # matched the words but names no date (31 Desember 9999)
            continue
        row = {"id": f"t{number}", "start": start, "end": end, "text": text[start:end], "mod": None,
               "anchor": None, "tense": None, "note": None, "rule": rule.name, **resolved}
        rows.append(row)
        handlers.add(rule.handler)
        if "loose" in resolved:
            loose.add(resolved["loose"])
        ctx.previous.append(row)
        if row["anchor"] is None and row["granularity"] == "day" and row["value"][:4].isdigit():
            ctx.named_days[(int(row["value"][5:7]), int(row["value"][8:10]))] = row
    if "part" in loose:                          # a part of day may join the day before it
        rows = _attach_times(ctx, rows)
    numbered = len(rows) == len(found.candidates)       # every candidate a row, none joined: the ids are t1, t2 ...
    _modifiers(ctx, rows)
    if "relative_day" in handlers:               # else no quotation has a day to re-date
        _quoted_days(ctx, rows)
    rows = _day_ranges(ctx, rows)
    if loose:
        for row in rows:
            kind = row.pop("loose", None)
            if kind:                             # a time of day that no day took: the day of its sentence, or the DCT
                _day_for_time(ctx, row, kind)
    if not numbered or len(rows) != len(found.candidates):      # (a range's first day adds a row)
        _renumber(rows)
    return rows


def _renumber(rows: list[dict]) -> None:
    """Ids in text order (``t1``, ``t2`` ...) after rows were dropped, joined or added; a joined id goes with its row,
    and the anchors follow."""
    renamed = {}
    for i, row in enumerate(rows, start=1):
        for old in row.pop("joined", [row["id"]]):
            renamed[old] = f"t{i}"
    for row in rows:
        row["id"] = renamed[row["id"]]
        row["anchor"] = renamed.get(row["anchor"], row["anchor"])


def frame(rows: list[dict]) -> pd.DataFrame:
    """The rows of :func:`resolve` as the time-expression table (columns ``COLUMNS``)."""
    return frame_of(rows, COLUMNS)             # pd.DataFrame({column: [row[column] for row in rows] ...}), faster


def tag_timexes(text: str, dct: str | date | None, lang: str = "id",
                sentences: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Find and resolve the time expressions of ``text`` against ``dct`` (a date or ``None``).

    Pass ``Article.story_text`` so that boilerplate is never tagged. With ``dct=None`` relative
    expressions keep ``X`` digits and no range.

    >>> tag_timexes("Mereka akan bertemu Kamis.", "2021-12-29")[["text", "value"]].values.tolist()
    [['Kamis', '2021-12-30']]
    """
    if isinstance(dct, str):
        dct = date.fromisoformat(dct)
    return frame(resolve(find_timexes(text, lang), dct, sentences))


# ----------------------------------------------------------------------------- reading values

_GRANULARITY = [("day", re.compile(r"\d{4}-\d\d-\d\d(T.*)?")), ("week", re.compile(r"\d{4}-W\d\d(-WE)?")),
                ("month", re.compile(r"\d{4}-\d\d")), ("quarter", re.compile(r"\d{4}-Q\d")),
                ("year", re.compile(r"\d{4}")), ("decade", re.compile(r"\d{3}"))]


def granularity_of(value: str) -> str:
    """The precision a TIMEX3 value states: day, week, month, quarter, year, decade, or ``other``.

    >>> [granularity_of(v) for v in ("2021-12-30", "2021-W52", "2021-12", "2014", "201")]
    ['day', 'week', 'month', 'year', 'decade']
    """
    for name, pattern in _GRANULARITY:
        if pattern.fullmatch(value):
            return name
    return "other"


def last_day(range_end: str) -> str:
    """The last day of an end-exclusive range (``2022-01-01`` -> ``2021-12-31``)."""
    return (date.fromisoformat(range_end) - timedelta(days=1)).isoformat()
