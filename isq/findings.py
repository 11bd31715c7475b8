"""Generated findings: short sentences in Chinese or English from model results.

Each function takes the output of one isq model and returns a list of sentences for reports
and notebooks (the shortboard, the largest gaps, the concentrate-here items, the strongest and
weakest departments, significant changes, the vital few complaint categories). Suppressed
(masked) figures are never mentioned.
"""

from __future__ import annotations

import math

from .labels import check_lang, label

__all__ = [
    "servqual_findings",
    "ipa_findings",
    "satisfaction_findings",
    "change_findings",
    "kano_findings",
    "pareto_findings",
]


def _ok(v):
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def servqual_findings(dimension_gaps, *, lang="zh"):
    """Sentences on the shortboard (most negative dimension gap) and the strongest dimension.

    Examples
    --------
    >>> t = pd.DataFrame({"dimension": ["tangibles", "reliability", "responsiveness"],
    ...                   "gap": [-0.2, -0.5, -1.3], "gap_ci_low": [-0.4, -0.8, -1.6],
    ...                   "gap_ci_high": [0.0, -0.2, -1.0], "n": [50, 50, 50]})
    >>> print(isq.findings.servqual_findings(t)[0])
    短板是“响应性”：感知比期望低 1.30 分（95% 区间 -1.60 至 -1.00），是五个维度中差距最大的。
    """
    check_lang(lang)
    d = dimension_gaps.dropna(subset=["gap"])
    if d.empty:
        return []
    worst = d.loc[d["gap"].idxmin()]
    best = d.loc[d["gap"].idxmax()]
    name = label(worst["dimension"], lang)
    lo, hi = worst.get("gap_ci_low"), worst.get("gap_ci_high")
    ci = f"（95% 区间 {lo:.2f} 至 {hi:.2f}）" if _ok(lo) and _ok(hi) else ""
    ci_en = f" (95% CI {lo:.2f} to {hi:.2f})" if _ok(lo) and _ok(hi) else ""
    out = []
    if worst["gap"] < 0:
        out.append(
            f"短板是“{name}”：感知比期望低 {-worst['gap']:.2f} 分{ci}，是五个维度中差距最大的。" if lang == "zh"
            else f"The shortboard is {name}: perception falls {-worst['gap']:.2f} points short of expectation{ci_en}, "
                 "the largest gap of the five dimensions."
        )
    if best["dimension"] != worst["dimension"]:
        bname = label(best["dimension"], lang)
        out.append(
            f"表现相对最好的是“{bname}”（差距 {best['gap']:+.2f}）。" if lang == "zh"
            else f"The strongest dimension is {bname} (gap {best['gap']:+.2f})."
        )
    return out


def ipa_findings(ipa_result, *, lang="zh", top=3):
    """Sentences naming the most urgent 'concentrate here' attributes (by priority)."""
    check_lang(lang)
    c = ipa_result[ipa_result["quadrant"] == "concentrate"].sort_values("priority", ascending=False)
    if c.empty:
        return ["没有落在“重点改进”象限的项目。" if lang == "zh" else "No attribute falls in the concentrate-here quadrant."]
    names = [str(a) for a in c["attribute"].head(top)]
    if lang == "zh":
        return [f"“重点改进”象限共有 {len(c)} 项（重要但表现偏低），最紧迫的是：{'、'.join(names)}。"]
    return [f"{len(c)} attribute(s) are important but under-performing (concentrate here); most urgent: {', '.join(names)}."]


