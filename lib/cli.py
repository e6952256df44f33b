"""The command line, a thin layer over the functions the notebooks use.

    python -m lib annotate PATH [--dct YYYY-MM-DD] [--format json|html]
    python -m lib export PATH --out DIR [--dct YYYY-MM-DD] [--no-figures]
    python -m lib corpus INPUT --out DIR [--text-column C] [--date-column C] [--id-column C] [--keep C ...]
                         [--scheduler ADDRESS | --workers N]
    python -m lib report PATH --out DIR [--dct YYYY-MM-DD]

Errors are one line on stderr and exit status 2; ``corpus`` exits 1 when some articles failed.
"""
from __future__ import annotations

import argparse
import sys

from lib.errors import ArticleError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage block
        print(f"error: {message} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    one = sub.add_parser("annotate", help="print the article's annotation")
    one.add_argument("path")
    one.add_argument("--dct", help="the article's date, YYYY-MM-DD (overrides metadata and inference)")
    one.add_argument("--format", choices=["json", "html"], default="json",
                     help="json: the annotation as one object; html: a standalone page of the annotated article")
    two = sub.add_parser("export", help="write the annotation as CSV, TimelineJS, brat, JSONL and figures")
    two.add_argument("path")
    two.add_argument("--out", required=True, help="folder to write into (created when missing)")
    two.add_argument("--dct", help="the article's date, YYYY-MM-DD (overrides metadata and inference)")
    two.add_argument("--no-figures", action="store_true", help="skip the PNG and SVG figures")
    many = sub.add_parser("corpus", help="annotate a folder of articles or a table of them in parallel (Dask) "
                                         "into Parquet tables")
    many.add_argument("input", help="a folder of .txt files, or a .csv, .jsonl or .parquet table (one article per row)")
    many.add_argument("--out", required=True, help="folder to write the tables into (created when missing)")
    many.add_argument("--text-column", help="a table's column with the article text (default: text)")
    many.add_argument("--date-column", help="a table's column with the publication date as the site wrote it")
    many.add_argument("--id-column", help="a table's column with a unique id per article (default: the row number)")
    many.add_argument("--keep", nargs="+", default=[], metavar="COLUMN",
                      help="a table's columns to carry into articles.parquet (outlet, url, title, ...)")
    many.add_argument("--scheduler", help="address of an existing Dask scheduler (default: a local cluster)")
    many.add_argument("--workers", type=int, help="processes of the local cluster (default: one per core)")
    many.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    notebooks = sub.add_parser("report", help="run notebooks 01-04 on the article with papermill, "
                                              "writing the executed notebooks and HTML")
    notebooks.add_argument("path")
    notebooks.add_argument("--out", required=True, help="folder to write into (created when missing)")
    notebooks.add_argument("--dct", help="the article's date, YYYY-MM-DD (overrides metadata and inference)")
    sub.add_parser("lab", help="open JupyterLab (creates .venv first when needed)")
    sub.add_parser("test", help="run pytest --nbval in .venv")
    return parser


def main(argv: list[str]) -> int:
    """Run a command; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "corpus":
        return _corpus(args)
    if args.command == "report":
        return _report(args)
    from lib.annotate import annotate, to_json_text

    try:
        annotation = annotate(args.path, dct=args.dct, setting="--dct")
        if args.command == "annotate":
            if args.format == "html":
                from lib.render import annotated_page
                sys.stdout.write(annotated_page(annotation))
            else:
                sys.stdout.write(to_json_text(annotation) + "\n")
        elif args.command == "export":
            from lib.exports import export
            for path in export(annotation, args.out, figures=not args.no_figures):
                print(path)
    except (ArticleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _corpus(args) -> int:
    """``corpus``: the tables in ``--out``, a one-line summary; 1 when some articles failed."""
    from lib.corpus import run_corpus

    try:
        run = run_corpus(args.input, args.out, text_column=args.text_column, date_column=args.date_column,
                         id_column=args.id_column, keep=args.keep, scheduler=args.scheduler, workers=args.workers,
                         progress=not args.no_progress)
    except (ArticleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{run.summary()} -> {args.out}")
    return 1 if run.failed else 0


def _report(args) -> int:
    """``report``: the executed notebooks and their HTML in ``--out``, one path a line."""
    from lib.tools.notebook_report import report

    try:
        for path in report(args.path, args.out, dct=args.dct):
            print(path)
    except (ArticleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
