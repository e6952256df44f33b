"""Throughput of ``lib.corpus`` on Dask: ``python -m lib.tools.benchmark_corpus [--sizes 1000 10000] [--devnews DIR]``.

The corpus is real news repeated (the ``.txt`` files of ``../shared/devnews/articles`` when that
folder is there), else the articles written for the workbook in ``seeds/corpus/``; each copy gets
a last line with its number, so that every article has its own content and is annotated (the
work area would otherwise answer a repeated text from its first copy). The corpus is a Parquet
table in a temporary folder, as a scraper writes one: a ``published`` column holds each copy's
date as news sites print it (its source's publication day, in one of five sites' formats, with a
time of day of its own, so no two copies of a text share the string); nothing is written into the
repository. The runs read the table with that date column (the DCT given, as in a scrape), and the
smallest size once more without it (the DCT inferred from each text).

For each size and number of workers: a local cluster of processes (one thread each) is started
and warmed up (every worker runs the source texts once through the corpus's batch code, then
times, in CPU time, loading an article from bytes, annotate() alone, and the corpus's own work on
a worker: a batch with loading and annotating answered from those results), then timed
separately from the run.
A run is timed whole (listing, hashing, annotation on the workers, the tables and the stories
written by this process), and then again on the same output folder, where nothing is annotated:
that second time is the part this process does alone. The CPU time of this process (the Dask
scheduler of the local cluster included) is given per article. Memory is each worker's resident
set after the warm-up and after the run. Other programs on the machine share its cores: the load
average before each run is printed with it. The last line extrapolates to 500,000 articles on
16 workers.
"""
from __future__ import annotations

import argparse
import csv
import logging
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from lib import ROOT, SEEDS
from lib.tables import table

DEVNEWS = ROOT.parent / "shared" / "devnews" / "articles"


def source_texts(devnews: Path | None) -> tuple[list[str], list[date], str]:
    """The texts to repeat, the day each was published, and where they come from."""
    if devnews and devnews.is_dir() and list(devnews.glob("*.txt")):
        paths, where = sorted(devnews.glob("*.txt")), f"{len(list(devnews.glob('*.txt')))} devnews articles"
        with open(devnews / "index.csv", encoding="utf-8", newline="") as f:
            published = {row["file"]: date.fromisoformat(row["published"]) for row in csv.DictReader(f)}
        days = [published[p.name] for p in paths]
    else:
        paths = sorted((SEEDS / "corpus").glob("a[1-5]-*.txt"))
        where = f"{len(paths)} articles written for the workbook (seeds/corpus)"
        days = [date(2024, 6, 3) + timedelta(days=k) for k in range(len(paths))]
    return [p.read_text(encoding="utf-8") for p in paths], days, where


# how five news sites print an article's date (as scrapers keep it)
DATE_FORMATS = ["{weekday}, {d:02d} {mon} {y} {H:02d}:{M:02d} WIB", "Kompas.com- {d:02d}/{m:02d}/{y}, {H:02d}:{M:02d} WIB",
                "Diperbarui {d} {mon} {y}, {H:02d}:{M:02d} WIB", "{y}/{m:02d}/{d:02d} {H:02d}:{M:02d}:{S:02d}",
                "{d:02d} {month} {y} {H:02d}:{M:02d}"]


def date_string(day: date, i: int) -> str:
    """Copy ``i``'s date string: ``day`` in one of :data:`DATE_FORMATS`, at a time of day of its own."""
    minutes, weekday, month = i * 7 % 1440, _first_names("weekdays")[day.isoweekday()], _first_names("months")[day.month]
    return DATE_FORMATS[i % len(DATE_FORMATS)].format(
        weekday=weekday, d=day.day, m=day.month, y=day.year, month=month, mon=month[:3], H=minutes // 60,
        M=minutes % 60, S=i % 60)


@lru_cache(maxsize=None)
def _first_names(key: str) -> dict[int, str]:
    """Number -> the first Indonesian name the time table gives it (``weekdays``: 1 Senin ... 7 Minggu; ``months``)."""
    names: dict[int, str] = {}
    for name, number in table("id", "time")[key].items():
        names.setdefault(number, name)
    return names


