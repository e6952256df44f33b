"""Stage 2, the article's date (DCT): given, curated, or weighed from the text's own dates.

:func:`resolve_dct` returns one :class:`Dct`, parsed once: the argument (``--dct`` on the command
line, ``DCT`` in a notebook), else the curated metadata, else :func:`infer_dct`.

Inference weighs the dated clues of the text (the names and weights are in the ``dct`` section of
``lib/lang/<code>/time.json``), calibrated on a development set of real news:

- a date with its weekday (``Jumat (20/6/2025)``, the way Indonesian news dates its own day) votes
  for its day and less for the day after; the first one (the lede), the latest one and one right
  after a reporting phrase (``kata Ari, Selasa (13/2/2024)``) count most; a date inside a
  quotation is what someone said, not the report's day;
- a date without a weekday votes weakly: news names many such dates of events, forecasts and
  schedules, often without a tense word, so they do not outvote a dated report; when the text
  gives only such dates there is no value, and the note says the DCT is on or after the latest;
- ``hari ini``, ``kemarin`` or ``besok`` next to a date (outside quotations) pins the day;
- a date without a year (``(20/6)``) takes the year its weekday fits among the years the text
  names; a year the text never names is a guess, and gives no value;
- a future-tense date (``akan ... 17 Januari``) bounds the DCT from above;
- bare weekdays with their tense allow some weekdays only; days outside them lose weight;
- a date far from the article's own (an earlier event) is not a candidate.

The answer is the best day; its confidence comes from its margin over the next day and from what
fixed it (``high`` needs a pin); ``range_start``/``range_end`` hold the days the evidence allows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from lib.errors import ArticleError
from lib.tables import alternation, table
from lib.timexes import QUOTE, WEEKDAY_NAMES, rules

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
YEAR_DOUBT = 2          # a weekday that fits two years this close to the article's own cannot tell them apart
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Dct:
    """The article's date and how it is known.

    ``day`` is the date or ``None``; ``source`` is ``argument``, ``metadata``, ``inferred`` or
    ``unknown``; ``confidence`` (``high``, ``medium``, ``low``), ``range_start``/``range_end``
    (the days the evidence allows, end exclusive), ``evidence`` (the spans or fields it rests
    on) and ``note`` describe an inferred date.
    """

    day: date | None
    source: str
    confidence: str | None = None
    range_start: date | None = None
    range_end: date | None = None
    evidence: tuple = ()
    note: str | None = None
    weekdays: tuple = field(default=(), repr=False)

    @property
    def value(self) -> str | None:
        """The date as ``YYYY-MM-DD``, or ``None``."""
        return self.day.isoformat() if self.day else None

    def to_json(self) -> dict:
        """The DCT as a JSON-ready dict (the ``dct`` field of ``python -m lib annotate``)."""
        out = {"value": self.value, "source": self.source, "evidence": list(self.evidence)}
        if self.source in ("inferred", "unknown"):
            out.update(confidence=self.confidence, note=self.note,
                       range_start=self.range_start.isoformat() if self.range_start else None,
                       range_end=self.range_end.isoformat() if self.range_end else None)
        return out


def parse_dct(value: str | date, setting: str = "DCT") -> date:
    """A DCT the user set, checked: ``YYYY-MM-DD``, a real day, within 1900-2199.

    ``setting`` names where it was set (``DCT`` in a notebook, ``--dct`` on the command line).

    >>> parse_dct("2021-12-29")
    datetime.date(2021, 12, 29)
    """
    if isinstance(value, date):
        day = value
    else:
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise ArticleError(f"{setting}: expected a date YYYY-MM-DD, got {value!r}")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ArticleError(f"{setting}: {value!r} is not a real date") from None
    if not EARLIEST <= day <= LATEST:
        raise ArticleError(f"{setting}: {day.isoformat()} is outside the dates the workbook resolves "
                           f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")
    return day


def resolve_dct(given: str | date | None, metadata: dict | None, inferred, setting: str = "DCT",
                meta_file: str | None = None) -> Dct:
    """The DCT from the argument, else the metadata, else ``inferred()`` (a function returning a :class:`Dct`)."""
    if given is not None:
        return Dct(parse_dct(given, setting), "argument")
    if metadata:
        return Dct(parse_dct(metadata["dct"], f"{meta_file or 'metadata'}: field 'dct'"), "metadata",
                   evidence=({"file": meta_file, "field": "dct"},))
    return inferred()


# ----------------------------------------------------------------------------- inference

@lru_cache(maxsize=None)
def _settings(lang: str) -> dict:
    tab = table(lang, "time")
    handler = {rule.name: rule.handler for rule in rules(lang)}
    words = alternation(tab["dct"]["reporting_words"])
    reporting = re.compile(rf"(?<![\w-])(?:{words})(?:{alternation(tab['dct']['reporting_suffixes'])})?(?![\w-])[^.!?]*$",
                           re.IGNORECASE)
    return {"tab": tab, "dct": tab["dct"], "handler": handler, "reporting": reporting}


def _day(value: str | None) -> date | None:
    if value and _ISO_DAY.fullmatch(value[:10]) and not value.startswith("X"):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _handler(handler: dict, row: dict) -> str | None:
    """The handler of a row's rule; a joined row (``Jumat (20/6/2025) malam``) counts as its first part."""
    return handler.get(row["rule"].split("+")[0])


