"""Benchmark the time tagger against dateparser: ``python -m lib.tools.benchmark [--runs N]``.

Times, in one run: ``tag_timexes`` and ``dateparser.search_dates(..., languages=['id'])`` on the
seed's story text (median of many runs each), then both on a generated article of about 1 MB,
and ``tag_timexes`` on 1/8, 1/4, 1/2 and all of it to show how time grows with length.
Prints a Markdown table; the README quotes it. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
import tracemalloc
import warnings
from datetime import datetime

from lib import SEED_ARTICLE
from lib.load import load_article
from lib.timexes import tag_timexes

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


def dateparser_call(text: str):
    """A ``search_dates`` call on ``text`` with the DCT as relative base (warnings silenced)."""
    from dateparser.search import search_dates

    base = datetime.fromisoformat(DCT)

    def call():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return search_dates(text, languages=["id"], settings={"RELATIVE_BASE": base})
    return call


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lib.tools.benchmark", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="runs on the seed for the tagger (dateparser: a quarter)")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of the generated article")
    args = parser.parse_args(argv)

    seed = load_article(SEED_ARTICLE).story_text
    ours = median_seconds(lambda: tag_timexes(seed, DCT), args.runs)
    theirs = median_seconds(dateparser_call(seed), max(5, args.runs // 4))
    big = generated_article(args.size)
    lines = [f"machine: {platform.machine()}, Python {platform.python_version()}; "
             f"seed story text {len(seed):,} characters; generated article {len(big):,} characters", "",
             "| what | text | tag_timexes | dateparser.search_dates | ratio |", "|---|---|---|---|---|",
             f"| median of {args.runs} / {max(5, args.runs // 4)} runs | seed | {ours * 1e3:.2f} ms | "
             f"{theirs * 1e3:.2f} ms | {theirs / ours:.1f}x faster |"]
    sizes = [len(big) // 8, len(big) // 4, len(big) // 2, len(big)]
    per_char = []
    for size in sizes:
        text = big[:size]
        seconds = median_seconds(lambda: tag_timexes(text, DCT), 5)
        per_char.append(seconds / size)
        lines.append(f"| median of 5 runs | generated, {size:,} chars | {seconds:.3f} s | | "
                     f"{seconds / size * 1e9:.0f} ns per character |")
    big_theirs = median_seconds(dateparser_call(big), 1)
    big_ours = per_char[-1] * len(big)
    lines.append(f"| 1 run | generated, {len(big):,} chars | {big_ours:.3f} s | {big_theirs:.3f} s | "
                 f"{big_theirs / big_ours:.1f}x faster |")
    tracemalloc.start()
    tag_timexes(big, DCT)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    lines += ["", f"time per character, largest / smallest size: {per_char[-1] / per_char[0]:.2f} (1.00 is linear); "
              f"peak Python memory of tag_timexes on the generated article: {peak / 2**20:.0f} MiB"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
