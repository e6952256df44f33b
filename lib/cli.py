"""The command line, a thin layer over the functions the notebooks use.

    python -m lib annotate PATH [--dct YYYY-MM-DD] [--format json|html]
    python -m lib export PATH --out DIR [--dct YYYY-MM-DD] [--no-figures]

Errors are one line on stderr and exit status 2.
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
    sub.add_parser("lab", help="open JupyterLab (creates .venv first when needed)")
    sub.add_parser("test", help="run pytest --nbval in .venv")
    return parser


def main(argv: list[str]) -> int:
    """Run a command; return the exit status."""
    args = _parser().parse_args(argv)
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