def _same_sentence(sentences, a: int, b: int) -> bool:
    for s, e in sentences:
        if s <= a < e:
            return s <= b < e
    return False


def infer_dct(rows: list[dict], lang: str = "id", sentences: list[tuple[int, int]] = (), text: str = "") -> Dct:
    """Weigh the dated clues among ``rows`` (time expressions resolved with no DCT) into a :class:`Dct`.

    ``text`` (the text the rows index) lets a date that follows a reporting phrase (``kata Ari,
    Selasa (13/2/2024)``) count as the day of the reporting.
    """
    st = _settings(lang)
    conf, handler = st["dct"], st["handler"]
    weights = conf["weights"]
    votes: dict[date, float] = {}
    evidence: list[dict] = []

    def cite(row, why):
        evidence.append({"start": row["start"], "end": row["end"], "text": row["text"], "why": why})

    def vote(day: date, spread: list[float], sign: float = 1.0):
        for i, w in enumerate(spread):
            d = day + timedelta(days=i)
            votes[d] = votes.get(d, 0.0) + sign * w

    future = lambda row: (row["tense"] or "").startswith("future")
    days = [r for r in rows if r["granularity"] in ("day", "time") and _handler(handler, r) == "date"]
    full = [(r, _day(r["value"])) for r in days if r["anchor"] is None]
    full = [(r, d) for r, d in full if d is not None and EARLIEST <= d <= LATEST]
    years = _year_counts(rows, full)
    yearless = [r for r in days if re.fullmatch(r"XXXX-\d\d-\d\d.*", r["value"] or "")]
    dated = list(full)
    uncertain = set()
    for r in yearless:                       # the year: the weekday's, among the years the article names
        d, certain = _place_in_year(r, years, [d for _, d in full])
        if d is not None:
            dated.append((r, d))
            if not certain:
                uncertain.add(d)
    uncertain -= {d for _, d in full}
    if dated:          # news is written after what it reports: the latest date that carries its weekday, else the middle
        weekdayed = sorted(d for r, d in dated if r.get("weekday") == d.isoweekday() and not future(r))
        everything = sorted({d for _, d in dated})            # each day once, however often it is named
        centre = weekdayed[-1] if weekdayed else everything[len(everything) // 2]
        kept = [(r, d) for r, d in dated if abs((d - centre).days) <= conf["cluster_days"]]
        for r, d in dated:
            if (r, d) not in kept:
                cite(r, "far from the article's other dates (an earlier event): not a candidate")
        dated = kept
    quoted = [(m.start(), m.end()) for m in QUOTE.finditer(text)] if text else []
    news = sorted(((r, d) for r, d in dated if r.get("weekday") == d.isoweekday()
                   and not any(a <= r["start"] < b for a, b in quoted)),     # a date someone says is not the report's
                  key=lambda rd: rd[0]["start"])
    reported = {id(r) for r, _ in news if text and st["reporting"].search(text, max(0, r["start"] - conf["reporting_window"]),
                                                                        r["start"])}
    news = [(r, d) for r, d in news if id(r) in reported or not future(r)]
    for r, d in dated:
        if "weekday" in r and future(r) and id(r) not in reported:
            cite(r, "a future-tense date: the DCT is before it or on it")
    seen = set()
    for i, (r, d) in enumerate(news):           # the news form: reported, the lede's and the latest count most
        bonus = (weights["lede"] if i == 0 else 0.0) + (weights["latest"] if d == max(x for _, x in news) else 0.0) \
            + (weights["reported"] if id(r) in reported else 0.0)
        vote(d, [w * ((0.0 if d in seen else 1.0) + bonus) for w in weights["news_form"]])
        seen.add(d)
        cite(r, "a date with its weekday, as news gives its own day: the DCT is that day or just after")
    news_rows = {id(r) for r, _ in news}
    for r, d in dated:
        if id(r) in news_rows or d in seen:
            continue
        seen.add(d)                            # each day counts once, however often it is named
        if future(r):
            cite(r, "a future-tense date: the DCT is before it or on it")
            continue
        vote(d, weights["full_date"] if not news else weights["background_date"])
        cite(r, "a date: the DCT is on or after it, within a week")
    # relative days next to a date pin the day
    relative = st["tab"]["relative_days"]
    for r in rows:
        if _handler(handler, r) != "relative_day" or any(a <= r["start"] < b for a, b in quoted):
            continue                             # "... tadi di Istana," counts from the day it was said, not the DCT
        offset = relative.get(" ".join(r["text"].lower().split()))
        for other, d in dated:
            if offset is not None and abs(other["start"] - r["start"]) < conf["pin_window"] \
                    and _same_sentence(sentences, r["start"], other["start"]):
                vote(d - timedelta(days=offset), weights["pinned"])
                cite(r, "a relative day next to a date: pins the DCT"), cite(other, "the date it is relative to")
    mentions = _weekday_mentions(rows, handler)
    weekdays = _allowed_weekdays(mentions)
    positive = {d: v for d, v in votes.items() if v > 0}
    pinned = any(e["why"].startswith("a relative day") for e in evidence)
    if positive and not news and not pinned:   # dates of events alone: the DCT is after them, how long after is unknown
        latest = max(d for r, d in dated if not future(r)) if any(not future(r) for r, _ in dated) else None
        return _no_day(rows, handler, weekdays, evidence,
                       "the text dates only the events it reports" + (f"; the DCT is on or after {latest.isoformat()}"
                                                                     if latest else ""), years, yearless)
    if not positive:
        return _no_day(rows, handler, weekdays, evidence, years=years, yearless=yearless)
    for d in positive:                        # bare weekdays: news mostly reports that day or the day before
        for w, is_future in mentions:
            back = (d.isoweekday() - w) % 7
            if not is_future and back < len(weights["weekday"]):
                positive[d] += weights["weekday"][back]
        if weekdays and d.isoweekday() not in weekdays:
            positive[d] -= weights["weekday_clash"]
    upper = min((d for r, d in dated if future(r) and id(r) not in reported), default=None)
    if upper is not None and any(d <= upper for d in positive):     # a future-tense date: the DCT is on or before it
        positive = {d: v for d, v in positive.items() if d <= upper}
    ranked = sorted(positive.items(), key=lambda kv: (-kv[1], -kv[0].toordinal()))   # ties: the later day
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < conf["min_score"]:
        return _no_day(rows, handler, weekdays, evidence, f"the dates of the text are too weak to fix the day "
                                                          f"(best {best.isoformat()}, score {score:.2f})", years, yearless)
    if best in uncertain or best - timedelta(days=1) in uncertain:
        return _no_day(rows, handler, weekdays, evidence,
                       f"the text dates itself {best.strftime('%d %B')} without a year, and its weekday fits more than "
                       f"one of the years it names", years, yearless)
    margin = score - second
    confidence = "high" if margin >= conf["margin_high"] else "medium" if margin >= conf["margin_medium"] else "low"
    agree = len(news) > 1 and news[0][1] == max(d for _, d in news) == best
    if not pinned:                             # a news form alone: that day, or the next when written the day after
        confidence = "medium" if agree and confidence != "low" else "low"
    near = sorted(d for d, v in positive.items() if abs((d - best).days) <= 7 and v >= score * conf["range_share"])
    if not pinned:
        near = sorted(set(near) | {best, best + timedelta(days=1)})
    if upper is not None:
        near = [d for d in near if d <= upper] or [best]
    note = None
    if len(near) > 1:
        note = (f"the text allows {near[0].isoformat()} to {near[-1].isoformat()}; "
                f"{best.isoformat()} has the most evidence")
    return Dct(best, "inferred", confidence, near[0], near[-1] + timedelta(days=1), tuple(evidence), note)


def _year_counts(rows: list[dict], full: list[tuple[dict, date]]) -> dict[int, int]:
    """How often the article names each year (in dates and on their own)."""
    counts: dict[int, int] = {}
    for _, d in full:
        counts[d.year] = counts.get(d.year, 0) + 1
    for r in rows:
        if r["granularity"] == "year" and re.fullmatch(r"\d{4}", r["value"] or ""):
            year = int(r["value"])
            if EARLIEST.year <= year <= LATEST.year:
                counts[year] = counts.get(year, 0) + 1
    return counts


def _place_in_year(row: dict, years: dict[int, int], full: list[date]) -> tuple[date | None, bool]:
    """A date without a year (``Selasa (21/1)``, ``31 Desember``) in the year the article allows, and whether
    that year is certain.

    With a weekday: a year it falls on that weekday, the nearest to the latest year of the article's
    full dates (else of the years it names); uncertain when another such year lies within the span
    of the years it names. Without a weekday: the year that puts it nearest the article's full dates.
    """
    month, day = int(row["value"][5:7]), int(row["value"][8:10])
    if not years:
        return None, False
    options = []
    for year in range(min(years) - 1, max(years) + 2):
        try:
            options.append(date(year, month, day))
        except ValueError:
            pass
    if "weekday" in row:
        fits = [d for d in options if d.isoweekday() == row["weekday"]]
        if not fits:
            return None, False
        anchor = max(full).year if full else max(sorted(years), key=lambda y: years[y])
        best = min(fits, key=lambda d: (abs(d.year - anchor), -d.year))
        rivals = [d for d in fits if d != best and (abs(d.year - anchor) <= YEAR_DOUBT or not full)]
        return best, not rivals and best.year in years      # a year the text never names is a guess
    if not full or not options:
        return None, False
    centre = sorted(full)[len(full) // 2]
    return min(options, key=lambda d: (abs((d - centre).days), d)), True


def _weekday_mentions(rows, handler) -> list[tuple[int, bool]]:
    """``(weekday, future)`` of the bare weekdays (``Kamis``, ``akan ... Kamis``)."""
    return [(int(r["value"][-1]), (r["tense"] or "").startswith("future")) for r in rows
            if _handler(handler, r) == "weekday" and re.fullmatch(r"XXXX-WXX-\d", r["value"] or "")]


def _allowed_weekdays(mentions: list[tuple[int, bool]]) -> set[int]:
    """Weekdays the DCT can be when all the bare weekdays lie within seven days of one another
    (a past one on or before the DCT, a future one after it); empty when they allow any."""
    if not mentions or (all(not future for _, future in mentions) and len({w for w, _ in mentions}) == 1):
        return set()
    allowed = set()
    for w in range(1, 8):
        offsets = [((wd - w) % 7 or 7) if future else -((w - wd) % 7) for wd, future in mentions]
        if max(offsets) - min(offsets) < 7:
            allowed.add(w)
    return allowed if len(allowed) < 7 else set()


def _no_day(rows, handler, weekdays, evidence, note=None, years=None, yearless=()) -> Dct:
    """No day: say what the text does tell (which weekdays the DCT can be)."""
    days = tuple(sorted(weekdays))
    for r in rows:
        if _handler(handler, r) == "weekday" and days:
            evidence.append({"start": r["start"], "end": r["end"], "text": r["text"],
                             "why": f"weekday, {r['tense'] or 'no tense cue (past)'}"})
    for r in yearless:
        evidence.append({"start": r["start"], "end": r["end"], "text": r["text"],
                         "why": "a date without a year; the text does not fix its year"})
    what = "the DCT is a " + " or ".join(WEEKDAY_NAMES[w - 1] for w in days) + ", date unknown" if days \
        else "nothing in it bounds the DCT"
    if yearless and not years:
        what = "its dates have no year and it names no year"
    return Dct(None, "unknown", evidence=tuple(evidence), note=note or f"the text gives no full date; {what}",
               weekdays=days)


def infer_from_text(text: str, lang: str = "id", sentences: list[tuple[int, int]] | None = None) -> Dct:
    """:func:`infer_dct` on bare text (pass ``Article.story_text`` and its sentences when there is an article).

    >>> infer_from_text("Polisi menangkap pelaku, kata Ari, Jumat (20/6/2025).").value
    '2025-06-20'
    """
    from lib.text import text_sentences
    from lib.timexes import find_timexes, resolve

    sentences = text_sentences(text, lang) if sentences is None else sentences
    return infer_dct(resolve(find_timexes(text, lang), None, sentences), lang, sentences, text)
