"""Benchmark the workbook against dateparser: ``python -m lib.tools.benchmark [--articles PATH] [--big-mb N]``.

Times, in one run and on the same texts, in rounds that call each figure in turn (so that the machine's
other work weighs on all alike), the whole pipeline per article against
``dateparser.search_dates(..., languages=['id'])`` alone, on the seed and on the article texts of a
folder (default ``../shared/devnews/articles`` when it exists, else generated ones). The pipeline is
``lib.annotate.annotate``, in three figures:

- **to rows**: ``annotate`` alone. Every stage runs (time, DCT, actors, events); the
  :class:`~lib.annotate.Annotation` it returns holds the stages' plain rows, and its three tables
  (DataFrames) are not built yet: they are built when first asked for.
- **with tables**: ``annotate`` and then ``.timexes``, ``.mentions`` and ``.events`` asked for, so
  the three DataFrames are built too: what a notebook that shows the tables pays, and what the
  single figure of earlier versions (which built the tables inside ``annotate``) measured.
- **from bytes**: the article loaded from the bytes of its file (``lib.load.load_bytes``: decoding,
  boilerplate, language, sentences) and annotated to rows with no date given, so that the DCT is
  inferred: what the corpus pays for an undated article.

The first two take a loaded article and the DCT given, as dateparser gets it.

Then the same texts stage by stage (each stage timed alone on what the stages before it found: where the
time goes); the time tagger alone against dateparser on the seed; the whole pipeline (load included, the
tables built) on a long generated article at five sizes up to ``--big-mb`` MB (linear in length?);
the import time of ``lib`` beyond pandas; and the peak memory of load and annotate on the longest,
with the tables built and with the rows alone. Prints Markdown; the README quotes it. Not a test:
timings depend on the machine.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from datetime import date, datetime
from pathlib import Path

from lib import ROOT, SEED_ARTICLE, actors, events
from lib.annotate import annotate
from lib.dct import infer_dct
from lib.load import MAX_BYTES, load_article, load_bytes
from lib.timexes import find_timexes, frame, resolve, tag_timexes

DCT = "2021-12-29"


def generated_article(size: int, seed: int = 7) -> str:
    """About ``size`` characters of Indonesian news text: the seed's paragraphs and dated sentences, shuffled."""
    rng = random.Random(seed)
    article = load_article(SEED_ARTICLE)
    paragraphs = article.paragraphs[article.paragraphs.kind == "story"].text.tolist()
    weekdays = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]
    templates = [
        "Polisi menangkap {n} tersangka pada {wd} ({d}/{m}/{y}) di Jakarta.",
        "Harga beras naik {n} persen sejak awal bulan ini, kata pedagang.",
        "Sidang akan dilanjutkan pada {d} {month} dengan agenda pembacaan tuntutan.",
        "{n} hari lalu banjir merendam {n} rumah warga; pada hari yang sama jalan ditutup.",
        "Menteri dijadwalkan berkunjung pekan depan dan rapat berlangsung selama dua jam.",
    ]
    parts, length = [], 0
    while length < size:
        if rng.random() < 0.5:
            text = rng.choice(paragraphs)
        else:
            text = rng.choice(templates).format(
                n=rng.randint(2, 40), wd=rng.choice(weekdays), d=rng.randint(1, 28), m=rng.randint(1, 12),
                y=rng.choice([2020, 2021, 2022]), month=rng.choice(months))
        parts.append(text)
        length += len(text) + 1
    return "\n".join(parts)[:size].rsplit("\n", 1)[0]


def median_seconds(call, runs: int) -> float:
    """Median wall time of ``runs`` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(calls: list, runs: int) -> list[float]:
    """Median wall time of each of ``calls`` over ``runs`` rounds, after one warm-up call each. A round calls each
    once, in turn, so that what else the machine is doing weighs on every call alike and the ratios hold."""
    for call in calls:
        call()
    times = [[] for _ in calls]
    for _ in range(runs):
        for call, took in zip(calls, times):
            start = time.perf_counter()
            call()
            took.append(time.perf_counter() - start)
    return [statistics.median(took) for took in times]


def dateparser_call(text: str):
    """A ``search_dates`` call on ``text`` with the DCT as relative base (warnings silenced)."""
    from dateparser.search import search_dates

    base = datetime.fromisoformat(DCT)

    def call():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return search_dates(text, languages=["id"], settings={"RELATIVE_BASE": base})
    return call


def pipeline_call(article, tables: bool = True):
    """The whole pipeline on a loaded article, the DCT given (as dateparser gets it); ``tables``: the three
    DataFrames built too, else the annotation's rows alone."""
    if not tables:
        return lambda: annotate(article, dct=DCT)

    def call():
        annotation = annotate(article, dct=DCT)
        return annotation.timexes, annotation.mentions, annotation.events
    return call


