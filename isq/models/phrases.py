"""Service phrases (规范用语 / 服务禁语): a phrase library and a checker for chat/e-mail text.

The bundled library ``isq/data/phrases.yaml`` lists phrases to avoid in internal service
(服务禁语), each with a category (explicit 显性 / implicit 隐性), a theme (推诿, 指责, 冷漠,
命令, 敷衍, 不耐烦, 否定), a severity (1–3) and recommended alternatives (规范用语), plus a
list of recommended phrases. :func:`check_phrases` finds them in text and reports each hit
with its character position and a suggestion; :func:`add_phrases` and
:func:`count_phrases` let a class add the phrases its participants collected and count them.

Matching rules (deterministic):

- text is normalised before matching: Unicode NFKC (full-width letters, digits and
  punctuation become half-width), case-folded, and all whitespace removed; positions are
  mapped back to the original text, so ``text[start:end] == match`` always holds;
- every library entry is one alternative of a single compiled regular expression; entries
  are tried longest canonical phrase first (then library order), the leftmost hit wins and
  hits never overlap (scanning resumes after the end of a hit).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns
from ..data.loaders import (  # the library file and its checks live in the data layer
    PHRASE_CATEGORIES,
    PHRASES_PATH,
    SEVERITY_RANGE,
    PhraseLibrary,
    _normalise_map,
    _validate_entries,
    load_phrases,
    normalize_phrase_text,
)
from ..errors import IsqError

__all__ = [
    "PhraseLibrary",
    "load_phrases",
    "check_phrases",
    "add_phrases",
    "count_phrases",
    "normalize_phrase_text",
    "PHRASES_PATH",
    "PHRASE_CATEGORIES",
    "SEVERITY_RANGE",
]

_HIT_COLUMNS = ["text_id", "start", "end", "match", "phrase_id", "phrase", "category",
                "theme", "severity", "suggestion"]


def add_phrases(library, new, *, category="explicit", theme="学员收集", severity=2,
                alternatives=("（请讨论并写下更好的说法）",)):
    """A new library with phrases collected by participants added (the old one is unchanged).

    Parameters
    ----------
    library : PhraseLibrary or None
        The library to extend (None: the bundled one).
    new : str, list of str, list of dict or DataFrame
        Phrases; dicts/rows may carry their own ``pattern``, ``category``, ``theme``,
        ``severity``, ``alternatives``; the keyword arguments fill what is missing.
    category, theme, severity, alternatives
        Defaults for the new entries.

    Returns
    -------
    PhraseLibrary
        With the new phrases appended (ids ``U01``, ``U02``, …). A phrase whose normalised
        text equals an existing phrase, or one added just before, is skipped.

    Examples
    --------
    >>> lib = isq.add_phrases(None, ["这个我不清楚", "这不归我管", "这个我不清楚"])
    >>> len(lib) - len(isq.load_phrases())      # the known and the repeated one are skipped
    1
    """
    library = library if library is not None else load_phrases()
    if isinstance(new, str):
        new = [new]
    if isinstance(new, pd.DataFrame):
        check_columns(new, phrase="phrase")
        new = new.to_dict("records")
    known = {normalize_phrase_text(p) for p in library.forbidden["phrase"]}
    ids = set(library.forbidden["id"])
    entries, k = [], 1
    for item in new:
        e = {"phrase": item} if isinstance(item, str) else dict(item)
        if not str(e.get("phrase", "")).strip():
            continue
        norm = normalize_phrase_text(e["phrase"])
        if norm in known:
            continue
        known.add(norm)
        while f"U{k:02d}" in ids:
            k += 1
        e.setdefault("id", f"U{k:02d}")
        ids.add(e["id"])
        for name, default in (("category", category), ("theme", theme),
                              ("severity", severity), ("alternatives", list(alternatives))):
            if e.get(name) is None or (isinstance(e.get(name), float) and np.isnan(e[name])):
                e[name] = default
        entries.append(e)
    added = _validate_entries(entries, "<added phrases>", start_key="new")
    forbidden = pd.concat([library.forbidden, pd.DataFrame(added, columns=library.forbidden.columns)],
                          ignore_index=True) if added else library.forbidden.copy()
    return PhraseLibrary(forbidden=forbidden, recommended=library.recommended.copy(),
                         source=f"{library.source} + {len(added)} added")


# --------------------------------------------------------------------------- checker
def _texts(texts, text, text_id):
    if isinstance(texts, str):
        return pd.Series([texts])
    if isinstance(texts, pd.DataFrame):
        check_columns(texts, text=text, text_id=text_id)
        s = texts[text]
        return s.set_axis(texts[text_id]) if text_id is not None else s
    if isinstance(texts, pd.Series):
        return texts
    try:
        return pd.Series(list(texts))
    except TypeError:
        raise IsqError(f"`texts` must be a string, a list of strings, a Series or a DataFrame; "
                       f"got {type(texts).__name__}.") from None


def check_phrases(texts, *, library=None, text="text", text_id=None):
    """Find phrases to avoid (服务禁语) in chat or e-mail text.

    Parameters
    ----------
    texts : str, list of str, Series or DataFrame
        The messages. A Series' index (or the ``text_id`` column of a DataFrame) identifies
        each message; for a string or list the id is its position (0, 1, …).
    library : PhraseLibrary, optional
        Default: the bundled library (:func:`load_phrases`).
    text, text_id : str
        Columns of a DataFrame ``texts``: the message text and its id (default: the index).

    Returns
    -------
    DataFrame
        One row per hit: ``text_id, start, end, match, phrase_id, phrase, category, theme,
        severity, suggestion``. ``start``/``end`` are character offsets in the original
        message (``message[start:end] == match``); ``phrase`` is the library's canonical
        wording; ``suggestion`` its first recommended alternative. Ordered by message, then
        position.

    Notes
    -----
    See the module notes for normalisation and the overlap rule. One regular expression
    of all entries is compiled once per library, so 10,000 messages take well under a
    second or two.

    Examples
    --------
    >>> hits = isq.check_phrases("这不归我管，你自己去查吧！")
    >>> hits[["start", "end", "match", "theme"]]
       start  end  match theme
    0      0    5  这不归我管    推诿
    1      6   12  你自己去查吧    命令
    """
    library = library if library is not None else load_phrases()
    series = _texts(texts, text, text_id)
    rx = library.regex()
    f = library.forbidden.reset_index(drop=True)
    cols = {c: f[c].tolist() for c in ("id", "phrase", "category", "theme", "severity")}
    first_alt = [a[0] for a in f["alternatives"]]
    rows = {c: [] for c in _HIT_COLUMNS}
    if rx is None:
        return pd.DataFrame(rows)
    for tid, msg in zip(series.index, series.to_numpy()):
        if msg is None or (isinstance(msg, float) and np.isnan(msg)):
            continue
        msg = str(msg)
        norm, idx = _normalise_map(msg)
        for m in rx.finditer(norm):
            if m.end() == m.start():
                continue
            i = int(m.lastgroup[1:])
            if idx is None:
                s, e = m.start(), m.end()
            else:
                s, e = idx[m.start()], idx[m.end() - 1] + 1
            rows["text_id"].append(tid)
            rows["start"].append(s)
            rows["end"].append(e)
            rows["match"].append(msg[s:e])
            rows["phrase_id"].append(cols["id"][i])
            rows["phrase"].append(cols["phrase"][i])
            rows["category"].append(cols["category"][i])
            rows["theme"].append(cols["theme"][i])
            rows["severity"].append(cols["severity"][i])
            rows["suggestion"].append(first_alt[i])
    out = pd.DataFrame(rows)
    out["start"] = out["start"].astype(int)
    out["end"] = out["end"].astype(int)
    out["severity"] = out["severity"].astype(int)
    return out


def count_phrases(texts, *, library=None, by="phrase", text="text", text_id=None):
    """Count phrases to avoid in texts, or tally hits already found.

    Parameters
    ----------
    texts : str, list, Series, DataFrame
        Messages (checked with :func:`check_phrases`) or a hits table from it.
    library : PhraseLibrary, optional
        As in :func:`check_phrases` (use :func:`add_phrases` first to count phrases
        collected by participants).
    by : str or list of str, default "phrase"
        Any of "phrase", "phrase_id", "category", "theme", "severity".

    Returns
    -------
    DataFrame
        ``[by...], hits, texts, share``: hits, number of distinct messages with a hit, and
        the share of all hits (0–1); most frequent first, ties by name.

    Examples
    --------
    >>> msgs = ["这不归我管", "你怎么又来了？这不归我管。", "好的，马上处理。"]
    >>> isq.count_phrases(msgs)
       phrase  hits  texts     share
    0   这不归我管     2      2  0.666667
    1  你怎么又来了     1      1  0.333333
    """
    by = [by] if isinstance(by, str) else list(by)
    for b in by:
        check_argument("by", b, ("phrase", "phrase_id", "category", "theme", "severity"))
    if isinstance(texts, pd.DataFrame) and {"text_id", "phrase_id"}.issubset(texts.columns):
        hits = texts
    else:
        hits = check_phrases(texts, library=library, text=text, text_id=text_id)
    if hits.empty:
        return pd.DataFrame(columns=[*by, "hits", "texts", "share"])
    g = hits.groupby(by, sort=True)
    out = pd.DataFrame({"hits": g.size(), "texts": g["text_id"].nunique()}).reset_index()
    out["share"] = out["hits"] / out["hits"].sum()
    return out.sort_values(["hits", *by], ascending=[False, *[True] * len(by)]).reset_index(drop=True)
