"""One vocabulary, written once: the parameter and return texts the models and plots share.

In the style of seaborn's ``_docstrings.py``: a docstring names a shared block with a
``{{name}}`` line (indented as the block should be), and :func:`share_docs` fills it in when
the module is imported, so ``help()``, the rendered API pages and the doctests see the full
text. Only whole lines are replaced: a docstring's own ``{...}`` (dict examples) stays as
it is.

>>> @share_docs
... def f(data, *, min_group_size=5):
...     '''Example.
...
...     Parameters
...     ----------
...     {{min_group_size}}
...     '''
>>> print(f.__doc__.splitlines()[4].strip())
min_group_size : int or None, default 5
"""

from __future__ import annotations

import re

__all__ = ["DOCS", "share_docs"]

DOCS = {
    # --- privacy and intervals (every model) ---------------------------------------------
    "min_group_size": """
min_group_size : int or None, default 5
    Every figure of a group with fewer respondents is masked (NaN; privacy), ``n`` stays
    visible. Without ``by`` the whole table is one group: a table filtered to 3 people is
    masked too. None switches masking off (worked examples, classroom data).
""",
    "min_group_size_by": """
min_group_size : int or None, default 5
    With ``by``, every figure of a group with fewer respondents is masked (privacy);
    ``n`` stays visible. None switches masking off.
""",
    "ci_t": """
ci : float, default 0.95
    Confidence level of the t-intervals over respondents.
""",
    "ci_wilson": """
ci : float, default 0.95
    Confidence level of the Wilson interval.
""",
    # --- SERVQUAL ---------------------------------------------------------------------------
    "servqual_data": """
data : DataFrame
    Long answers, one row per respondent × item (× provider × wave ...).
""",
    "servqual_roles": """
item, dimension, respondent : str
    Column names of the roles; the defaults match the bundled instrument and demo.
""",
    "servqual_by": """
by : str or list of str, optional
    Grouping columns, e.g. ``"provider"``, ``["provider", "wave"]``, ``"department"``.
""",
    "servqual_scale": """
scale : tuple, default (1, 7)
    Lowest and highest answer.
""",
    "servqual_weights": """
weights : dict, Series or DataFrame, optional
    Importance weights for the weighted overall score: dimension -> points of the
    100-point allocation, or a long table of per-respondent allocations with columns
    ``dimension``, ``points`` (and ``respondent``; optionally by-columns such as
    ``department``, used to average within groups). Renormalised to sum to 1.
""",
    "servqual_tail": """
{{ci_t}}
{{servqual_scale}}
{{min_group_size}}
""",
    "servqual_overall_returns": """
level "overall": ``*by, unweighted, unweighted_ci_low, unweighted_ci_high,
[weighted, weighted_ci_low, weighted_ci_high,] n, dimensions`` — a Series when
``by`` is None. ``n`` counts respondents.
""",
    # --- Kano ------------------------------------------------------------------------------
    "kano_data": """
data : pandas.DataFrame
    Long form: one row per respondent and feature.
feature, functional, dysfunctional : str
    Column names: the feature code and the two answer codes (1–5).
""",
    "kano_by": """
by : str or list of str, optional
    Group columns (segment, department, wave); one row per group and feature.
""",
    "tie_band": """
tie_band : float, default 0.06
    Largest category strength that counts as a close call for ``category_rule``
    (M > O > A > I).
""",
    # --- satisfaction ---------------------------------------------------------------------
    "missing_answers": """
Missing answers are dropped and counted in ``result.attrs["n_missing"]``.
""",
    # --- reliability ------------------------------------------------------------------------
    "wide_items": """
data : DataFrame
    Wide data: one row per respondent, one numeric column per item.
items : list of str, optional
    The item columns; all columns by default.
""",
    "nan_policy": """
nan_policy : {"pairwise", "listwise"}, default "pairwise"
    "pairwise": each covariance uses the rows that answered both items (R psych
    ``use="pairwise"``); "listwise": only complete rows (``use="complete.obs"``).
""",
    # --- plots ------------------------------------------------------------------------------
    "ax": """
ax : matplotlib.axes.Axes, optional
    Where to draw (default: the current Axes).
""",
    "lang": """
lang : {"zh", "en"}, default "zh"
    Language of titles, labels and legends.
""",
    "title": """
title : str, optional
    Default: the chart's own title in ``lang``; "" for none.
""",
    "axes_returns": """
matplotlib.axes.Axes
    The Axes drawn on.
""",
    "ax_lang": """
ax : matplotlib.axes.Axes, optional
    Where to draw (default: the current Axes).
lang : {"zh", "en"}, default "zh"
    Language of titles, labels and legends.
""",
    "returns_axes": """
Returns
-------
matplotlib.axes.Axes
    The Axes drawn on.
""",
}

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{\{(?P<name>\w+)\}\}[ \t]*$", re.MULTILINE)


def _fill(match):
    # a block may itself name blocks ({{servqual_tail}} = ci, scale, min_group_size)
    text = _PLACEHOLDER.sub(_fill, DOCS[match.group("name")].strip("\n"))
    indent = match.group("indent")
    return "\n".join(indent + line if line else "" for line in text.splitlines())


def share_docs(obj):
    """Fill every ``{{name}}`` line of ``obj.__doc__`` from :data:`DOCS` (a decorator).

    An unknown name raises ``KeyError`` at import time, so a typo cannot reach the docs.
    """
    if obj.__doc__:
        obj.__doc__ = _PLACEHOLDER.sub(_fill, obj.__doc__)
    return obj