def write_corpus(texts: list[str], days: list[date], n: int, folder: Path) -> Path:
    """A Parquet table of ``n`` articles: the texts repeated, each copy numbered on its last line, with its date
    string (:func:`date_string`) in ``published``."""
    import pandas as pd

    rows = [{"id": f"a{i:06d}", "text": f"{texts[i % len(texts)].rstrip()}\nArsip {i:06d}.\n",
             "published": date_string(days[i % len(texts)], i)} for i in range(n)]
    path = folder / f"corpus-{n}.parquet"
    pd.DataFrame(rows).to_parquet(path, index=False)
    return path


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def _warm(texts: list[str], dates: list[str] | None, rounds: int = 3) -> dict:
    """On a worker: the texts once through the corpus's batch code (caches and memory pools warmed), then the CPU time
    per article (the least of ``rounds``, as other programs share the cores) of loading an article from bytes, of
    :func:`lib.annotate.annotate` alone (the DCT the day of its date string of ``dates``, else inferred), and of the
    corpus's own work in a batch (:func:`lib.corpus.annotate_batch` with loading and annotating answered from those
    results: the date parsed, rows to Arrow, event table, packing); and the worker's resident set."""
    import lib.corpus
    from lib.annotate import annotate
    from lib.corpus import annotate_batch, load_bytes, parse_date

    items = [{"key": str(n), "name": f"warm {n}", "data": f"{text.rstrip()}\nHangat {n}.\n".encode(), "meta": None,
              "date_raw": dates[n] if dates else None} for n, text in enumerate(texts)]
    options = {"date_column": "published" if dates else None, "gazetteer": True}
    annotate_batch(items, options)

    def least(work) -> float:
        times = []
        for _ in range(rounds):
            started = time.process_time()
            work()
            times.append((time.process_time() - started) / len(items))
        return min(times)

    loading = least(lambda: [load_bytes(item["data"], item["name"]) for item in items])
    articles = {item["data"]: load_bytes(item["data"], item["name"]) for item in items}
    days = [parse_date(item["date_raw"])[0] if dates else None for item in items]
    alone = least(lambda: [annotate(article, dct=day) for article, day in zip(articles.values(), days)])
    annotations = {id(article): annotate(article, dct=day) for article, day in zip(articles.values(), days)}
    try:
        lib.corpus.load_bytes = lambda data, name, meta=None: articles[data]
        lib.corpus.annotate = lambda article, **options_: annotations[id(article)]
        corpus = least(lambda: annotate_batch(items, options))
    finally:
        lib.corpus.load_bytes, lib.corpus.annotate = load_bytes, annotate
    return {"rss": _rss(), "annotate": alone, "load": loading, "corpus": corpus}