def from_bytes_call(article):
    """The article loaded anew from its file's bytes and annotated to rows, no date given (the DCT inferred)."""
    data, name = article.path.read_bytes(), article.path.name
    return lambda: annotate(load_bytes(data, name, None))


def stage_calls(article) -> dict:
    """One call per stage of ``annotate`` on ``article``, each fed with what the stages before it found (found
    here once), in the order the data flows: loading from the file's bytes, the time expressions (tagged and
    resolved against the DCT given), the DCT inference (beyond the tagging, which it reuses), the actors, the
    events, and the three tables built from the rows."""
    data, name = article.path.read_bytes(), article.path.name
    text, lang, sentences, day = article.story_text, article.lang, article.sentence_spans, date.fromisoformat(DCT)
    found = find_timexes(text, lang)
    timexes = resolve(found, day, sentences)
    mentions = actors.mention_rows(text, lang, sentences, article.dateline)
    rows = events.event_rows(text, mentions, timexes, day, lang, sentences)
    return {"load": lambda: load_bytes(data, name, None),
            "time expressions": lambda: resolve(find_timexes(text, lang), day, sentences),
            "DCT inference": lambda: infer_dct(resolve(found, None, sentences), lang, sentences, text),
            "actors": lambda: actors.mention_rows(text, lang, sentences, article.dateline),
            "events": lambda: events.event_rows(text, mentions, timexes, day, lang, sentences),
            "tables": lambda: (frame(timexes), actors.frame(mentions), events.frame(rows))}


def _articles(folder: Path | None, count: int) -> tuple[list, str]:
    if folder is not None and folder.is_dir():
        paths = sorted(folder.glob("*.txt"))
        return [load_article(p) for p in paths], f"{len(paths)} article texts of {folder.name}/"
    tmp = ROOT / "out" / "benchmark-articles"
    tmp.mkdir(parents=True, exist_ok=True)
    articles = []
    for i in range(count):
        path = tmp / f"generated-{i:02d}.txt"
        path.write_text(generated_article(3000, seed=i), encoding="utf-8")
        articles.append(load_article(path))
    return articles, f"{count} generated articles of 3,000 characters"


def import_seconds() -> tuple[float, float]:
    """Seconds to import pandas alone, and pandas and the whole of ``lib``, each in a fresh interpreter."""
    def run(code):
        out = subprocess.run([sys.executable, "-c", f"import time; t = time.perf_counter(); {code}; "
                              "print(time.perf_counter() - t)"], capture_output=True, text=True, cwd=ROOT)
        return float(out.stdout.strip())
    pandas = statistics.median(run("import pandas") for _ in range(3))
    everything = statistics.median(run("import pandas, lib.annotate, lib.charts, lib.exports, lib.evaluate") for _ in range(3))
    return pandas, everything


