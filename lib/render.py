"""The annotated article as HTML: highlighted spans with hover text and a legend.

One rendering serves the notebooks (``IPython.display.HTML``) and ``python -m lib annotate
--format html`` (a standalone page). Article text is always escaped: ``<script>`` shows as text,
and ``$`` is written as ``&#36;`` so JupyterLab never turns it into mathematics. :func:`show` is
how the notebooks show a table: the columns asked for, blanks for missing values, text
left-aligned and cut at a word, and long tables shortened with a note of how to see them all.
"""
from __future__ import annotations

import html

import pandas as pd

# colour-blind safe (Okabe-Ito), each also told apart by its underline style
LAYERS = {
    "timex": {"label": "time expression", "colour": "#E69F00", "line": "solid"},
    "actor": {"label": "actor", "colour": "#56B4E9", "line": "dashed"},
    "event": {"label": "event trigger", "colour": "#009E73", "line": "double"},
    "boilerplate": {"label": "not the story (boilerplate)", "colour": "#999999", "line": "dotted"},
}


def escape(text: str) -> str:
    r"""HTML-escape article text, ``$`` and ``\`` included, so JupyterLab's MathJax finds no ``$...$``, ``\(...\)``
    or ``\[...\]`` to turn into mathematics."""
    return html.escape(text, quote=True).replace("$", "&#36;").replace("\\", "&#92;")


def spans_table(frame: pd.DataFrame, layer: str, title) -> pd.DataFrame:
    """``start``, ``end``, ``layer``, ``title`` rows for :func:`highlight` from a stage's table.

    ``title`` is a function of a row giving its hover text.
    """
    rows = [{"start": int(r.start), "end": int(r.end), "layer": layer, "title": title(r)} for r in frame.itertuples()]
    return pd.DataFrame(rows, columns=["start", "end", "layer", "title"])


def highlight(text: str, spans: pd.DataFrame) -> str:
    """The text as HTML paragraphs with ``spans`` (``start``, ``end``, ``layer``, ``title``) marked.

    Overlapping spans nest when one contains the other; a span that crosses another's edge is
    cut at that edge (both parts keep its hover text).
    """
    cuts = sorted({0, len(text)} | set(spans.start) | set(spans.end))
    rows = spans.sort_values(["start", "end"], ascending=[True, False], kind="stable").to_dict("records")
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        segment = escape(text[left:right]).replace("\n", "</p>\n<p>")
        covering = [r for r in rows if r["start"] <= left and right <= r["end"]]
        for r in reversed(covering):
            style = LAYERS[r["layer"]]
            segment = (f'<span class="wb-{r["layer"]}" title="{escape(r["title"])}" '
                       f'style="background:{style["colour"]}33;border-bottom:2px {style["line"]} {style["colour"]}">'
                       f"{segment}</span>")
        pieces.append(segment)
    return '<div class="wb-article"><p>' + "".join(pieces) + "</p></div>"


def legend(layers: list[str]) -> str:
    """An HTML legend for the layers shown."""
    items = []
    for layer in layers:
        style = LAYERS[layer]
        items.append(f'<span style="background:{style["colour"]}33;border-bottom:2px {style["line"]} '
                     f'{style["colour"]};padding:0 4px;margin-right:12px">{escape(style["label"])}</span>')
    return ('<div class="wb-legend" style="margin-bottom:1em">' + "".join(items)
            + " (hover a highlighted span for its reading)</div>")