def satisfaction_findings(sat, *, by, lang="zh", labels=None):
    """Sentences on the highest and lowest NPS group (suppressed groups skipped); with
    ``by="wave"`` and both waves, the change from before to after training instead.

    Examples
    --------
    >>> t = pd.DataFrame({"wave": ["post", "pre"], "nps": [-18.0, -64.0], "n": [40, 44]})
    >>> print(isq.findings.satisfaction_findings(t, by="wave")[0])
    净推荐值（NPS）由培训前的 -64（n = 44）变为培训后的 -18（n = 40），变化 +46。
    """
    check_lang(lang)
    labels = labels or {}
    s = sat.dropna(subset=["nps"])
    if s.empty:
        return []
    if by == "wave":  # waves are a before/after comparison, never a "highest/lowest" ranking
        waves = s.set_index("wave")
        if {"pre", "post"} <= set(waves.index):
            a, b = waves.loc["pre"], waves.loc["post"]
            if lang == "zh":
                return [f"净推荐值（NPS）由{label('pre', lang)}的 {a['nps']:.0f}（n = {int(a['n'])}）变为"
                        f"{label('post', lang)}的 {b['nps']:.0f}（n = {int(b['n'])}），变化 {b['nps'] - a['nps']:+.0f}。"]
            return [f"NPS moved from {a['nps']:.0f} before (n = {int(a['n'])}) to {b['nps']:.0f} after "
                    f"(n = {int(b['n'])}), a change of {b['nps'] - a['nps']:+.0f}."]
    hi, lo = s.loc[s["nps"].idxmax()], s.loc[s["nps"].idxmin()]
    name = lambda r: labels.get(r[by], r[by])  # noqa: E731
    if len(s) == 1 or hi[by] == lo[by]:
        return [f"净推荐值（NPS）为 {hi['nps']:.0f}（n = {int(hi['n'])}）。" if lang == "zh"
                else f"NPS is {hi['nps']:.0f} (n = {int(hi['n'])})."]
    if lang == "zh":
        return [f"净推荐值最高的是{name(hi)}（{hi['nps']:.0f}），最低的是{name(lo)}（{lo['nps']:.0f}）。"]
    return [f"NPS is highest for {name(hi)} ({hi['nps']:.0f}) and lowest for {name(lo)} ({lo['nps']:.0f})."]


def change_findings(changes, *, by, lang="zh", labels=None, alpha=0.05):
    """Sentences on significant before/after changes (Holm-adjusted p below ``alpha``)."""
    check_lang(lang)
    labels = labels or {}
    p = "p_adj" if "p_adj" in changes else "p_val"
    d = changes.dropna(subset=[p])
    up = d[(d[p] < alpha) & (d["diff"] > 0)]
    flat = d[d[p] >= alpha]
    names = lambda frame: [str(labels.get(v, v)) for v in frame[by]]  # noqa: E731
    out = []
    if lang == "zh":
        if len(up):
            out.append(f"培训后服务感知显著提升的部门：{'、'.join(names(up))}。")
        if len(flat):
            out.append(f"没有显著变化的部门：{'、'.join(names(flat))}。")
    else:
        if len(up):
            out.append(f"Perceived service improved significantly after training for: {', '.join(names(up))}.")
        if len(flat):
            out.append(f"No significant change for: {', '.join(names(flat))}.")
    return out


def kano_findings(summary, *, lang="zh"):
    """Sentences listing must-be and attractive features."""
    check_lang(lang)
    cat = summary["category_rule"] if "category_rule" in summary else summary["category"]
    out = []
    for code in ("M", "A"):
        feats = [str(f) for f in summary.loc[cat == code, "feature"]]
        if feats:
            out.append(f"{label(code, lang)}需求：{'、'.join(feats)}。" if lang == "zh"
                       else f"{label(code, lang)} features: {', '.join(feats)}.")
    return out


def pareto_findings(pareto_table, *, lang="zh"):
    """A sentence on the vital few categories and their share."""
    check_lang(lang)
    vf = pareto_table[pareto_table["vital_few"]]
    if vf.empty:
        return []
    share = vf["share"].sum()
    cats = [str(c) for c in vf["category"]]
    if lang == "zh":
        return [f"关键少数：{'、'.join(cats)}，合计占全部投诉的 {share:.0%}。"]
    return [f"The vital few: {', '.join(cats)}, together {share:.0%} of all complaints."]
