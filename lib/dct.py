"""Stage 2, the article's date (DCT): given, curated, or weighed from the text's own dates.

:func:`resolve_dct` returns one :class:`Dct`, parsed once: the argument (``--dct`` on the command
line, ``DCT`` in a notebook), else the curated metadata, else :func:`infer_dct`.

Inference weighs the dated clues of the text (the names and weights are in the ``dct`` section of
``lib/lang/<code>/time.json``), calibrated on a development set of real news:

- a date with its weekday (``Jumat (20/6/2025)``, the way Indonesian news dates its own day) votes
  for its day and less for the day after; the first one (the lede), the latest one and one right
  after a reporting phrase (``kata Ari, Selasa (13/2/2024)``, ``jawabnya, Rabu (1/1/2025)``,
  ``Mengutip laporan ... pada Selasa (3/9/2024)``) count most; a date inside a quotation is what
  someone said, not the report's day. Quotations are found by pairing a line's quotation marks in
  turn, whatever their shape (scrapers mix ``"`` with ``”`` and some outlets open with ``”``);
- a tense cue counts for a date only within its clause: not across a quotation mark
  (``"Saya akan ...," ujar Idrus ..., Kamis (25/2/2016)``), and not from a later clause after a
  date with its weekday (``pada Selasa (3/9/2024), penangguhan ... akan ...``); ``Minggu (11/2)
  nanti`` stays future;
- a date without a weekday votes weakly: news names many such dates of events, forecasts and
  schedules, often without a tense word, so they do not outvote a dated report; when the text
  gives only such dates there is no value, and the note says the DCT is on or after the latest;
- ``hari ini``, ``kemarin`` or ``besok`` next to a date (outside quotations) pins the day, and so
  does a dateline that opens the text with a date (``Jakarta, 20 Juni 2025 -``);
- a date without a year (``Kamis (30/1)``, the way CNN Indonesia writes the current year) takes the
  year its weekday falls in, among the years the article's words allow: after a year said to be
  past (``2019 silam``, ``awal 2020 lalu``), before one said to be to come (``tahun 2020
  mendatang``), the year called this year (``tahun 2025 ini``), at most two years after the latest
  year it names; of those, the year the named years support (news reports the present against the
  recent past: a named year supports itself and the next year, a little the one after and the one
  before, and counts against years two or more before it). Support too weak or too close to
  another year's, or a year well before a year the text names while a later year fits, gives no
  value;
- the news day is the article's own, or the day before it when the article takes an event abroad from a
  foreign news source (``kata juru bicara itu kepada Reuters``, ``waktu setempat``) and dates it by that
  event's own day with no reporting phrase before the date, or calls itself a compilation (``rangkuman``)
  whose own date is not its latest news date; then the day after is taken, with low confidence and both days
  in the range, unless the text speaks of its own day (``hari ini``, ``sore ini``);
- a future-tense date (``akan ... 17 Januari``) bounds the DCT from above;
- bare weekdays with their tense allow some weekdays only; days outside them lose weight;
- a date far from the article's own (an earlier event) is not a candidate;
- a lede that sums up a period up to now (``... terjadi dalam sepekan terakhir``) makes the range
  run to the end of that period counted from the first day the text reports.

The answer is the best day; its confidence comes from its margin over the next day and from what
fixed it (``high`` needs a pin); ``range_start``/``range_end`` hold the days the evidence allows.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter

from lib.errors import ArticleError
from lib.tables import alternation, table
from lib.text import WordSearch, end_of_line, lower_as_matched, lowered, quotations
from lib.timexes import WEEKDAY_NAMES, rules

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEARLESS_DAY = re.compile(r"XXXX-\d\d-\d\d.*")
_BARE_WEEKDAY = re.compile(r"XXXX-WXX-\d")
_DURATION = re.compile(r"P(\d+)([DWMY])")
_YEAR_FIRST = re.compile(r"\d{4}(?:$|-)")
# the generic dateline form that dates a report: a place and a comma opening the text, the date, an optional
# agency in brackets or slashes, a dash (``Jakarta, 20 Juni 2025 -``, ``JAKARTA, 5/2/2024 (ANTARA) -``)
DATELINE_BEFORE = re.compile(r"\s*[A-Z\u00c0-\u00de][\w'-]*(?:\s+[A-Z\u00c0-\u00de][\w'-]*){0,3},\s*")
DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)?\s*[-\u2013\u2014]")


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
    conf = tab["dct"]
    handler = {rule.name: rule.handler for rule in rules(lang)}
    words = alternation(conf["reporting_words"])
    reporting = WordSearch.of(rf"(?<![\w-])(?:{words})(?:{alternation(conf['reporting_suffixes'])})?(?![\w-])[^.!?]*$",
                          conf["reporting_words"])
    cues = {word.lower(): tense for tense, words in tab["tense_cues"].items() for word in words}
    markers = conf["year_markers"]
    nd = conf["next_day"]
    foreign = WordSearch.of(rf"(?<![\w-])(?i:{alternation(nd['foreign_source_before'])})\s*"
                        rf"(?:(?i:{alternation(nd['foreign_source_between'])})\s+)?(?:{alternation(nd['foreign_sources'])})"
                        rf"(?![\w-])(?!\s+(?:{alternation(nd['domestic_editions'])})(?![\w-]))", nd["foreign_source_before"], 0)
    compilation = alternation(nd["compilation_stems"])
    return {"tab": tab, "dct": conf, "handler": handler, "reporting": reporting, "cues": cues,
            "foreign": foreign,
            "foreign_marker": WordSearch.of(rf"(?<![\w-])(?:{alternation(nd['foreign_markers'])})(?![\w-])",
                                        nd["foreign_markers"]),
            "compilation": WordSearch.of(rf"(?<![\w-])(?:{compilation})\w*", nd["compilation_stems"]),
            "compilation_before": WordSearch.of(rf"(?<![\w-])(?:{compilation})[^.!?]*$", nd["compilation_stems"]),
            "same_day": WordSearch.of(rf"(?<![\w-])(?:{alternation(nd['same_day_words'])})(?![\w-])", nd["same_day_words"]),
            "cue_regex": WordSearch.of(rf"(?<!\w)(?:{alternation(cues)})(?!\w)", cues),
            "marker_after": re.compile(rf"\s*(?:{alternation(markers)})(?![\w-])", re.IGNORECASE),
            "markers": {k.lower(): v for k, v in markers.items()},
            "this_year_before": re.compile(rf"(?<![\w-])(?:{alternation(conf['this_year_before'])})\s+\d{{4}}$",
                                           re.IGNORECASE),
            "this_year_after": re.compile(rf"\s+(?:{alternation(conf['this_year_after'])})(?![\w-])", re.IGNORECASE),
            "year_words": {w.lower() for w in conf["year_words"]},
            "year_preposition": re.compile(rf"(?<![\w-])(?:{alternation(conf['year_prepositions'])})\s+$", re.IGNORECASE),
            "period_to_now": re.compile(rf"\s+(?:{alternation(conf['period_to_now_after'])})(?![\w-])", re.IGNORECASE)}


def _day(value: str | None) -> date | None:
    if value and _ISO_DAY.fullmatch(value[:10]) and not value.startswith("X"):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _handler(handler: dict, row: dict) -> str | None:
    """The handler of a row's rule; a joined row (``Jumat (20/6/2025) malam``) counts as its first part."""
    rule = row["rule"]
    return handler.get(rule) if "+" not in rule else handler.get(rule.split("+")[0])