def peak_memory_growth(path: Path, tables: bool = True) -> int:
    """Bytes the resident memory of a fresh interpreter grows by while it loads and annotates ``path``
    (``VmHWM`` against ``VmRSS`` after the imports, from ``/proc/self/status``: the high-water mark of the
    process's own memory, which ``getrusage`` would carry over from the parent that started it);
    ``tables``: the three DataFrames built too."""
    touch = "x.timexes, x.mentions, x.events\n" if tables else ""
    code = ("import re, lib.annotate as a\n"
            "kb = lambda key: int(re.search(key + r':\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "before = kb('VmRSS')\n"
            f"x = a.annotate({str(path)!r}, dct={DCT!r})\n"
            f"{touch}"
            "print((kb('VmHWM') - before) * 1024)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return int(out.stdout.strip())


def main(argv: list[str] | None = None) -> None:
    default = ROOT.parent / "shared" / "devnews" / "articles"
    parser = argparse.ArgumentParser(prog="python -m lib.tools.benchmark", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=default if default.is_dir() else None,
                        help="a folder of article .txt files (default: the development set when present)")
    parser.add_argument("--runs", type=int, default=20, help="rounds on the seed for the tagger alone")
    parser.add_argument("--big-mb", type=float, default=20.0,
                        help="MB of the long generated article (at most the 25 MB the loader reads)")
    args = parser.parse_args(argv)

    seed_article = load_article(SEED_ARTICLE)
    seed = seed_article.story_text
    articles, what = _articles(args.articles, 50)
    lines = [f"machine: {platform.machine()}, Python {platform.python_version()}; seed story text {len(seed):,} characters", ""]

    lines += ["Whole pipeline against dateparser's search alone. *To rows*: a loaded article, the DCT given, every stage "
              "run, the tables not built; *with tables*: the three DataFrames built too; *from bytes*: loaded from the "
              "file's bytes and annotated to rows with the DCT inferred:", "",
              "| texts | to rows | with tables | from bytes | dateparser.search_dates | ratio, to rows | "
              "ratio, with tables | ratio, from bytes |", "|---|---|---|---|---|---|---|---|"]

    def row(name, ours, theirs):
        return (f"| {name} | " + " | ".join(f"{t * 1e3:.2f} ms" for t in ours) + f" | {theirs * 1e3:.2f} ms | "
                + " | ".join(f"{theirs / t:.1f}x faster" for t in ours) + " |")
    calls = (lambda a: pipeline_call(a, tables=False), pipeline_call, from_bytes_call)
    *seed_ours, theirs = interleaved_medians([call(seed_article) for call in calls] + [dateparser_call(seed)], 20)
    lines.append(row("the seed (median of 20 rounds)", seed_ours, theirs))
    per_article = [interleaved_medians([call(a) for call in calls] + [dateparser_call(a.story_text)], 3)
                   for a in articles]
    lines.append(row(f"{what} (mean of medians of 3 rounds)", [statistics.mean(t[i] for t in per_article)
                                                                  for i in range(len(calls))],
                     statistics.mean(t[-1] for t in per_article)))

    stages = [stage_calls(a) for a in articles]
    names = list(stages[0])
    per_stage = [interleaved_medians(list(calls.values()), 3) for calls in stages]
    lines += ["", f"Where the time goes, stage by stage, on the same {len(articles)} texts (each stage timed alone on what "
              "the stages before it found; mean of medians of 3 rounds):", "",
              "| " + " | ".join(names) + " |", "|" + "---|" * len(names),
              "| " + " | ".join(f"{statistics.mean(t[i] for t in per_stage) * 1e3:.2f} ms" for i in range(len(names)))
              + " |"]

    lines += ["", "The time tagger alone:", "", "| what | text | tag_timexes | dateparser.search_dates | ratio |",
              "|---|---|---|---|---|"]
    tag, theirs = interleaved_medians([lambda: tag_timexes(seed, DCT), dateparser_call(seed)], args.runs)
    lines.append(f"| median of {args.runs} rounds | seed | {tag * 1e3:.2f} ms | {theirs * 1e3:.2f} ms | "
                 f"{theirs / tag:.1f}x faster |")
    lines += ["", "The whole pipeline on one long generated article (load included, the tables built), at five sizes:", "",
              "| text | load and annotate | per character |", "|---|---|---|"]
    tmp = ROOT / "out" / "benchmark-big.txt"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    big = generated_article(int(args.big_mb * 1_000_000), seed=3).encode("utf-8")[:MAX_BYTES]
    big = big[:big.rfind(b"\n")]                                 # whole lines, within the size the loader reads
    per_char = []
    for share in (16, 8, 4, 2, 1):
        part = big[:len(big) // share]
        tmp.write_bytes(part[:part.rfind(b"\n")])
        size = tmp.stat().st_size
        seconds = median_seconds(lambda: pipeline_call(load_article(tmp))(), 1)
        per_char.append(seconds / size)
        lines.append(f"| generated, {size:,} bytes | {seconds:.2f} s | {seconds / size * 1e6:.1f} µs |")
    lines.append(f"\ntime per character, largest / smallest size: {per_char[-1] / per_char[0]:.2f} (1.00 is linear)")

    pandas, everything = import_seconds()
    lines.append(f"\nimport time: pandas {pandas:.2f} s; pandas and all of lib {everything:.2f} s (lib beyond pandas "
                 f"{everything - pandas:.2f} s)")
    size = tmp.stat().st_size
    grown, rows_only = peak_memory_growth(tmp), peak_memory_growth(tmp, tables=False)
    lines.append(f"peak memory of load and annotate on the generated {size / 1e6:.1f} MB article, beyond the "
                 f"interpreter with lib imported: {grown / 2**20:.0f} MiB ({grown / size:.1f} times the file) with the "
                 f"tables built, {rows_only / 2**20:.0f} MiB ({rows_only / size:.1f} times) to rows")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
