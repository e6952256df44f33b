"""Roots under affixes: a word reduced to its possible roots by the affix rules of its language.

The rules (prefixes with their allomorphs, prefix stacks, suffixes, confixes, forbidden pairs,
clitics) are data in ``lib/lang/<code>/morphology.json``; this module knows no word of any
language. :func:`candidate_roots` lists every root a word can be reduced to, the word itself
first and then longest first; :func:`root_of` returns the longest of them that a lexicon knows.
Both are cached per word, so calling them for every token of an article is cheap.

>>> candidate_roots("ditangkap")
('ditangkap', 'tangkap')
>>> "tangkap" in candidate_roots("penangkapannya")
True
>>> root_of("menyelidiki", {"selidik", "tangkap"})
'selidik'
>>> root_of("Serang", {"serang"}, affixed_only={"serang"}) is None   # the city, not "attack"
True
"""
from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache, partial
from typing import NamedTuple

from lib.tables import table


class _Allomorph(NamedTuple):
    prefix: str          # the name of the prefix it belongs to
    form: str            # how it is written
    next: re.Pattern     # what the rest of the word must start with
    restore: str         # what goes back in front of the rest (a letter the prefix replaced)


class _Rules(NamedTuple):
    min_root: int
    vowels: frozenset[str]
    by_letter: dict[str, tuple[_Allomorph, ...]]     # first letter -> allomorphs starting with it
    stacks: dict[str, frozenset[str]]                # outer prefix -> prefixes that may follow it
    suffixes: tuple[str, ...]
    confix: dict[str, frozenset[str]]                # suffix -> prefixes it forms one piece with
    forbidden: frozenset[tuple[str, str]]            # (prefix, suffix) pairs that never occur
    particles: tuple[str, ...]
    possessives: tuple[str, ...]
    split_hyphen: bool


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    """The morphology table of ``lang`` compiled once (``LookupError`` when the language has none)."""
    tab = table(lang, "morphology")
    allomorphs = [_Allomorph(p["name"], a["form"], re.compile(a["next"]), a["restore"])
                  for p in tab["prefixes"] for a in p["allomorphs"]]
    by_letter: dict[str, list[_Allomorph]] = {}
    for a in sorted(allomorphs, key=lambda a: -len(a.form)):
        by_letter.setdefault(a.form[0], []).append(a)
    stacks: dict[str, set[str]] = {}
    for s in tab.get("prefix_stacks", []):
        outer, inner = s["prefixes"]
        stacks.setdefault(outer, set()).add(inner)
    clitics = tab.get("clitics", {})
    return _Rules(
        min_root=tab["min_root"],
        vowels=frozenset(tab["vowels"]),
        by_letter={k: tuple(v) for k, v in by_letter.items()},
        stacks={k: frozenset(v) for k, v in stacks.items()},
        suffixes=tuple(sorted((s["form"] for s in tab["suffixes"]), key=len, reverse=True)),
        confix={s["form"]: frozenset(s.get("confix_with", ())) for s in tab["suffixes"]},
        forbidden=frozenset((f["prefix"], f["suffix"]) for f in tab.get("forbidden", [])),
        particles=tuple(c["form"] for c in clitics.get("particles", [])),
        possessives=tuple(c["form"] for c in clitics.get("possessives", [])),
        split_hyphen=tab.get("hyphen") == "parts_when_different",
    )


def _one_prefix(stem: str, rules: _Rules, only: Collection[str] | None = None) -> list[tuple[str, str]]:
    """``(rest, prefix)`` for every allomorph (of a prefix in ``only``, when given) that ``stem`` starts with."""
    out = []
    for a in rules.by_letter.get(stem[:1], ()):
        if (only is None or a.prefix in only) and stem.startswith(a.form):
            rest = stem[len(a.form):]
            if rest and a.next.match(rest):
                out.append((a.restore + rest, a.prefix))
    return out


def _prefixes(stem: str, rules: _Rules) -> list[tuple[str, tuple[str, ...]]]:
    """``(root, prefixes)`` for every single prefix and every stack of two the stem can lose."""
    out = []
    for rest, outer in _one_prefix(stem, rules):
        out.append((rest, (outer,)))
        if outer in rules.stacks:
            out.extend((root, (outer, inner)) for root, inner in _one_prefix(rest, rules, rules.stacks[outer]))
    return out


