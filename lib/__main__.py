"""Command line: ``python3 -m lib {lab,test,annotate,export,corpus,report} ...``.

``lab`` and ``test`` need only the machine's python3: they create ``.venv`` first when needed.
The other commands run inside that environment (re-started there when called from outside).
"""
import os
import sys

from lib.tools import bootstrap


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["lab"]:
        return bootstrap.lab(args[1:])
    if args[:1] == ["test"]:
        return bootstrap.test(args[1:])
    if not bootstrap.in_venv():
        try:
            import pandas  # noqa: F401  (the dependencies are here already: run in place)
        except ImportError:
            python = bootstrap.ensure_venv()
            os.execv(str(python), [str(python), "-m", "lib", *args])
    from lib import cli
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