def _same_sentence(sentences, a: int, b: int) -> bool:
    for s, e in sentences:
        if s <= a < e:
            return s <= b < e
    return False


def _sentence(sentences, text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (found by bisection of the sentences' starts); else its line."""
    i = bisect.bisect_right(sentences, pos, key=itemgetter(0)) - 1
    if i >= 0 and pos < sentences[i][1]:
        return sentences[i]
    return text.rfind("\n", 0, pos) + 1, end_of_line(text, pos)


def infer_dct(rows: list[dict], lang: str = "id", sentences: list[tuple[int, int]] = (), text: str = "") -> Dct:
    """Weigh the dated clues among ``rows`` (time expressions resolved with no DCT) into a :class:`Dct`.

    ``text`` (the text the rows index) lets a date that follows a reporting phrase (``kata Ari,
    Selasa (13/2/2024)``) count as the day of the reporting, keeps what quotations say apart, and
    lets the words next to a year (``2019 silam``, ``tahun 2020 mendatang``) bound the article's year.
    """
    st = _settings(lang)
    conf, handler = st["dct"], st["handler"]
    weights = conf["weights"]
    votes: dict[date, float] = {}
    evidence: list[dict] = []
    quoted = quotations(text) if text else []
    quote_starts = [s for s, _ in quoted]
    lower = lowered(text)

    def quote_of(pos: int) -> int | None:
        i = bisect.bisect_right(quote_starts, pos) - 1
        return i if i >= 0 and pos < quoted[i][1] else None

    def cite(row, why):
        evidence.append({"start": row["start"], "end": row["end"], "text": row["text"], "why": why})

    def vote(day: date, spread: list[float], sign: float = 1.0):
        for i, w in enumerate(spread):
            d = day + timedelta(days=i)
            votes[d] = votes.get(d, 0.0) + sign * w

    futures: dict[int, bool] = {}

    def future(row) -> bool:                  # asked of dated rows and years alone: worked out when first asked
        if id(row) not in futures:
            futures[id(row)] = _future(row, text, sentences, st, quote_of, lower)
        return futures[id(row)]

    kinds = [_handler(handler, r) for r in rows]            # each row's handler, asked once
    days = [r for r, kind in zip(rows, kinds) if kind == "date" and r["granularity"] in ("day", "time")]
    full = [(r, _day(r["value"])) for r in days if r["anchor"] != "DCT"]    # a day named in full elsewhere counts
    full = [(r, d) for r, d in full if d is not None and EARLIEST <= d <= LATEST]
    years = _article_years(rows, text, st, quote_of, future)
    yearless = [r for r in days if _YEARLESS_DAY.fullmatch(r["value"] or "")]
    dated = list(full)
    uncertain = set()
    placed, full_days = {}, [d for _, d in full]
    for r in yearless:                       # the year: the weekday's, among the years the article allows
        key = (r["value"][5:10], r.get("weekday"))
        if key not in placed:
            placed[key] = _place_in_year(r, years, full_days, conf)
        d, certain = placed[key]
        if d is not None:
            dated.append((r, d))
            if not certain:
                uncertain.add(d)
    uncertain -= {d for _, d in full}
    if len(dated) > len(full):
        for r, why in years.cited:
            cite(r, why)
    if dated:          # news is written after what it reports: the latest date that carries its weekday, else the middle
        weekdayed = sorted(d for r, d in dated if r.get("weekday") == d.isoweekday() and not future(r))
        everything = sorted({d for _, d in dated})            # each day once, however often it is named
        centre = weekdayed[-1] if weekdayed else everything[len(everything) // 2]
        kept = [(r, d) for r, d in dated if abs((d - centre).days) <= conf["cluster_days"]]
        for r, d in dated:
            if (r, d) not in kept:
                cite(r, "far from the article's other dates (an earlier event): not a candidate")
        dated = kept
    news = sorted(((r, d) for r, d in dated if r.get("weekday") == d.isoweekday()
                   and quote_of(r["start"]) is None),     # a date someone says is not the report's
                  key=lambda rd: rd[0]["start"])
    reported = {id(r) for r, _ in news if text and st["reporting"].search(
        text, lower, max(0, r["start"] - conf["reporting_window"]), r["start"])}
    news = [(r, d) for r, d in news if id(r) in reported or not future(r)]
    for r, d in dated:
        if "weekday" in r and future(r) and id(r) not in reported:
            cite(r, "a future-tense date: the DCT is before it or on it")
    upper = min((d for r, d in dated if future(r) and id(r) not in reported), default=None)
    later = _next_day(news, reported, text, st, quote_of, lower) if news and text else None
    if later and upper is not None and later[0] >= upper:
        later = None                           # a future-tense date on the news day: not the day after
    if later:                                  # an event abroad, a compilation: written the day after the news day
        cite(later[1], later[2])
    compiled = later is not None and later[3] == "compilation"      # its lede names the first day it gathers
    seen = set()
    latest_news = max((d for _, d in news), default=None)
    for i, (r, d) in enumerate(news):           # the news form: reported, the lede's and the latest count most
        bonus = (weights["lede"] if i == 0 and not compiled else 0.0) \
            + (weights["latest"] if d == latest_news else 0.0) \
            + (weights["reported"] if id(r) in reported else 0.0)
        spread = weights["news_form_next_day"] if later and d == later[0] else weights["news_form"]
        vote(d, [w * ((0.0 if d in seen else 1.0) + bonus) for w in spread])
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
    for r, kind in zip(rows, kinds):
        if kind != "relative_day" or quote_of(r["start"]) is not None:
            continue                             # "... tadi di Istana," counts from the day it was said, not the DCT
        offset = relative.get(" ".join(r["text"].lower().split()))
        for other, d in dated:
            if offset is not None and abs(other["start"] - r["start"]) < conf["pin_window"] \
                    and _same_sentence(sentences, r["start"], other["start"]):
                vote(d - timedelta(days=offset), weights["pinned"])
                cite(r, "a relative day next to a date: pins the DCT"), cite(other, "the date it is relative to")
    for r, d in dated:                        # a dateline that dates the report: Jakarta, 20 Juni 2025 -
        if text and DATELINE_BEFORE.fullmatch(text, 0, r["start"]) and DATELINE_AFTER.match(text, r["end"]):
            vote(d, weights["pinned"])
            cite(r, "a dateline: the report's own day")
    mentions = _weekday_mentions(rows, kinds)
    weekdays = _allowed_weekdays(mentions)
    positive = {d: v for d, v in votes.items() if v > 0}
    pinned = any(e["why"].startswith(("a relative day", "a dateline")) for e in evidence)
    if positive and not news and not pinned:   # dates of events alone: the DCT is after them, how long after is unknown
        latest = max(d for r, d in dated if not future(r)) if any(not future(r) for r, _ in dated) else None
        return _no_day(rows, kinds, weekdays, evidence,
                       "the text dates only the events it reports" + (f"; the DCT is on or after {latest.isoformat()}"
                                                                     if latest else ""), years, yearless)
    if not positive:
        return _no_day(rows, kinds, weekdays, evidence, years=years, yearless=yearless)
    for d in positive:                        # bare weekdays: news mostly reports that day or the day before
        for w, is_future in mentions:
            back = (d.isoweekday() - w) % 7
            if not is_future and back < len(weights["weekday"]):
                positive[d] += weights["weekday"][back]
        if weekdays and d.isoweekday() not in weekdays:
            positive[d] -= weights["weekday_clash"]
    if upper is not None and any(d <= upper for d in positive):     # a future-tense date: the DCT is on or before it
        positive = {d: v for d, v in positive.items() if d <= upper}
    ranked = sorted(positive.items(), key=lambda kv: (-kv[1], -kv[0].toordinal()))   # ties: the later day
    best, score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if score < conf["min_score"]:
        return _no_day(rows, kinds, weekdays, evidence, f"the dates of the text are too weak to fix the day "
                                                          f"(best {best.isoformat()}, score {score:.2f})", years, yearless)
    if best in uncertain or best - timedelta(days=1) in uncertain:
        return _no_day(rows, kinds, weekdays, evidence,
                       f"the text dates itself {best.strftime('%d %B')} without a year, and the years it names "
                       f"({', '.join(map(str, sorted(years.named))) or 'none'}) do not fix the year its weekday falls in",
                       years, yearless)
    margin = score - second
    confidence = "high" if margin >= conf["margin_high"] else "medium" if margin >= conf["margin_medium"] else "low"
    agree = len(news) > 1 and news[0][1] == max(d for _, d in news) == best
    if not pinned:                             # a news form alone: that day, or the next when written the day after
        confidence = "medium" if agree and confidence != "low" else "low"
    near = sorted(d for d, v in positive.items() if abs((d - best).days) <= 7 and v >= score * conf["range_share"])
    if not pinned:                             # the news day or the day after; the day after: the news day or it
        after = later and best == later[0] + timedelta(days=1)
        near = sorted(set(near) | ({later[0], best} if after else {best, best + timedelta(days=1)}))
    if upper is not None:
        near = [d for d in near if d <= upper] or [best]
    roundup = _roundup(rows, text, sentences, st, quote_of) if news else None
    if roundup:                                # sepekan terakhir in the lede: the report closes the period it sums up
        row, span = roundup
        last = min(d for _, d in news) + timedelta(days=span)
        if last > near[-1]:
            near, confidence = sorted(set(near) | {last}), "low"
            cite(row, f"the lede sums up a period that ends on the DCT: the DCT is at most {span} days after "
                      f"the first day the text reports")
    note = None
    if len(near) > 1:
        note = (f"the text allows {near[0].isoformat()} to {near[-1].isoformat()}; "
                f"{best.isoformat()} has the most evidence")
    return Dct(best, "inferred", confidence, near[0], near[-1] + timedelta(days=1), tuple(evidence), note)


_DURATION_DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


def _next_day(news: list, reported: set, text: str, st: dict, quote_of,
              lower: str | None = None) -> tuple[date, dict, str, str] | None:
    """Whether the article was written the day after its latest news date: returns that date, the clue (a
    span), why, and its kind (``compilation`` or ``abroad``); ``None`` when nothing says so, or when the text
    speaks of its own day outside quotations (``hari ini``, ``siang ini``).

    Two kinds of article come after their news day: one that takes an event abroad from a foreign news source
    (``menurut laporan Reuters``, ``waktu setempat``) and dates it by the event's own day, with no reporting
    phrase before the date (an event abroad falls late in the day by Indonesian time, and the report follows
    the wire); and a compilation (``Berikut rangkuman ...``), written after the days it gathers, unless its
    latest news date is the compilation's own (``Dirangkum tim redaksi, Senin (3/3/2025)``). Only words outside
    quotations count. ``lower``: the lowercased text (:func:`lib.text.lowered`).
    """
    def outside(words):
        return next((m for m in words.finditer(text, lower) if quote_of(m.start()) is None), None)

    def clue(m, why, kind):
        return {"start": m.start(), "end": m.end(), "text": m.group()}, why, kind

    latest = max(d for _, d in news)
    window = st["dct"]["reporting_window"]
    compiled = outside(st["compilation"])
    found = None
    if compiled and not any(d == latest and st["compilation_before"].search(text, lower, max(0, r["start"] - window),
                                                                           r["start"])
                            for r, d in news):
        found = clue(compiled, "a compilation, written after the days it gathers: the DCT is likely the day after its "
                               "latest news date", "compilation")
    elif not any(id(r) in reported for r, d in news if d == latest):
        foreign = outside(st["foreign"]) or outside(st["foreign_marker"])
        if foreign:
            found = clue(foreign, "an event abroad taken from a foreign news source and dated by its own day: the DCT "
                                  "is likely the day after", "abroad")
    if found is None or outside(st["same_day"]):       # the text's own day: asked only of a text that gives a clue
        return None
    return latest, *found


def _roundup(rows: list[dict], text: str, sentences, st: dict, quote_of) -> tuple[dict, int] | None:
    """A period up to now in the lede (``... terjadi dalam sepekan terakhir``), outside quotations: the
    article sums up that period, and the report closes it. Returns the row and the period in days."""
    if not text:
        return None
    lede_end = sentences[0][1] if sentences else _sentence((), text, 0)[1]
    for r in rows:
        m = _DURATION.fullmatch(r["value"] or "")
        if r["start"] >= lede_end or m is None or r["type"] != "DURATION" or quote_of(r["start"]) is not None:
            continue
        if st["period_to_now"].match(text, r["end"]):
            return r, int(m.group(1)) * _DURATION_DAYS[m.group(2)]
    return None


def _future(row: dict, text: str, sentences, st: dict, quote_of, lower: str | None = None) -> bool:
    """Whether a row is future: its tense cue (``future:akan``) scoped to the row's clause.

    A cue on the other side of a quotation mark is someone else's words (``"... akan ...," ujar Idrus,
    Kamis (25/2/2016)``); a cue after a date written with its weekday belongs to a later clause
    (``pada Selasa (3/9/2024), penangguhan ... akan``) unless it follows the date at once
    (``Minggu (11/2) nanti``). Without the text the row's own tense is taken.
    """
    tense = row["tense"] or ""
    if not tense.startswith("future"):
        return False
    if not text:
        return True
    s, e = _sentence(sentences, text, row["start"])
    own = quote_of(row["start"])
    best = None
    for m in st["cue_regex"].finditer(text, lower, s, e):
        if row["start"] <= m.start() < row["end"] or quote_of(m.start()) != own:
            continue
        if m.start() >= row["end"] and "weekday" in row and text[row["end"]:m.start()].strip():
            continue
        distance = row["start"] - m.end() if m.end() <= row["start"] else m.start() - row["end"]
        if best is None or distance < best[0]:
            best = (distance, st["cues"][lower_as_matched(m.group())])
    return best is not None and best[1] == "future"


@dataclass
class Years:
    """What the article says about its own year: the years it names (each once), the bounds its words
    put on the year (``2019 silam``: after 2019; ``tahun 2020 mendatang``: before 2020) and the years it
    calls this year (``tahun 2025 ini``)."""

    named: set = field(default_factory=set)
    lower: int = EARLIEST.year
    upper: int = LATEST.year
    this: set = field(default_factory=set)
    cited: list = field(default_factory=list)


def _article_years(rows: list[dict], text: str, st: dict, quote_of, future) -> Years:
    """The years the article names and what the words around them say of its own year.

    Only words outside quotations bound the year: a quotation may be older than the report
    (``"dana 2024 ini untuk program tahun depan"``). A future-tense year is a plan, not a named year.
    """
    years = Years()
    for r in rows:
        value = r["value"] or ""
        if r["type"] != "DATE" or not _YEAR_FIRST.match(value) or r["granularity"] not in \
                ("year", "month", "quarter", "day", "time"):
            continue
        year = int(value[:4])
        if not EARLIEST.year <= year <= LATEST.year:
            continue
        marker = None
        if text and quote_of(r["start"]) is None:
            m = st["marker_after"].match(text, r["end"])
            if m:
                marker = st["markers"][" ".join(lower_as_matched(m.group()).split())]
            elif r["granularity"] == "year" and st["this_year_after"].match(text, r["end"]) \
                    and st["this_year_before"].search(text, max(0, r["start"] - 20), r["end"]):
                marker = "this"
        if marker == "past":       # pada 2019 silam, awal 2020 lalu: a later year; Pemilu 2019 lalu, Mei 2019 lalu: not earlier
            first = r["text"].split()[0].lower()
            itself = r["granularity"] == "year" and (not first.isdigit() or bool(
                st["year_preposition"].search(text, max(0, r["start"] - 30), r["start"])))
            years.lower = max(years.lower, year + 1 if itself else year)
            years.cited.append((r, f"a year said to be past: the article's year is {'after' if itself else 'not before'} {year}"))
        elif marker == "future":   # tahun 2020 mendatang: an earlier year; akhir 2020 mendatang, Pemilu 2024 mendatang: not later
            itself = r["granularity"] == "year" and r["text"].split()[0].lower() in st["year_words"]
            years.upper = min(years.upper, year - 1 if itself else year)
            years.cited.append((r, f"a year said to be to come: the article's year is {'before' if itself else 'not after'} {year}"))
            continue
        elif marker == "this":
            years.this.add(year)
            years.cited.append((r, f"a year called this year: the article's year is {year}"))
        if future(r):
            continue                           # akan ... pada 2030: a plan, not a year the article reports
        years.named.add(year)
    return years


def _year_support(year: int, years: Years, conf) -> float:
    """How well the years an article names fit ``year`` as its own: each named year supports the years
    just after it (news reports the present against the recent past) and, a little, the year before it;
    each named year two or more after it counts against it (news is written after what it reports)."""
    support = conf["year_support"]
    score = 0.0
    for named in years.named:
        score += support.get(str(year - named), 0.0)
        if named - year >= 2:
            score -= conf["year_later_penalty"]
    return score


def _place_in_year(row: dict, years: Years, full: list[date], conf) -> tuple[date | None, bool]:
    """A date without a year (``Selasa (21/1)``, ``31 Desember``) in the year the article allows, and whether
    that year is certain.

    With a weekday: among the years it falls on that weekday within the article's bounds (at most
    two years after the latest year it names), the one the named years support most
    (:func:`_year_support`); certain when that support is enough and clearly more than any other's,
    or when the words of the text bound the year on both sides and only that year fits.
    Without a weekday: the year that puts it nearest the article's full dates.
    """
    month, day = int(row["value"][5:7]), int(row["value"][8:10])
    if not years.named and not years.this:
        return None, False
    known = years.named | years.this
    low, high = max(years.lower, min(known) - 1), min(years.upper, max(known) + conf["year_reach"])
    if years.this:
        low, high = max(low, min(years.this)), min(high, max(years.this))
    options = []
    for year in range(low, high + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            pass
    if "weekday" in row:
        fits = sorted(((_year_support(d.year, years, conf) + (conf["this_year"] if d.year in years.this else 0.0), d)
                       for d in options if d.isoweekday() == row["weekday"]), key=lambda sd: (-sd[0], -sd[1].year))
        if not fits:
            return None, False
        (best_score, best), second = fits[0], fits[1][0] if len(fits) > 1 else None
        certain = best_score >= conf["year_min_support"] and (second is None
                                                                or best_score - second >= conf["year_margin"])
        latest = max(years.named, default=best.year)     # news is written after what it reports: a year well
        if best.year < latest - 1 and any(d.year >= latest - 1 for _, d in fits):    # before a named one, when a
            certain = False                                                      # later year fits, is no answer
        bounded = EARLIEST.year < years.lower and years.upper < LATEST.year    # 2014 lalu ... April 2016 mendatang
        return best, certain or (bounded and len(fits) == 1)
    if not full or not options:
        return None, False
    centre = sorted(full)[len(full) // 2]
    return min(options, key=lambda d: (abs((d - centre).days), d)), True


def _weekday_mentions(rows, kinds) -> list[tuple[int, bool]]:
    """``(weekday, future)`` of the bare weekdays (``Kamis``, ``akan ... Kamis``); ``kinds``: the rows' handlers."""
    return [(int(r["value"][-1]), (r["tense"] or "").startswith("future")) for r, kind in zip(rows, kinds)
            if kind == "weekday" and _BARE_WEEKDAY.fullmatch(r["value"] or "")]


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


def _no_day(rows, kinds, weekdays, evidence, note=None, years=None, yearless=()) -> Dct:
    """No day: say what the text does tell (which weekdays the DCT can be); ``kinds``: the rows' handlers."""
    days = tuple(sorted(weekdays))
    for r, kind in zip(rows, kinds) if days else ():          # the weekdays only when some are allowed
        if kind == "weekday":
            evidence.append({"start": r["start"], "end": r["end"], "text": r["text"],
                             "why": f"weekday, {r['tense'] or 'no tense cue (past)'}"})
    for r in yearless:
        evidence.append({"start": r["start"], "end": r["end"], "text": r["text"],
                         "why": "a date without a year; the text does not fix its year"})
    what = "the DCT is a " + " or ".join(WEEKDAY_NAMES[w - 1] for w in days) + ", date unknown" if days \
        else "nothing in it bounds the DCT"
    if yearless and years is not None and not years.named and not years.this:
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