def _bases(word: str, rules: _Rules) -> list[str]:
    """The word, and the word without its particle and/or possessive clitic."""
    bases = [word]
    for p in rules.particles:
        if word.endswith(p) and len(word) - len(p) >= rules.min_root:
            bases.append(word[:-len(p)])
            break
    for b in list(bases):
        for q in rules.possessives:
            if b.endswith(q) and len(b) - len(q) >= rules.min_root:
                bases.append(b[:-len(q)])
                break
    return bases


@lru_cache(maxsize=1 << 18)
def _analyses(word: str, lang: str = "id") -> tuple[tuple[str, bool], ...]:
    """``(root, affixed)`` pairs: the word first, then longest first; ``affixed`` when a prefix or suffix came off."""
    rules = _rules(lang)
    w = word.lower()
    found: dict[str, bool] = {w: False}

    def add(root: str, affixed: bool) -> None:
        if root in found:
            found[root] = found[root] or affixed
        elif len(root) >= rules.min_root and not rules.vowels.isdisjoint(root):
            found[root] = affixed

    for base in _bases(w, rules):
        add(base, False)
        if rules.split_hyphen and "-" in base:
            parts = [p for p in base.split("-") if p]
            if len(set(parts)) == len(parts) > 1:
                for part in parts:
                    for root, _ in _analyses(part, lang):
                        add(root, True)
            continue
        for suffix in ("",) + tuple(s for s in rules.suffixes if base.endswith(s) and len(base) > len(s)):
            stem = base[:-len(suffix)] if suffix else base
            if suffix:
                add(stem, True)
            for root, prefixes in _prefixes(stem, rules):
                if suffix:
                    if (prefixes[0], suffix) not in rules.forbidden:
                        add(root, True)
                elif not any(root.endswith(s) and not rules.confix[s].isdisjoint(prefixes) for s in rules.suffixes):
                    add(root, True)
    rest = sorted((r for r in found if r != w), key=len, reverse=True)
    return ((w, False),) + tuple((r, found[r]) for r in rest)


@lru_cache(maxsize=1 << 18)
def candidate_roots(word: str, lang: str = "id") -> tuple[str, ...]:
    """Every root ``word`` reduces to by the affixes of ``lang``, lowercase: the word itself first, then longest first."""
    return tuple(root for root, _ in _analyses(word, lang))


def root_of(word: str, lexicon: Collection[str], lang: str = "id", affixed_only: Collection[str] = frozenset(),
            whole_words: Collection[str] = frozenset()) -> str | None:
    """The longest candidate root of ``word`` in ``lexicon``, or None: when there is none, when it is in
    ``affixed_only`` and the word carries no prefix or suffix (``Serang`` the city, ``serangan`` the attack),
    or when the word itself, clitics aside, is one of ``whole_words`` (``penyidik`` but not ``penyidikan``).

    Cached per word when the three collections are frozensets (a stage's lexicon is one, read once)."""
    if type(lexicon) is frozenset and type(affixed_only) is frozenset and type(whole_words) is frozenset:
        return _frozen_root_of(lexicon, lang, affixed_only, whole_words, word)
    return _root_of(word, lexicon, lang, affixed_only, whole_words)


def root_finder(lexicon: Collection[str], lang: str = "id", affixed_only: Collection[str] = frozenset(),
                whole_words: Collection[str] = frozenset()):
    """``root_of`` with everything but the word given: a function of the word alone, cached per word, for
    ``map`` over every word of a text (no Python call in between).

    >>> list(map(root_finder({"tangkap"}), ["ditangkap", "rumah"]))
    ['tangkap', None]
    """
    return partial(_frozen_root_of, frozenset(lexicon), lang, frozenset(affixed_only), frozenset(whole_words))


@lru_cache(maxsize=1 << 18)
def _frozen_root_of(lexicon: frozenset, lang: str, affixed_only: frozenset, whole_words: frozenset, word: str) -> str | None:
    return _root_of(word, lexicon, lang, affixed_only, whole_words)


def _root_of(word: str, lexicon: Collection[str], lang: str, affixed_only: Collection[str],
             whole_words: Collection[str]) -> str | None:
    analyses = _analyses(word, lang)
    if whole_words and any(root in whole_words for root, affixed in analyses if not affixed):
        return None
    for root, affixed in analyses:
        if root in lexicon:
            return root if affixed or root not in affixed_only else None
    return None
