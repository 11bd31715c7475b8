"""Report sections a client acts on: the one-page overview, recommendations, the action plan,
the department × dimension heatmap and the further SERVQUAL, peer and training views.

:class:`ReportExtras` is mixed into :class:`isq.delivery.sections.Report`; every figure it
shows comes from the same privacy-masked tables as the rest of the report (departments the
run hides are never named, small groups never shown).
"""

from __future__ import annotations

import html

import pandas as pd

from ..labels import label
from ..plots._setup import literal

__all__ = ["ReportExtras", "BULLSEYE_SCORE_WEIGHTS", "DIMENSION_MEASURES", "composite_idea_score",
           "EN_COLUMNS", "ZH_COLUMNS"]

#: Weights of the bull's-eye composite score (综合得分): the room's votes, the expected impact
#: (1–5), the cost of the fix (1 = cheap, reversed) and its feasibility (5 = easy).
BULLSEYE_SCORE_WEIGHTS = {"votes": 0.4, "impact": 0.3, "cost": 0.15, "feasibility": 0.15}
#: Scale maximum of the impact / cost / feasibility ratings.
IDEA_RATING_MAX = 5
#: Most rows a department chart shows (a province with hundreds of halls: the weakest ones).
CHART_MAX_ROWS = 30
#: Improvement in the performance mean an action plan targets by the next survey (7-point scale).
TARGET_STEP = 0.5

#: A default measure per SERVQUAL dimension when the client's idea list has none for it
#: (keyed by language, as :data:`isq.GAP_REMEDIES`).
DIMENSION_MEASURES = {
    "tangibles": {"zh": "统一服务窗口、工具与资料的标准（环境、着装、表单）",
                  "en": "Standardise service points, tools and forms"},
    "reliability": {"zh": "把关键流程写成服务标准并按时兑现承诺（一次做对）",
                    "en": "Write key processes as standards and keep promises"},
    "responsiveness": {"zh": "设定并公开响应时限（如首问负责、限时答复）",
                       "en": "Set and publish response times (first-contact ownership)"},
    "assurance": {"zh": "开展专业与沟通培训，关键岗位持证上岗", "en": "Train for expertise and communication on key roles"},
    "empathy": {"zh": "建立内部客户回访与需求沟通机制", "en": "Regular follow-up with internal customers on their needs"},
}
_DEFAULT_MEASURE = {"zh": "制定专项改进措施", "en": "A dedicated improvement measure"}

#: English headers of report tables (the workbook uses the same).
EN_COLUMNS = {
    "provider": "Serving department", "department": "Department", "dimension": "Dimension", "item": "Item",
    "attribute": "Item", "text": "Wording", "expectation_mean": "Expectation", "perception_mean": "Perception",
    "gap": "Gap", "gap_ci_low": "Gap CI low", "gap_ci_high": "Gap CI high", "n": "n", "rank": "Rank",
    "quadrant": "Quadrant", "importance_mean": "Importance", "performance_mean": "Performance",
    "priority": "Priority index", "score": "Score", "feature": "Feature", "category_rule": "Category (M>O>A>I)",
    "better": "Better", "worse": "Worse", "nps": "NPS", "nps_ci_low": "NPS CI low", "nps_ci_high": "NPS CI high",
    "csat": "CSAT", "csat_mean": "CSAT mean", "ces_mean": "CES mean", "ces_agree": "CES agree", "wave": "Wave",
    "mean": "Mean", "ci_low": "CI low", "ci_high": "CI high", "journey": "Journey", "version": "Version",
    "peak_touchpoint": "Peak touchpoint", "peak": "Peak", "end_touchpoint": "End touchpoint", "end": "End",
    "peak_end": "Peak-end", "category": "Category", "count": "Count", "share": "Share", "cum_share": "Cumulative share",
    "vital_few": "Vital few", "month": "Month", "rate": "Rate", "ucl": "UCL", "label": "Improvement item",
    "sector": "Sector", "ring": "Ring", "n_pairs": "Pairs", "mean_before": "Before", "mean_after": "After",
    "diff": "Change", "effect": "Effect size", "effect_ci_low": "Effect CI low", "effect_ci_high": "Effect CI high",
    "p_adj": "p (Holm)", "significant": "Significant", "file": "File", "table": "Table", "rows_read": "Rows read",
    "rows_kept": "Rows kept", "rows_excluded": "Rows excluded", "problem": "Problem", "column": "Column",
    "reason": "Reason", "rows": "Rows", "alpha": "Cronbach's alpha", "k": "Items", "position": "Position",
    "adequate_mean": "Adequate", "desired_mean": "Desired", "msa": "MSA", "mss": "MSS",
    "self_mean": "Self", "others_mean": "Others", "self_minus_others": "Self − others",
    "n_self": "n (self)", "n_others": "n (others)", "difference": "Self − others",
    "worst_gap": "Gap to close first", "worst_dimension": "Its weakest dimension", "worst_value": "Its value",
}


