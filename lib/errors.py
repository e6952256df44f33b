"""The one error a user of the workbook sees: what was wrong, in which file, where."""


class ArticleError(ValueError):
    """An article, its metadata, a curated file or a setting cannot be used; the message says which and why."""