def page(title: str, body: str) -> str:
    """A standalone HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n"
            "<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.6}"
            "p{margin:0 0 .8em}</style>\n</head>\n<body>\n"
            f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def timex_title(row) -> str:
    """Hover text of a time expression: its TIMEX3 value, modifier and range."""
    parts = [f"{row.type} {row.value}"]
    if isinstance(row.mod, str):
        parts.append(f"mod {row.mod}")
    if isinstance(row.range_start, str):
        parts.append(f"{row.range_start} to {row.range_end} (end exclusive)")
    parts.append(f"rule {row.rule}")
    return "; ".join(parts)


def annotated_html(annotation) -> str:
    """The article of an :class:`~lib.annotate.Annotation` with actors, time expressions and event triggers marked."""
    marks = pd.concat([
        spans_table(annotation.mentions, "actor", lambda r: f"{r.kind}: {r.name} ({r.actor})"
                    + (f", stands for {r.refers_to}" if isinstance(r.refers_to, str) else "") + f"; found by {r.how}"),
        spans_table(annotation.timexes, "timex", timex_title),
        spans_table(annotation.events, "event", lambda r: f"{r.type}" + (f" ({r.mode})" if isinstance(r.mode, str) else "")
                    + f", {r.status}; event {r.event_id}"
                    + (f"; date {r.value}" if isinstance(r.value, str) else "")),
        spans_table(annotation.article.boilerplate, "boilerplate", lambda r: f"boilerplate: {r.kind}"),
    ], ignore_index=True)
    return legend(["actor", "timex", "event", "boilerplate"]) + highlight(annotation.article.text, marks)


def timexes_html(annotation) -> str:
    """The article with its time expressions (and boilerplate) marked."""
    marks = pd.concat([
        spans_table(annotation.timexes, "timex", timex_title),
        spans_table(annotation.article.boilerplate, "boilerplate", lambda r: f"boilerplate: {r.kind}"),
    ], ignore_index=True)
    return legend(["timex", "boilerplate"]) + highlight(annotation.article.text, marks)


def annotated_page(annotation) -> str:
    """A standalone HTML page of the annotated article (``python -m lib annotate PATH --format html``)."""
    return page(f"{annotation.article.path.name}: annotated", annotated_html(annotation))


# ----------------------------------------------------------------------------- tables in the notebooks

class Shown:
    """A table as the notebooks show it (see :func:`show`): HTML for JupyterLab, text for a terminal."""

    def __init__(self, cells: pd.DataFrame, numeric: list[bool], total: int, how_to_see_all: str | None):
        self.cells, self.numeric, self.total, self.how_to_see_all = cells, numeric, total, how_to_see_all

    def note(self) -> str:
        """The line under a shortened table: how many rows are shown and how to see them all."""
        if self.how_to_see_all is None:
            return ""
        return f"Showing the first {len(self.cells)} of {self.total} rows; {self.how_to_see_all}."

    def _repr_html_(self) -> str:
        cell = "padding:2px 8px;vertical-align:top;white-space:normal;text-align:{}"
        head = "".join(f'<th style="{cell.format("right" if num else "left")}">{escape(str(c))}</th>'
                       for c, num in zip(self.cells.columns, self.numeric))
        body = "".join("<tr>" + "".join(f'<td style="{cell.format("right" if num else "left")}">{escape(v)}</td>'
                                        for v, num in zip(row, self.numeric)) + "</tr>"
                       for row in self.cells.itertuples(index=False))
        note = f'<p style="margin:4px 0;color:#555555">{escape(self.note())}</p>' if self.how_to_see_all else ""
        return f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}'

    def __repr__(self) -> str:
        columns = list(self.cells.columns)
        if not columns:
            return "(no columns)"
        widths = [max([len(str(c))] + [len(v) for v in self.cells[c]]) for c in columns]
        line = lambda values: "  ".join(v.rjust(w) if num else v.ljust(w)
                                        for v, w, num in zip(values, widths, self.numeric)).rstrip()
        lines = [line([str(c) for c in columns])] + [line(list(row)) for row in self.cells.itertuples(index=False)]
        return "\n".join(lines) + (f"\n{self.note()}" if self.how_to_see_all else "")


def _cell(value, width: int) -> str:
    """One cell as text: blank when missing, whole numbers without ``.0``, long text cut at a word."""
    if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\n", " ")
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0] if " " in text[:width] else text[:width]
    return cut.rstrip(" ,;:") + " …"


def show(frame, columns: list[str] | None = None, rows: int | None = 20, width: int = 60):
    """``frame`` as the notebooks show tables: only ``columns`` (all when ``None``), missing values
    blank, text left-aligned and cut at a word after ``width`` characters, and at most ``rows``
    rows with a note of how to see them all (``rows=None``: every row). Anything that is not a
    DataFrame (a message, ``None``) is returned as it is."""
    if not isinstance(frame, pd.DataFrame):
        return frame
    chosen = frame[list(columns)] if columns is not None else frame
    shown = chosen if rows is None else chosen.head(rows)
    numeric = [pd.api.types.is_numeric_dtype(chosen[c]) and not pd.api.types.is_bool_dtype(chosen[c])
               for c in chosen.columns]
    cells = pd.DataFrame({c: [_cell(v, width) for v in shown[c].tolist()] for c in chosen.columns},
                         columns=list(chosen.columns), dtype=object)
    see_all = "the same call with rows=None shows them all" if rows is not None and len(chosen) > rows else None
    return Shown(cells, numeric, len(chosen), see_all)