#: Chinese headers of the report's own columns that :data:`isq.labels.COLUMN_LABELS` lacks.
ZH_COLUMNS = {
    "text": "题目内容", "adequate_mean": "适当期望", "desired_mean": "理想期望", "msa": "适当服务差距 MSA",
    "mss": "卓越服务差距 MSS", "position": "位置", "alpha": "信度 α", "k": "题数",
    "msa_ci_low": "MSA 下限", "msa_ci_high": "MSA 上限", "mss_ci_low": "MSS 下限", "mss_ci_high": "MSS 上限",
    "self_mean": "自评", "others_mean": "他评", "self_minus_others": "自评 − 他评",
    "n_self": "自评人数", "n_others": "他评人数", "difference": "差值（自评 − 他评）",
    "worst_gap": "先补的差距", "worst_dimension": "最弱维度", "worst_value": "差距值",
}


def composite_idea_score(ideas, *, weights=None, votes="votes"):
    """The bull's-eye composite score (0–100) of improvement ideas.

    ``score = 100 · Σ w_part · part`` over the parts present, weights renormalised:
    votes / max votes, impact / 5, (5 + 1 − cost) / 5, feasibility / 5
    (:data:`BULLSEYE_SCORE_WEIGHTS`). With votes only it is the votes' share of the maximum.

    >>> d = pd.DataFrame({"votes": [10, 5], "impact": [5, 1], "cost": [1, 5], "feasibility": [5, 1]})
    >>> composite_idea_score(d).round(1).tolist()
    [100.0, 32.0]
    """
    weights = dict(weights or BULLSEYE_SCORE_WEIGHTS)
    top = IDEA_RATING_MAX
    parts = {}
    if votes in ideas and ideas[votes].max() > 0:
        parts["votes"] = ideas[votes] / ideas[votes].max()
    if "impact" in ideas:
        parts["impact"] = ideas["impact"] / top
    if "cost" in ideas:
        parts["cost"] = (top + 1 - ideas["cost"]) / top
    if "feasibility" in ideas:
        parts["feasibility"] = ideas["feasibility"] / top
    total = sum(weights[p] for p in parts)
    if not parts or total == 0:
        return pd.Series(0.0, index=ideas.index)
    return 100 * sum(weights[p] * s for p, s in parts.items()) / total


