"""The bull's-eye chart (牛眼图) of improvement items: the qualitative classification step.

Each improvement idea collected in the workshop gets votes (or a score); it is placed on
one of three rings — must do now (必须立即做, the centre), should do (应该做), could do
(可以做) — and in a sector by its category (for example the SERVQUAL dimension).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_argument, check_columns, check_frame
from ..errors import IsqError

__all__ = ["bullseye", "bullseye_table", "BULLSEYE_RINGS", "BULLSEYE_SHARES"]

#: Ring keys from the centre outwards.
BULLSEYE_RINGS = ("must", "should", "could")
#: Default thresholds as shares of the top score: must ≥ 2/3 of the maximum,
#: should ≥ 1/3, could below. Votes are read relative to the most-voted item, so one
#: strong favourite does not push every other item to the outer ring arbitrarily.
BULLSEYE_SHARES = (2 / 3, 1 / 3)


def bullseye(ideas, *, item="idea", score="votes", sector="dimension",
             rings=BULLSEYE_RINGS, thresholds=None, label=None):
    """Place improvement items on the rings and sectors of a bull's-eye chart.

    Parameters
    ----------
    ideas : DataFrame
        One row per improvement item (or one row per vote/score, which are summed).
    item : str
        Item identifier column.
    score : str
        Votes or score column (higher = more urgent).
    sector : str or None
        Category column giving the sector; None puts all items in one sector.
    rings : sequence of str
        Ring names from the centre outwards (default must, should, could).
    thresholds : None, "tertile" or sequence of float
        None: shares of the top score (``BULLSEYE_SHARES``: 2/3 and 1/3 of the maximum);
        "tertile": the upper and lower tertiles of the scores; a sequence of
        ``len(rings) - 1`` descending score cut points (an item with score ≥ the first
        cut goes to the centre ring, and so on).
    label : str, optional
        Display-name column carried into the result (e.g. "title_zh").

    Returns
    -------
    DataFrame
        One row per item, sorted by ring then score: ``item, label, sector, score,
        share_of_max, ring, ring_no`` (1 = centre). ``attrs["cuts"]`` holds the score cuts.

    Examples
    --------
    >>> d = pd.DataFrame({"idea": ["I1", "I2", "I3", "I4"], "votes": [12, 9, 5, 2],
    ...                   "dimension": ["responsiveness", "reliability", "empathy", "tangibles"]})
    >>> isq.bullseye(d)[["item", "ring"]].values.tolist()
    [['I1', 'must'], ['I2', 'must'], ['I3', 'should'], ['I4', 'could']]

    The demo company's workshop ideas:

    >>> b = isq.bullseye(isq.load_demo("ideas"), label="title_zh")
    >>> b.loc[b["ring"] == "must", "label"].tolist()
    ['IT 服务台首问负责制', '报销审批 48 小时时限承诺', '发票拍照自动识别', '新员工入职一站式办理']
    """
    check_frame(ideas, name="ideas")
    check_columns(ideas, item=item, score=score, sector=sector, label=label)
    rings = tuple(rings)
    if len(rings) < 2 or len(set(rings)) != len(rings):
        raise IsqError(f"`rings` needs at least two distinct names; got {rings!r}.")
    vals = pd.to_numeric(ideas[score], errors="coerce")
    bad = ideas[score].notna() & vals.isna()
    if bad.any():
        raise IsqError(f"`{score}` must be numeric; row {ideas.index[bad][0]!r} has {ideas.loc[bad, score].iloc[0]!r}.")
    df = ideas.assign(_s=vals)
    agg = {"_s": "sum"}
    if sector:
        agg[sector] = "first"
    if label:
        agg[label] = "first"
    g = df.groupby(item, sort=False).agg(agg).reset_index()
    s = g["_s"].to_numpy(float)
    if len(s) == 0:
        raise IsqError("`ideas` has no rows: the bull's-eye needs at least one item.")
    top = np.nanmax(s)
    k = len(rings) - 1
    if thresholds is None:
        if k != len(BULLSEYE_SHARES):
            shares = [1 - (i + 1) / len(rings) for i in range(k)]
        else:
            shares = BULLSEYE_SHARES
        cuts = [top * sh for sh in shares]
    elif isinstance(thresholds, str):
        check_argument("thresholds", thresholds, ["tertile"])
        if k != 2:
            raise IsqError("thresholds='tertile' needs exactly three rings.")
        cuts = list(np.nanquantile(s, [2 / 3, 1 / 3]))
    else:
        cuts = [float(c) for c in thresholds]
        if len(cuts) != k or any(a < b for a, b in zip(cuts, cuts[1:])):
            raise IsqError(
                f"`thresholds` must be {k} descending score cut points for rings {rings!r}; got {thresholds!r}."
            )
    ring_no = np.full(len(s), k + 1)
    for i, c in reversed(list(enumerate(cuts))):
        ring_no = np.where(s >= c - 1e-12, i + 1, ring_no)
    out = pd.DataFrame({
        "item": g[item].to_numpy(),
        "label": g[label].to_numpy() if label else g[item].astype(str).to_numpy(),
        "sector": g[sector].to_numpy() if sector else "all",
        "score": s,
        "share_of_max": s / top if top > 0 else np.nan,
        "ring": [rings[r - 1] for r in ring_no],
        "ring_no": ring_no,
    })
    out = out.sort_values(["ring_no", "score", "item"], ascending=[True, False, True], ignore_index=True)
    out.attrs.update(cuts=cuts, rings=rings)
    return out


def bullseye_table(result, *, lang="zh", sep="、"):
    """The qualitative classification table: rings × sectors listing the items.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`bullseye`.
    lang : {"zh", "en"}
        Language of the ring and sector headings.
    sep : str
        Separator between item labels in a cell.

    Returns
    -------
    DataFrame
        Index: rings (centre first); columns: sectors; cells: the items' labels.

    Examples
    --------
    >>> d = pd.DataFrame({"idea": ["I1", "I2"], "votes": [5, 1], "dimension": ["empathy"] * 2})
    >>> isq.bullseye_table(isq.bullseye(d)).loc["必须立即做", "移情性"]
    'I1'
    """
    from ..labels import label as _label

    check_columns(result, item="item", ring="ring", sector="sector", label="label")
    rings = result.attrs.get("rings", BULLSEYE_RINGS)
    sectors = list(pd.unique(result["sector"]))
    tab = (result.groupby(["ring", "sector"], sort=False)["label"]
           .agg(lambda s: sep.join(map(str, s))).unstack("sector"))
    tab = tab.reindex(index=[r for r in rings], columns=sectors).fillna("")
    tab.index = [_label(f"ring_{r}", lang) if _label(f"ring_{r}", lang) != f"ring_{r}" else r for r in tab.index]
    tab.columns = [_label(str(c), lang) for c in tab.columns]
    return tab