def measure(table: Path, n: int, workers: int, scratch: Path, texts: list[str], dates: list[str] | None) -> dict:
    """One timed run (and its rerun) of ``n`` articles on a fresh local cluster of ``workers`` processes, reading the
    table's date column when ``dates`` (the warm-up's date strings) are given, else inferring every DCT."""
    from distributed import Client, LocalCluster

    import pandas as pd
    from lib.corpus import run_corpus

    column = "published" if dates else None
    started = time.monotonic()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster, set_as_default=False) as client:
        warm = client.run(_warm, texts, dates)
        startup = time.monotonic() - started
        out = scratch / f"out-{n}-{workers}-{column}"
        load = os.getloadavg()[0]
        t0, cpu = time.monotonic(), time.process_time()
        run = run_corpus(table, out, id_column="id", date_column=column, scheduler=client, progress=False)
        whole, cpu = time.monotonic() - t0, time.process_time() - cpu
        rss_after = client.run(_rss)
        t0 = time.monotonic()
        rerun = run_corpus(table, out, id_column="id", date_column=column, scheduler=client, progress=False)
        serial = time.monotonic() - t0
    assert run.failed == 0 and run.annotated == n and rerun.annotated == 0, (run.summary(), rerun.summary())
    articles = pd.read_parquet(out / "articles.parquet", columns=["date", "dct_source"])
    assert (articles.date.notna().all() and (articles.dct_source == "date column").all()) if column \
        else articles.date.isna().all(), "a date string of the table was not read"
    return {"n": n, "workers": workers, "dated": bool(column), "startup": startup, "whole": whole, "serial": serial,
            "rate": n / whole, "parallel_rate": n / max(whole - serial, 1e-9),
            "rss_warm": sorted(w["rss"] for w in warm.values()), "rss_after": sorted(rss_after.values()), "rows": run.rows,
            "cpu": cpu, "load": load, "annotate": _mean(w["annotate"] for w in warm.values()),
            "loading": _mean(w["load"] for w in warm.values()), "corpus": _mean(w["corpus"] for w in warm.values())}


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def mib(values) -> str:
    return ", ".join(f"{v / 2**20:.0f}" for v in values)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.tools.benchmark_corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--devnews", type=Path, default=DEVNEWS)
    parser.add_argument("--one-worker-up-to", type=int, default=1000,
                        help="the largest size also run on one worker (for the speed-up)")
    args = parser.parse_args(argv)
    import lib.corpus

    fingerprint = lib.corpus._fingerprint()          # the code measured: an edit meanwhile must not void the rerun
    lib.corpus._fingerprint = lambda: fingerprint
    texts, days, where = source_texts(args.devnews)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"corpus: {where}, repeated and numbered, {sum(map(len, texts)) // len(texts):,} characters on average")
    dates = [date_string(day, n) for n, day in enumerate(days)]       # the warm-up's date strings
    results = []
    with tempfile.TemporaryDirectory(prefix="benchmark-corpus-") as folder:
        scratch = Path(folder)
        for n in args.sizes:
            table = write_corpus(texts, days, n, scratch)
            runs = [(workers, True) for workers in ([1, 2] if n <= args.one_worker_up_to else [2])]
            for workers, dated in runs + ([(2, False)] if n == min(args.sizes) else []):
                result = measure(table, n, workers, scratch, texts, dates if dated else None)
                results.append(result)
                print(f"  {n:,} articles, {workers} worker(s), {'dated' if dated else 'undated'}: "
                      f"{result['whole']:.1f} s", file=sys.stderr)
    print()
    print("| articles | workers | date column | cluster start + warm-up | run | articles/s | of which this process alone "
          "| articles/s on the workers | CPU of this process per article | worker memory after warm-up / after the run "
          "(MiB) | load average before the run |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['n']:,} | {r['workers']} | {'read' if r['dated'] else 'none: DCT inferred'} | {r['startup']:.1f} s "
              f"| {r['whole']:.1f} s | {r['rate']:.1f} | {r['serial']:.1f} s | {r['parallel_rate']:.1f} "
              f"| {r['cpu'] / r['n'] * 1000:.2f} ms | {mib(r['rss_warm'])} / {mib(r['rss_after'])} | {r['load']:.2f} |")
    for dated in (True, False):
        some = [r for r in results if r["dated"] == dated]
        if some:
            annotate_ms, loading_ms, corpus_ms = (1000 * min(r[k] for r in some) for k in ("annotate", "loading", "corpus"))
            print(f"\non a worker, CPU time per article ({'the DCT read from the date column' if dated else 'no date column'}; "
                  f"the {len(texts)} source texts, after the warm-up, the least of each worker's rounds): loading from "
                  f"bytes {loading_ms:.2f} ms, annotate() {annotate_ms:.2f} ms, the corpus's own work around them "
                  f"{corpus_ms:.2f} ms ({'the date parsed, ' if dated else ''}rows to Arrow, event table, packing)")
    by = {(r["n"], r["workers"]): r for r in results if r["dated"]}
    for n in args.sizes:
        if (n, 1) in by and (n, 2) in by:
            print(f"\nspeed-up from 1 to 2 workers on {n:,} articles: {by[(n, 2)]['rate'] / by[(n, 1)]['rate']:.2f}x "
                  f"(whole run), {by[(n, 2)]['parallel_rate'] / by[(n, 1)]['parallel_rate']:.2f}x (on the workers)")
    largest = max(results, key=lambda r: (r["dated"], r["n"], r["workers"]))
    worker_cost = largest["workers"] / largest["parallel_rate"]         # seconds of one worker per article
    serial_cost = largest["serial"] / largest["n"]                      # seconds of this process per article
    total = 500_000 * (worker_cost / 16 + serial_cost)
    print(f"\nper article: {worker_cost * 1000:.1f} ms of a worker, {serial_cost * 1000:.2f} ms of this process "
          f"(from {largest['n']:,} articles on {largest['workers']} workers)")
    print(f"500,000 articles on a 16-worker cluster: about {total / 60:.0f} minutes "
          f"({500_000 * worker_cost / 16 / 60:.0f} on the workers, {500_000 * serial_cost / 60:.0f} writing the tables here), "
          f"{500_000 / total:.0f} articles/s; peak memory of this process in this benchmark: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