class ReportExtras:
    """Sections and helpers mixed into :class:`isq.delivery.sections.Report`."""

    # ------------------------------------------------------------------ helpers
    def item_text(self, code):
        """The instrument's wording of an item code (SQ10 → 该部门对我们的请求响应迅速), else the code."""
        def compute():
            from ..data.instruments import load_instrument

            try:
                frame = load_instrument("servqual").items_frame()
            except Exception:  # noqa: BLE001 - wording is a nicety, never a failure
                return {}
            return dict(zip(frame["item"], frame["zh" if self.lang == "zh" else "en"]))

        return self._memo("item_text", compute).get(code, code)

    def _visible(self, name):
        return str(name) not in self.protected_labels and str(name) not in self.protected

    def _wave_pair(self, data):
        """(baseline, later) frames when the data has both waves, else (data, None)."""
        if "wave" in data and (data["wave"] == "pre").any() and (data["wave"] == "post").any():
            return data[data["wave"] == "pre"], data[data["wave"] == "post"]
        return data, None

    def _owner(self, attribute):
        """The serving department that performs worst on ``attribute`` (large enough, not hidden)."""
        if self.department:
            return self.department
        if not self.has("ipa"):
            return None
        d = self.tables["ipa"]
        d = d[d["attribute"] == attribute]
        g = d.groupby("provider").agg(n=("respondent", "nunique"), perf=("performance", "mean"))
        visible = pd.Series([self._visible(p) and self._visible(self.dept_name(p)) for p in g.index], index=g.index)
        g = g[(g["n"] >= self.k) & visible]
        return None if g.empty else g["perf"].idxmin()

    def _shortboard_owner(self, dimension):
        if self.department or not self.has("servqual"):
            return self.department
        import isq

        by_p = isq.servqual_gaps(self._sq_pre(), level="dimension", by="provider", min_group_size=self.k)
        by_p = by_p[(by_p["dimension"] == dimension) & by_p["gap"].notna()]
        by_p = by_p[[self._visible(p) and self._visible(self.dept_name(p)) for p in by_p["provider"]]]
        return None if by_p.empty else by_p.sort_values("gap")["provider"].iloc[0]

    def _measure(self, dimension, used=None):
        """The best-scoring idea of the client's improvement list for this dimension not yet
        used by an earlier action, else a default measure for the dimension."""
        used = used if used is not None else set()
        if self.has("ideas"):
            ideas = self.tables["ideas"]
            ideas = ideas[ideas["dimension"] == dimension] if "dimension" in ideas else ideas.iloc[0:0]
            col = "title_zh" if self.lang == "zh" else "title_en"
            if len(ideas) and col in ideas:
                best = ideas.assign(_s=composite_idea_score(ideas)).sort_values("_s", ascending=False)
                for title in best[col].astype(str):
                    if title not in used:
                        used.add(title)
                        return title
        return DIMENSION_MEASURES.get(dimension, _DEFAULT_MEASURE)[self.lang]

    def _actions(self):
        """The priority decision turned into actions: what, who, how, target, evidence (memoised)."""
        def compute():
            import isq

            out, used = [], set()
            if self.has("servqual") and self._sq_pre()["respondent"].nunique() >= self.k:
                dims = self._dims().dropna(subset=["gap"])
                if len(dims):
                    w = dims.loc[dims["gap"].idxmin()]
                    if w["gap"] < 0:
                        owner = self._shortboard_owner(w["dimension"])
                        dim = label(w["dimension"], self.lang)
                        root = self.gap_root(owner)
                        out.append(dict(
                            what=self.t(f"{dim}（短板维度）", f"{dim} (the shortboard)"),
                            owner=self.dept_name(owner) if owner else self.t("全公司", "Company-wide"),
                            measure=self._measure(w["dimension"], used),
                            target=self.t(f"差距由 {w['gap']:.2f} 缩小到 {w['gap'] / 2:.2f} 以内（下次调查复测）",
                                          f"Gap from {w['gap']:.2f} to within {w['gap'] / 2:.2f} by the next survey"),
                            evidence=self.t(f"{dim}差距 {w['gap']:.2f}，五个维度中最大（n = {int(w['n'])}）{root}",
                                            f"{dim} gap {w['gap']:.2f}, the largest of five (n = {int(w['n'])}){root}"),
                        ))
            if self.has("ipa"):
                res = self._ipa()
                n = int(self.tables["ipa"]["respondent"].nunique())
                if n >= self.k:
                    dec = isq.priority_decision(res, lang=self.lang)
                    top = dec[dec["quadrant"] == "concentrate"].head(3)
                    if top.empty:
                        top = dec.head(3)
                    dim_of = dict(zip(self.tables["ipa"]["attribute"], self.tables["ipa"].get(
                        "dimension", pd.Series(index=self.tables["ipa"].index, dtype=object))))
                    for r in top.itertuples():
                        owner = self._owner(r.attribute)
                        perf = float(r.performance_mean)
                        out.append(dict(
                            what=f"“{self.item_text(r.attribute)}”（{r.attribute}）" if self.lang == "zh"
                            else f"“{self.item_text(r.attribute)}” ({r.attribute})",
                            owner=self.dept_name(owner) if owner else self.t("全公司", "Company-wide"),
                            measure=self._measure(dim_of.get(r.attribute), used),
                            target=self.t(f"表现均值由 {perf:.2f} 提高到 {min(perf + TARGET_STEP, 7):.2f}（下次调查复测）",
                                          f"Performance from {perf:.2f} to {min(perf + TARGET_STEP, 7):.2f} by the next survey"),
                            evidence=self.t(
                                f"重要性 {r.importance_mean:.2f}、表现 {perf:.2f}，{label(r.quadrant, 'zh')}象限，"
                                f"优先指数 {r.priority:.1f}（n = {n}）",
                                f"importance {r.importance_mean:.2f}, performance {perf:.2f}, "
                                f"{label(r.quadrant, 'en')}, priority index {r.priority:.1f} (n = {n})"),
                        ))
            out.extend(self.gap_actions())
            return out

        return self._memo("actions", compute)

    def _html(self, markup):
        from IPython.display import HTML, display

        display(HTML(markup))

    def _html_table(self, header, rows, cls=None):
        esc = html.escape
        klass = f' class="{cls}"' if cls else ""
        head = "".join(f"<th>{esc(str(h))}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in r) + "</tr>" for r in rows)
        return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    # ------------------------------------------------------------------ sections
    def _section_overview(self):
        """One page of headline figures, each with its sample size and the later wave beside it."""
        import isq

        rows = []
        t = self.t
        if self.has("servqual"):
            pre, post = self._wave_pair(self.tables["servqual"])
            n = pre["respondent"].nunique()
            if n >= self.k:
                ov = isq.servqual_gaps(pre, level="overall", min_group_size=self.k)
                later = ""
                if post is not None and post["respondent"].nunique() >= self.k:
                    ov2 = isq.servqual_gaps(post, level="overall", min_group_size=self.k)
                    later = f"{ov2['unweighted']:+.2f}（n = {int(ov2['n'])}）"
                rows.append([t("总体服务质量差距（感知 − 期望）", "Overall gap (perception − expectation)"),
                             f"{ov['unweighted']:+.2f}", int(ov["n"]), later])
                dims = self._dims().dropna(subset=["gap"])
                if len(dims):
                    w = dims.loc[dims["gap"].idxmin()]
                    later = ""
                    if post is not None and post["respondent"].nunique() >= self.k:
                        d2 = isq.servqual_gaps(post, level="dimension", min_group_size=self.k).set_index("dimension")
                        if w["dimension"] in d2.index and pd.notna(d2.loc[w["dimension"], "gap"]):
                            later = f"{d2.loc[w['dimension'], 'gap']:+.2f}（n = {int(d2.loc[w['dimension'], 'n'])}）"
                    rows.append([t("短板", "Shortboard"), f"{label(w['dimension'], self.lang)} {w['gap']:+.2f}",
                                 int(w["n"]), later])
        if self.has("satisfaction"):
            pre, post = self._wave_pair(self.tables["satisfaction"])
            if len(pre) >= self.k:
                s1 = isq.nps(pre["nps"])
                later = ""
                # one answer per respondent and serving department: n counts answers, and the
                # respondents behind them are named too (320 answers are 160 people)
                def answers(frame, s):
                    people = frame["respondent"].nunique() if "respondent" in frame else None
                    if people is None or people == int(s["n"]):
                        return str(int(s["n"]))
                    return t(f"{int(s['n'])} 份评价（{people} 人）", f"{int(s['n'])} ratings ({people} people)")

                if post is not None and len(post) >= self.k:
                    s2 = isq.nps(post["nps"])
                    later = f"{s2['nps']:+.0f}（n = {answers(post, s2)}）"
                rows.append([t("净推荐值（NPS）", "NPS"), f"{s1['nps']:+.0f}", answers(pre, s1), later])
        for i, a in enumerate(self._actions()[:3], start=1):
            rows.append([t(f"优先改进 {i}", f"Priority {i}"), f"{a['what']} → {a['owner']}", "", ""])
        if self.has("servqual") and "wave" in self.tables["servqual"] and self.tables["servqual"]["wave"].nunique() > 1:
            ch = self._changes_masked().dropna(subset=["diff"])
            if len(ch):
                up = int(((ch["p_adj"] < 0.05) & (ch["diff"] > 0)).sum())
                rows.append([t("培训后的变化", "Change after training"),
                             t(f"{up}/{len(ch)} 个部门的服务感知显著提升", f"{up} of {len(ch)} departments improved significantly"),
                             int(ch["n"].sum()) if "n" in ch else "", ""])
        if not rows:
            raise _no_data(self)
        header = [t("指标", "Figure"), t("结果（基线）", "Result (baseline)"), t("样本量", "n"),
                  t("培训后（后一批）", "Later wave")]
        self._html("<div class='isq-overview'>" + self.captioned_table(
            t("一页概览：主要指标与样本量", "At a glance: headline figures and sample sizes"),
            self._html_table(header, rows)) + "</div>")

    def _section_action_plan(self):
        acts = self._actions()
        if not acts:
            raise _no_data(self)
        t = self.t
        header = [t("优先级", "Priority"), t("改进事项", "What"), t("责任部门", "Owner"), t("措施", "Measure"),
                  t("目标", "Target"), t("依据", "Evidence")]
        rows = [[i, a["what"], a["owner"], a["measure"], a["target"], a["evidence"]] for i, a in enumerate(acts, 1)]
        self._html(self.captioned_table(t("行动计划（由优先改善决策与五差距诊断生成）",
                                          "Action plan (from the priority decision and the 5-GAP diagnosis)"),
                                        self._html_table(header, rows)))
        from .workbook import save_result_table

        save_result_table(self.results_dir, "action_plan", pd.DataFrame(rows, columns=header),
                          title=t("行动计划", "Action plan"))

    def recommendations(self):
        """Exec-summary sentences in recommendation form: what, who, how, and the evidence."""
        out = []
        for i, a in enumerate(self._actions()[:4], start=1):
            out.append(self.t(f"建议 {i}：{a['owner']}改进{a['what']}，措施：{a['measure']}；目标：{a['target']}。"
                              f"依据：{a['evidence']}。",
                              f"Recommendation {i}: {a['owner']} to improve {a['what']} — {a['measure']}; "
                              f"target: {a['target']}. Evidence: {a['evidence']}."))
        return out

    def dimension_heatmap(self, wide):
        """Department × dimension heatmap of gaps from the (already masked) wide table."""
        import matplotlib.pyplot as plt
        import numpy as np

        first = wide.columns[0]
        cols = [c for c in wide.columns if c not in (first, "n", "suppressed", "suppressed_reason")]
        if len(wide) > CHART_MAX_ROWS:  # the weakest departments (most negative mean gap)
            order = wide[cols].apply(pd.to_numeric, errors="coerce").mean(axis=1).sort_values(na_position="last")
            wide = wide.loc[order.index[:CHART_MAX_ROWS]]
            self.para(self.t(f"共 {len(order)} 个部门，图中为平均差距最大的 {CHART_MAX_ROWS} 个；全部部门见上表。",
                             f"{len(order)} departments; the chart shows the {CHART_MAX_ROWS} with the largest mean gap "
                             "(all of them are in the table above)."))
        vals = wide[cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        fig, ax = plt.subplots(figsize=(9, 0.55 * len(wide) + 1.8))
        lim = max(float(np.nanmax(np.abs(vals))) if np.isfinite(vals).any() else 1.0, 0.1)
        ax.imshow(np.ma.masked_invalid(vals), cmap="RdYlGn", vmin=-lim, vmax=lim, aspect="auto")
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                v = vals[i, j]
                ax.text(j, i, "—" if np.isnan(v) else f"{v:+.2f}", ha="center", va="center", fontsize="small",
                        color="#555555" if np.isnan(v) else "#222222")
        ax.set_xticks(range(len(cols)), [str(c) for c in cols])
        ax.set_yticks(range(len(wide)), [literal(v) for v in wide[first]])
        ax.grid(False)
        ax.set_title(self.t("各服务部门 × 五度差距（感知 − 期望；“—”：隐去）",
                            "Gap by serving department × dimension (“—”: hidden)"))
        fig.tight_layout()
        self.figure(fig, self.t("服务部门 × 维度差距热力图（基线；红 = 差距大）",
                                "Department × dimension gap heatmap (baseline; red = large gap)"),
                    n=int(self._sq_pre()["respondent"].nunique()), name="heatmap", data=wide)

    def servqual_more(self, sq):
        """Zone of tolerance, weighted SERVQUAL and the later wave beside the baseline."""
        import isq

        if "adequate" in sq and sq["adequate"].notna().any():
            zone = isq.servqual_zone(sq, level="dimension")
            if int(zone["n"].min()) >= self.k:
                import matplotlib.pyplot as plt

                fig, ax = plt.subplots(figsize=(9, 4.8))
                isq.plot_zone_of_tolerance(zone, ax=ax, lang=self.lang)
                self.figure(fig, self.t("各维度的容忍区间：适当期望到理想期望，点为感知",
                                        "Zone of tolerance per dimension: adequate to desired, the point is the perception"),
                            n=int(zone["n"].min()), name="zone", data=zone)
                self.table(zone, name="servqual_zone", title=self.t("容忍区间（适当期望 – 理想期望）", "Zone of tolerance"),
                           columns=["dimension", "adequate_mean", "desired_mean", "perception_mean", "msa", "mss",
                                    "position", "n"])
        if self.has("weights"):
            w = self.tables["weights"]
            if self.department and "department" in w:
                w = w[w["department"].astype(str) == self.department]
            if w["respondent"].nunique() >= self.k:
                ov = isq.servqual_gaps(sq, level="overall", weights=w, min_group_size=self.k)
                if pd.notna(ov.get("weighted")):
                    self.para(self.t(
                        f"按内部客户对五个维度的重要性分配（100 分）加权后，总体差距为 {ov['weighted']:+.2f}"
                        f"（未加权 {ov['unweighted']:+.2f}，n = {int(ov['n'])}）。",
                        f"Weighted by the customers' 100-point allocation, the overall gap is {ov['weighted']:+.2f} "
                        f"(unweighted {ov['unweighted']:+.2f}, n = {int(ov['n'])})."))
        _, post = self._wave_pair(self.tables["servqual"])
        if post is not None and post["respondent"].nunique() >= self.k:
            base = self._dims().set_index("dimension")
            later = isq.servqual_gaps(post, level="dimension", min_group_size=self.k).set_index("dimension")
            both = pd.DataFrame({"dimension": base.index, "gap": base["gap"].to_numpy(),
                                 "gap_later": later["gap"].reindex(base.index).to_numpy(),
                                 "n": base["n"].to_numpy()})
            both["change"] = both["gap_later"] - both["gap"]
            both = both.rename(columns={"gap": self.t("基线差距", "Baseline gap"),
                                        "gap_later": self.t("培训后差距", "Later gap"),
                                        "change": self.t("变化", "Change")})
            self.table(both, name="servqual_waves", title=self.t("各维度差距：基线与培训后", "Gaps: baseline and later wave"))

    def reliability_table(self, sq):
        import isq

        alpha = isq.alpha_by_dimension(sq, respondent=["respondent", "provider"], score="perception")
        alpha = alpha.assign(n=alpha["n"].astype(float))
        self.table(alpha, name="reliability", title=self.t("问卷信度：各维度的 Cronbach's α（感知题）",
                                                           "Reliability: Cronbach's alpha per dimension (perceptions)"),
                   columns=["dimension", "alpha", "ci_low", "ci_high", "n", "k"])

    def self_vs_others(self):
        import isq

        if not self.has("self_ratings", "peer_ratings"):
            return
        peer = self._one_wave(self.all_tables["peer_ratings"])
        svo = isq.peer_self_vs_others(peer, self.all_tables["self_ratings"], min_group_size=self.k)
        key = "department" if "department" in svo else svo.columns[0]
        svo = svo.assign(**{key: svo[key].map(self.dept_name)})
        if self.department:
            svo = svo[svo[key] == self.dept_name(self.department)]
        self.table(svo, name="peer_self_vs_others", group=key,
                   title=self.t("自评与他评（部门互评）", "Self-rating versus others' ratings"))

    def training_chart(self, ch):
        """Before/after means per department (masked rows left out)."""
        import matplotlib.pyplot as plt
        import numpy as np

        ch = ch.dropna(subset=["mean_before", "mean_after"])
        if ch.empty:
            return
        if len(ch) > CHART_MAX_ROWS:
            ch = ch.sort_values("diff").head(CHART_MAX_ROWS)
        fig, ax = plt.subplots(figsize=(9, 0.5 * len(ch) + 1.8))
        y = np.arange(len(ch))
        ax.hlines(y, ch["mean_before"], ch["mean_after"], color="#999999")
        ax.scatter(ch["mean_before"], y, color="#e69f00", label=self.t("培训前", "Before"), zorder=3)
        ax.scatter(ch["mean_after"], y, color="#1f4e79", label=self.t("培训后", "After"), zorder=3)
        ax.set_yticks(y, [literal(v) for v in ch["provider"]])
        ax.set_xlabel(self.t("服务感知均值（1–7）", "Mean perception (1–7)"))
        ax.legend(loc="lower right")
        ax.set_title(self.t("培训前后各部门的服务感知", "Perceived service before and after training"))
        fig.tight_layout()
        self.figure(fig, self.t("各部门服务感知均值：培训前（橙）与培训后（蓝），配对样本",
                                "Mean perceived service per department: before (orange) and after (blue), paired"),
                    n=self.t(f"{int(ch['n_pairs'].sum())} 对", f"{int(ch['n_pairs'].sum())} pairs") if "n_pairs" in ch
                    else None, name="training", data=ch)


def _no_data(report):
    from .sections import _NoData

    return _NoData(report.t("本次数据中没有这一部分所需的数据。", "The data has nothing for this section."))
