"""Sections of the client report, called one per cell by the report notebook.

``Report(...)`` loads the validated inputs (or the demo company), restricts them to one
department when asked, and ``report.section(key)`` renders a heading, charts, tables and
findings for one analysis. A failing analysis shows a short note in its own section (the
traceback goes to the run log) and the report goes on. Every table passes privacy
suppression before it is shown or recorded for the workbook.
"""

from __future__ import annotations

import html
import pickle
import sys
import traceback
import warnings

import pandas as pd

from .. import findings as _findings
from ..labels import check_lang, column_label, label
from ..plots._setup import literal
from .overview import EN_COLUMNS, ZH_COLUMNS, ReportExtras, composite_idea_score
from .views import ReportViews
from .workbook import save_result_table

__all__ = ["Report", "SECTIONS"]

#: Section keys in report order, with their headings.
SECTIONS = {
    "overview": ("一页概览", "At a glance"),
    "summary": ("执行摘要", "Executive summary"),
    "servqual": ("服务质量五度（SERVQUAL）与短板", "Service quality (SERVQUAL) and the shortboard"),
    "gap_model": ("服务质量差距模型（5-GAP）", "The 5-GAP model"),
    "kano": ("内部客户需求（KANO）", "Internal customer needs (Kano)"),
    "ipa": ("重要性–表现分析与优先改善决策", "Importance–performance and improvement priorities"),
    "satisfaction": ("满意度、费力度与净推荐值", "Satisfaction, effort and NPS"),
    "peer": ("部门互评", "Department-to-department ratings"),
    "journey": ("体验旅程与关键时刻", "Experience journey and moments of truth"),
    "complaints": ("投诉控制", "Complaint control"),
    "portfolio": ("改善项目组合（牛眼图）", "Improvement portfolio (bull's-eye)"),
    "training": ("培训前后对比", "Before and after training"),
    "action_plan": ("行动计划", "Action plan"),
    "data_quality": ("附录：数据质量", "Appendix: data quality"),
}

#: Tables restricted to the department being reported, and by which column.
_DEPT_FILTER = {
    "servqual": "provider", "servqual_estimates": "provider", "ipa": "provider", "satisfaction": "provider",
    "peer_ratings": "provider", "self_ratings": "department", "kano": "department",
    "complaints": "department", "requests": "department", "training": "department",
    "standards": "provider", "delivery": "provider", "promises": "provider",
}
_COMPANY_ONLY = {"journey", "portfolio"}
#: Columns holding counts or ranks: shown as whole numbers even when masking made them float.
_COUNT_COLUMNS = {"n", "k", "n_pairs", "n_self", "n_others", "count", "rows", "rows_read", "rows_kept",
                  "rows_excluded", "rank"}


class Report(ReportViews, ReportExtras):
    """The data and helpers behind one rendered report (company or one department)."""

    def __init__(self, inputs_path="", client="示例集团", department="", lang="zh", min_group_size=5,
                 results_dir="", protected=""):
        import json

        from ..plots.theme import use_theme

        self.lang = check_lang(lang)
        self.client, self.department = client, department or None
        self.k = int(min_group_size)
        self.results_dir = results_dir
        if inputs_path:
            folder = _load_inputs(inputs_path)
        else:
            from ..data.folder import demo_folder

            folder = demo_folder()
        self.folder = folder
        self.all_tables = folder.tables
        self.tables = {name: self._restrict(name, df) for name, df in folder.tables.items()}
        self.dept_labels = folder.department_labels(lang)
        # departments hidden in every deliverable of the run (decided once by isq report);
        # a report run on its own decides it from its own data
        if protected:
            codes = json.loads(protected)
        else:
            from ..data.privacy import plan_run_suppression
            from .report import run_sizes

            codes = list(plan_run_suppression(run_sizes(folder), min_group_size=self.k))
        self.protected = {str(c) for c in codes}
        self.protected_labels = self.protected | {self.dept_name(c) for c in self.protected}
        use_theme(context="report")

    # ------------------------------------------------------------------ helpers
    def _restrict(self, name, df):
        col = _DEPT_FILTER.get(name)
        if self.department and col and col in df.columns:
            return df[df[col].astype(str) == self.department].reset_index(drop=True)
        return df

    def t(self, zh, en):
        return zh if self.lang == "zh" else en

    def dept_name(self, code):
        return self.dept_labels.get(code, code)

    def has(self, *names):
        return all(n in self.tables and len(self.tables[n]) for n in names)

    def heading(self, text, level=2):
        from IPython.display import HTML, display

        display(HTML(f"<h{level}>{html.escape(text)}</h{level}>"))

    def para(self, text, cls=None):
        from IPython.display import HTML, display

        klass = f' class="{cls}"' if cls else ""
        display(HTML(f"<p{klass}>{html.escape(text)}</p>"))

    def note(self, text):
        self.para(text, cls="isq-note")

    def findings(self, sentences):
        from IPython.display import HTML, display

        if sentences:
            display(HTML("".join(f'<div class="isq-finding">{html.escape(s)}</div>' for s in sentences)))

    def mask(self, df, *, group, strata=None, n="n"):
        """``df`` with small groups, the run's protected departments and their complements
        masked (a ``suppressed`` column added); ranks renumbered over the visible rows so a
        gap in the ranking cannot point at a hidden group."""
        from ..data.privacy import SUPPRESSED, SUPPRESSED_REASON, mask_small_groups

        out = df.copy()
        if group not in out.columns:
            return out
        hide = out[group].astype(str).isin(self.protected_labels)
        if SUPPRESSED in out.columns:
            hide |= out[SUPPRESSED].fillna(True).astype(bool)
        out[SUPPRESSED] = hide.to_numpy()
        if n in out.columns:
            out = mask_small_groups(out, group=group, strata=strata, n=n, min_group_size=self.k)
        else:
            figures = [c for c in out.columns if c not in (group, SUPPRESSED, SUPPRESSED_REASON)
                       and c not in ([strata] if isinstance(strata, str) else (strata or []))]
            for c in figures:
                if pd.api.types.is_numeric_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c]):
                    out[c] = out[c].astype(float)
                    out.loc[hide, c] = float("nan")
                else:
                    out[c] = out[c].astype(object)
                    out.loc[hide, c] = None
        if "rank" in out.columns:
            vis = ~out[SUPPRESSED].astype(bool)
            order = out.loc[vis, "rank"].astype(float).rank(method="min")
            out["rank"] = float("nan")
            out.loc[vis, "rank"] = order
            out = pd.concat([out[vis].sort_values("rank"), out[~vis]])
        return out.reset_index(drop=True)

    def table(self, df, *, name, title, group=None, strata=None, columns=None, decimals=2, save=True, n="n"):
        """Show (and record for the workbook) a group-level table, small groups masked.

        ``columns`` selects (and orders) what is shown; headers are translated with
        :func:`isq.labels.column_label`; category codes (dimensions, Kano, quadrants) with
        :func:`isq.labels.label`.
        """
        from IPython.display import HTML, display

        out = df.copy()
        if group is not None:
            out = self.mask(out, group=group, strata=strata, n=n)
        masked = bool(out["suppressed"].any()) if "suppressed" in out.columns else False
        out = out.drop(columns=[c for c in ("suppressed", "suppressed_reason", "suppression_reason", "reason")
                                if c in out.columns])
        if columns is not None:
            out = out[[c for c in columns if c in out.columns]]
        shown = out.copy()
        for c in ("dimension", "quadrant", "category", "category_rule", "wave", "ring", "sector", "position"):
            if c in shown.columns:
                shown[c] = shown[c].map(lambda v: label(v, self.lang) if isinstance(v, str) else v)
        counts = {self._column_label(c) for c in shown.columns if c in _COUNT_COLUMNS}
        shown = shown.rename(columns=self._column_label)
        if save:
            save_result_table(self.results_dir, name, shown, title=title)
        fmt = shown.copy()
        for c in fmt.columns:
            if pd.api.types.is_float_dtype(fmt[c]):
                places = 0 if c in counts else decimals  # a count masked to NaN is float, still shown whole
                fmt[c] = fmt[c].map(lambda v, p=places: "—" if pd.isna(v) else f"{v:.{p}f}")
            elif pd.api.types.is_bool_dtype(fmt[c]):
                fmt[c] = fmt[c].map(lambda v: "—" if pd.isna(v) else ("✓" if v else ""))
            else:
                fmt[c] = fmt[c].astype(object).where(fmt[c].notna(), "—")
        note = ""
        if masked:
            note = "<p class='isq-note'>" + html.escape(self.t(
                f"“—”表示该群体少于 {self.k} 人，或为防止由合计反推小群体而一并隐去。",
                f"“—”: fewer than {self.k} respondents, or hidden so that a small group cannot be "
                "recovered from a total.")) + "</p>"
        display(HTML(self.captioned_table(title, fmt.to_html(index=False, na_rep="—", border=0), note)))
        return out

    def _column_label(self, c):
        text = column_label(c, self.lang)
        if self.lang == "zh" and text == c:
            return ZH_COLUMNS.get(c, c)
        if self.lang == "en" and text == c:
            return EN_COLUMNS.get(c, str(c).replace("_", " ").capitalize() if "_" in str(c) else c)
        return text

    def suppressed_text(self, n):
        return self.t(f"样本量 {n} 少于隐私阈值 {self.k} 人，本部分不显示。",
                      f"{n} respondents, fewer than the privacy threshold of {self.k}: not shown.")

    # ------------------------------------------------------------------ sections
    def section(self, key):
        """Render one section; on failure show a note instead of stopping the report."""
        zh, en = SECTIONS[key]
        if self.department and key in _COMPANY_ONLY:
            return
        self.heading(self.t(zh, en))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                getattr(self, f"_section_{key}")()
        except _NoData as e:
            self.note(str(e) or self.t("本次数据中没有这一部分所需的数据。", "The data has nothing for this section."))
        except Exception as e:  # noqa: BLE001 - one analysis never kills the report
            traceback.print_exc(file=sys.stderr)
            self.para(self.t(f"本部分分析未能完成（{type(e).__name__}：{e}）。其余部分不受影响，详见运行日志。",
                             f"This analysis could not be completed ({type(e).__name__}: {e}). "
                             "The other sections are unaffected; see the run log."), cls="isq-error")

    def _need(self, *names):
        if not self.has(*names):
            raise _NoData(self.t("本次数据中没有这一部分所需的数据（" + "、".join(names) + "）。",
                                 "The data has nothing for this section (" + ", ".join(names) + ")."))

    def _sq_pre(self):
        sq = self.tables["servqual"]
        return sq[sq["wave"] == "pre"] if "wave" in sq and (sq["wave"] == "pre").any() else sq

    # Model results used by the summary and by the sections: computed once per report.
    def _memo(self, key, compute):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def _dims(self):
        import isq

        return self._memo("dims", lambda: isq.servqual_gaps(self._sq_pre(), level="dimension",
                                                            min_group_size=self.k))

    def _ipa(self):
        import isq

        return self._memo("ipa", lambda: isq.ipa(self._one_wave(self.tables["ipa"])))

    def _sat(self):
        import isq

        def compute():
            data = self.tables["satisfaction"]
            if self.department:
                return isq.satisfaction_by(data, by=["wave"], min_group_size=self.k)
            if "wave" in data and (data["wave"] == "pre").any():
                data = data[data["wave"] == "pre"]
            sat = isq.satisfaction_by(data, by=["provider"], min_group_size=self.k)
            sat = sat.assign(provider=sat["provider"].map(self.dept_name))
            return self.mask(sat, group="provider")

        return self._memo("sat", compute)

    def _changes_masked(self):
        return self._memo("changes_masked", lambda: self.mask(self._changes(), group="provider"))

    def _changes(self):
        import isq

        def compute():
            sq = self.tables["servqual"]
            per = sq.groupby(["respondent", "provider", "wave"], as_index=False)["perception"].mean()
            ch = isq.compare_waves(per, value="perception", by="provider")
            return ch.assign(provider=ch["provider"].map(self.dept_name))

        return self._memo("changes", compute)

    def _section_summary(self):
        sentences = []
        scope = self.dept_name(self.department) if self.department else self.client
        self.para(self.t(f"本报告基于{scope}的内部服务调查数据，诊断内部服务质量的短板、优先改进事项与培训效果。",
                         f"This report diagnoses internal service quality at {scope}: the shortboard, "
                         "the priorities for improvement and the effect of training."))
        recs = self.recommendations()
        if recs:
            self.findings(recs)
            self.para(self.t("主要发现：", "Findings:"))
        if self.has("servqual"):
            n = self._sq_pre()["respondent"].nunique()
            if n < self.k:
                raise _NoData(self.suppressed_text(n))
            sentences += _findings.servqual_findings(self._dims(), lang=self.lang)
        if self.has("ipa"):
            named = self._ipa().assign(attribute=lambda d: d["attribute"].map(self.item_text))
            sentences += _findings.ipa_findings(named, lang=self.lang, top=3)
        if self.has("satisfaction"):
            sat = self._sat()
            sentences += _findings.satisfaction_findings(sat, by=sat.columns[0], lang=self.lang)
        if self.has("servqual") and "wave" in self.tables["servqual"] and self.tables["servqual"]["wave"].nunique() > 1:
            sentences += _findings.change_findings(self._changes_masked(), by="provider", lang=self.lang)
        self.findings(sentences)

    def _section_servqual(self):
        import isq

        self._need("servqual")
        sq = self._sq_pre()
        n = sq["respondent"].nunique()
        if n < self.k:
            raise _NoData(self.suppressed_text(n))
        dims = self._dims()
        self.servqual_figure(sq, dims, n)
        self.findings(_findings.servqual_findings(dims, lang=self.lang))
        self.table(dims, name="servqual_dimensions", title=self.t("各维度期望、感知与差距", "Dimension gaps"))
        if not self.department:
            by_p = isq.servqual_gaps(sq, level="dimension", by="provider", min_group_size=self.k)
            wide = by_p.pivot(index="provider", columns="dimension", values="gap")  # keeps masked rows
            wide.columns.name = None
            wide = wide.reindex(columns=[d for d in isq.labels.DIMENSIONS if d in wide.columns])
            ns = sq.groupby("provider")["respondent"].nunique()
            wide = wide.assign(n=ns.reindex(wide.index)).reset_index()
            wide["provider"] = wide["provider"].map(self.dept_name)
            wide = wide.rename(columns={d: label(d, self.lang) for d in isq.labels.DIMENSIONS})
            shown = self.table(wide, name="servqual_by_provider", group="provider",
                               title=self.t("各服务部门的五度差距（感知 − 期望）", "Gap by serving department"))
            self.dimension_heatmap(shown)
        items = isq.servqual_gaps(sq, level="item", min_group_size=self.k)
        worst = items.sort_values("gap").head(5)
        worst = worst.assign(text=worst["item"].map(self.item_text))
        self.table(worst, name="servqual_worst_items", columns=["item", "text", "dimension", "expectation_mean",
                   "perception_mean", "gap", "gap_ci_low", "gap_ci_high", "n"],
                   title=self.t("差距最大的 5 个题项", "The five items with the largest gaps"))
        self.servqual_more(sq)

    def _section_gap_model(self):
        import isq

        self._need("servqual", "servqual_estimates")
        n = self._sq_pre()["respondent"].nunique()
        if n < self.k:
            raise _NoData(self.suppressed_text(n))
        res = self._gaps()
        shown = res.dropna(subset=["value"])
        if shown.empty:
            raise _NoData(self.suppressed_text(int(res["n"].max()) if len(res) else 0))
        if self._gap_inputs().get("standards") is not None:
            self.para(self.t(
                "五个差距（负值 = 不足）：差距 1 认知（对客户期望的估计 − 客户期望）、差距 2 标准（服务标准 − 估计）、"
                "差距 3 交付（巡视与神秘访客的实际交付 − 标准）、差距 4 沟通（实际交付 − 对外承诺）、"
                "差距 5 服务（客户感知 − 客户期望）。",
                "The five gaps (negative = shortfall): 1 knowledge (estimate of expectations − expectations), "
                "2 standards (standard − estimate), 3 delivery (delivery checked by patrols and mystery checks − "
                "standard), 4 communication (delivery − promise), 5 service (perception − expectation)."))
            self.five_gaps_view()
        else:
            # gaps 1 and 5 only: the department itself, or the provider with the most negative service gap
            candidates = shown[(shown["gap"] == 5) & shown["provider"].astype(str).map(self._visible)]
            if not self.department and candidates.empty:
                raise _NoData(self.t("没有可以单独展示的部门。", "No department can be shown on its own."))
            focus = self.department or candidates.sort_values("value")["provider"].iloc[0]
            fig, ax = _subplots()
            isq.plot_gap_model(chart_text(shown, "provider"), provider=literal(focus), ax=ax,
                               lang=self.lang)
            focus_rows = shown[shown["provider"] == focus]
            self.figure(fig, self.t(f"{self.dept_name(focus)}的差距 1 与差距 5（按维度）",
                                    f"Gaps 1 and 5 of {self.dept_name(focus)} by dimension"),
                        n=int(focus_rows["n"].min()), name="gap_model", data=focus_rows)
        g1 = res[res["gap"] == 1]
        wide = g1.pivot(index="provider", columns="dimension", values="value")  # keeps masked rows
        wide = wide.reindex(columns=[d for d in isq.labels.DIMENSIONS if d in wide.columns])
        wide.columns.name = None
        wide = wide.assign(n=g1.groupby("provider")["n"].min().reindex(wide.index)).reset_index()
        wide["provider"] = wide["provider"].map(self.dept_name)
        wide = wide.rename(columns={d: label(d, self.lang) for d in isq.labels.DIMENSIONS})
        self.para(self.t("差距 1（认知差距）= 服务部门对客户期望的估计 − 客户的实际期望；负值表示低估了客户的期望。",
                         "Gap 1 (knowledge gap) = the serving department's estimate of its customers' expectations − "
                         "their actual expectations; negative means the department underestimates them."))
        self.table(wide, name="gap_model", group="provider",
                   title=self.t("各部门的差距 1（按维度）", "Gap 1 by department and dimension"))

    def _section_kano(self):
        import isq

        self._need("kano")
        kano = self.tables["kano"]
        n = kano["respondent"].nunique()
        if n < self.k:
            raise _NoData(self.suppressed_text(n))
        names = {}
        if self.has("kano_features"):
            names = dict(zip(self.tables["kano_features"]["feature"],
                             self.tables["kano_features"]["name_zh" if self.lang == "zh" else "name_en"]))
        later = self.kano_later(names)
        if later is not None:  # the baseline's categories; the arrows show where each feature moved
            kano = self._one_wave(kano)
            n = kano["respondent"].nunique()
        summ = isq.kano_summary(kano)
        summ = summ.assign(feature=summ["feature"].map(lambda f: names.get(f, f)))
        fig, ax = _subplots(figsize=(9, 6.5))
        isq.plot_kano_better_worse(chart_text(summ, "feature"), ax=ax, lang=self.lang)
        caption = self.t("KANO 需求的 Better–Worse 系数图", "Kano better–worse coefficients")
        data = summ.assign(wave="pre")
        if later is not None:
            xy = {"x": "abs_worse", "y": "better", "key": "feature"}
            moved = self.wave_arrows(ax, summ.assign(abs_worse=-summ["worse"]),
                                     later.assign(abs_worse=-later["worse"]), **xy)
            data = pd.concat([data, later.assign(wave="post")], ignore_index=True)
            caption = self.t(f"KANO Better–Worse 系数图：点为基线，箭头指向培训后的位置（{len(moved)} 项）",
                             f"Kano better–worse: points are the baseline, arrows lead to the later wave ({len(moved)} features)")
            n = f"{n} → {int(later['n'].max())}"
        self.figure(fig, caption, n=n, name="kano", data=data)
        self.findings(_findings.kano_findings(summ, lang=self.lang))
        self.table(summ, name="kano", title=self.t("KANO 需求分类", "Kano categories"),
                   columns=["feature", "n", "A", "O", "M", "I", "R", "Q", "category_rule", "better", "worse"])

    def _section_ipa(self):
        import isq

        self._need("ipa")
        res = self._ipa()
        fig, ax = _subplots(figsize=(8.5, 6.5))
        isq.plot_ipa(res, ax=ax, lang=self.lang)
        n = int(self._one_wave(self.tables["ipa"])["respondent"].nunique())
        later = self.ipa_later()
        caption = self.t("重要性–表现分析（IPA）四象限图", "Importance–performance grid (IPA)")
        data = res.assign(wave="pre")
        if later is not None:
            moved = self.wave_arrows(ax, res, later, x="performance_mean", y="importance_mean", key="attribute")
            data = pd.concat([data, later.assign(wave="post")], ignore_index=True)
            caption = self.t(f"重要性–表现分析（IPA）：点为基线，箭头指向培训后的位置（{len(moved)} 项）",
                             f"Importance–performance grid: points are the baseline, arrows lead to the later wave "
                             f"({len(moved)} items)")
            n = f"{n} → {int(self._by_wave('ipa')['post']['respondent'].nunique())}"
        self.figure(fig, caption, n=n, name="ipa", data=data)
        if later is not None:
            words = data.assign(attribute=data["attribute"].map(self.item_text))
            sentence = self.change_sentence(words, group="attribute", value="performance_mean",
                                            what=self.t("表现", "performance"))
            if sentence:
                self.findings([sentence])
        self.findings(_findings.ipa_findings(res.assign(attribute=res["attribute"].map(self.item_text)),
                                             lang=self.lang, top=3))
        names = {a: self.item_text(a) for a in res["attribute"]}
        dec = isq.priority_decision(res, lang=self.lang, names=names)
        dec = dec.assign(text=dec["attribute"].map(self.item_text))
        self.table(dec.head(10), name="priority_decision", title=self.t("优先改善决策（前 10 项）", "Top 10 priorities"),
                   columns=["rank", "attribute", "text", "quadrant", "importance_mean", "performance_mean", "priority",
                            "score"])
        self.findings([str(e) for e in dec["explanation"].head(3)])

    def _section_satisfaction(self):
        import isq

        self._need("satisfaction")
        sat = self._sat()
        by = [sat.columns[0]]
        fig, ax = _subplots(figsize=(9, 0.45 * len(sat) + 2.6))
        drawn = sat.assign(wave=sat["wave"].map(self._wave_label)) if "wave" in sat else chart_text(sat, by[0])
        isq.plot_nps_bars(drawn, by=by[0], ax=ax, lang=self.lang, min_group_size=self.k, sort="wave" not in sat)
        if self.department:
            caption = self.t("净推荐值：推荐者、中立者与贬损者的占比，基线与培训后并列",
                             "NPS: promoters, passives and detractors, baseline beside the later wave")
            size = " → ".join(str(int(v)) for v in sat.set_index("wave")["n"].reindex(["pre", "post"]).dropna())
        else:
            caption = self.t("各服务部门的净推荐值（基线）：推荐者、中立者与贬损者的占比",
                             "NPS per serving department (baseline): promoters, passives and detractors")
            size = int(self._one_wave(self.tables["satisfaction"])["respondent"].nunique())
        self.figure(fig, caption, n=size, name="nps", data=sat)
        self.findings(_findings.satisfaction_findings(sat, by=by[0], lang=self.lang))
        self.table(sat, name="satisfaction", group=by[0],
                   columns=[by[0], "n", "nps", "nps_ci_low", "nps_ci_high", "csat", "csat_mean", "ces_mean", "ces_agree"],
                   title=self.t("满意度（CSAT）、费力度（CES）与净推荐值（NPS）", "CSAT, CES and NPS"))
        data = self.tables["satisfaction"]
        if not self.department and "wave" in data and {"pre", "post"} <= set(data["wave"]):
            # the later wave beside the baseline, each masked by the run's rule on its own counts
            later = isq.satisfaction_by(data[data["wave"] == "post"], by=["provider"], min_group_size=self.k)
            later = self.mask(later.assign(provider=later["provider"].map(self.dept_name)), group="provider")
            both = sat[["provider", "n", "nps"]].merge(
                later[["provider", "n", "nps"]].rename(columns={"n": "n_later", "nps": "nps_later"}),
                on="provider", how="outer")
            both["nps_change"] = both["nps_later"] - both["nps"]
            self.nps_waves_figure(both)
            both = both.rename(columns={"n_later": self.t("培训后样本量", "n (later)"),
                                        "nps": self.t("基线 NPS", "NPS (baseline)"),
                                        "nps_later": self.t("培训后 NPS", "NPS (later)"),
                                        "nps_change": self.t("变化", "Change")})
            self.table(both, name="satisfaction_waves", decimals=0,
                       title=self.t("净推荐值：基线与培训后（按服务部门）", "NPS: baseline and later wave, by department"))

    def _section_peer(self):
        import isq

        self._need("peer_ratings")
        peer = self._one_wave(self.tables["peer_ratings"])
        if self.department:
            rank = isq.peer_ranking(self._one_wave(self.all_tables["peer_ratings"]), min_group_size=self.k)
            rank = rank.assign(provider=rank["provider"].map(self.dept_name))
            self.table(rank, name="peer_ranking", group="provider", columns=["rank", "provider", "n", "mean", "ci_low", "ci_high"],
                       title=self.t("部门互评排名（全公司）", "Peer-rating ranking (company)"))
            return
        mat = isq.peer_matrix(peer, min_group_size=self.k)
        mat = self.mask(mat.assign(rater=mat["rater"].astype(str)), group="rater", strata="provider")
        mat = mat.assign(suppressed=mat["provider"].astype(str).isin(self.protected) | mat["suppressed"])
        # masked cells: no figure and no group size at all (shown as "—")
        mat.loc[mat["suppressed"], [c for c in ("mean", "n", "sd") if c in mat]] = float("nan")
        mat = mat.assign(suppressed=False).drop(columns=["suppressed_reason"], errors="ignore")
        fig, ax = _subplots(figsize=(9, 7))
        isq.plot_peer_heatmap(mat, ax=ax, lang=self.lang,
                              names={c: literal(v) for c, v in self.dept_labels.items()})
        self.figure(fig, self.t("部门互评矩阵（基线）：行为评价部门，列为被评价部门；“—”为隐去的格子",
                                "Peer-rating matrix (baseline): raters in rows, rated departments in columns; "
                                "“—”: hidden"), n=int(peer["respondent"].nunique()), name="peer_matrix", data=mat)
        self.peer_waves_figure()
        rank = isq.peer_ranking(peer, min_group_size=self.k)
        rank = rank.assign(provider=rank["provider"].map(self.dept_name))
        self.table(rank, name="peer_ranking", group="provider", title=self.t("部门互评排名", "Peer-rating ranking"),
                   columns=["rank", "provider", "n", "mean", "ci_low", "ci_high"])
        try:
            adj = isq.peer_ranking(isq.peer_adjusted(peer), score="adjusted_score", min_group_size=self.k)
        except Exception:  # noqa: BLE001 - the adjustment needs enough crossed ratings
            adj = None
        if adj is not None and len(adj):
            adj = adj.assign(provider=adj["provider"].map(self.dept_name))
            self.para(self.t("各评价部门的宽严度不同：下表扣除评价部门的宽严度（固定效应）后重新排名。",
                             "Rating departments differ in leniency: the ranking below removes each rater "
                             "department's leniency (fixed effects)."))
            self.table(adj, name="peer_ranking_adjusted", group="provider",
                       title=self.t("部门互评排名（宽严度校正后）", "Peer-rating ranking (leniency-adjusted)"),
                       columns=["rank", "provider", "n", "mean", "ci_low", "ci_high"])
        self.self_vs_others()

    def _one_wave(self, data):
        """Ratings of the baseline wave only (waves are never mixed in one figure)."""
        if "wave" in data and (data["wave"] == "pre").any():
            return data[data["wave"] == "pre"]
        return data

    def _section_journey(self):
        import isq

        self._need("journey")
        summ = isq.journey_summary(self.tables["journey"])
        first = summ[summ["journey"] == summ["journey"].iloc[0]]
        fig, ax = _subplots(figsize=(12, 5.5))
        isq.plot_journey_map(chart_text(first, "touchpoint", "stage", "journey"), ax=ax, lang=self.lang)
        n = int(first["n"].max()) if "n" in first else None
        self.figure(fig, self.t(f"体验旅程图：{first['journey'].iloc[0]}", f"Experience journey: {first['journey'].iloc[0]}"),
                    n=n, name="journey", data=first)
        pe = isq.journey_peak_end(summ)
        self.table(pe, name="journey_peak_end", columns=["journey", "version", "peak_touchpoint", "peak",
                   "end_touchpoint", "end", "peak_end"], title=self.t("峰终值（峰值与终值的平均）", "Peak-end values"))

    def _section_complaints(self):
        import isq

        self._need("complaints")
        comp = self.tables["complaints"]
        par = isq.pareto(comp["category"])
        fig, ax = _subplots()
        isq.plot_pareto(chart_text(par, "category"), ax=ax, lang=self.lang)
        self.figure(fig, self.t("投诉类别的帕累托图（条：数量；线：累计占比）", "Complaint Pareto (bars: count; line: cumulative share)"),
                    n=int(par["count"].sum()), name="pareto", data=par)
        self.findings(_findings.pareto_findings(par, lang=self.lang))
        self.table(par, name="complaints_pareto", columns=["category", "count", "share", "cum_share", "vital_few"], title=self.t("投诉类别帕累托分析", "Complaint Pareto"))
        if self.has("requests"):
            rates = isq.complaint_rates(comp, self.tables["requests"], by=None).set_index("month")
            cc = isq.control_chart(rates["count"], rates["size"], kind="p")
            fig, ax = _subplots(figsize=(11, 4.5))
            isq.plot_control_chart(cc, ax=ax, lang=self.lang)
            self.figure(fig, self.t("每月投诉率的 p 控制图（全部门合计）", "p chart of the monthly complaint rate (all departments)"),
                        n=self.t(f"{int(rates['size'].sum())} 次服务请求", f"{int(rates['size'].sum())} requests"),
                        name="control_chart", data=cc)
            by_dept = isq.complaint_rates(comp, self.tables["requests"], by="department")
            signals = []
            for dept, g in by_dept.groupby("department", sort=True):
                g = g.set_index("month")
                chart = isq.control_chart(g["count"], g["size"], kind="p")
                for month in chart.index[chart["out_of_control"].to_numpy()]:
                    if str(dept) in self.protected:
                        continue
                    signals.append({"department": self.dept_name(dept), "month": month,
                                    "rate": float(g.loc[month, "rate"]), "ucl": float(chart.loc[month, "ucl"])})
            if signals:
                self.table(pd.DataFrame(signals), name="complaints_signals", group="department",
                           title=self.t("控制图失控信号（p 图，按部门）", "Out-of-control signals (p chart, by department)"),
                           decimals=4)
            else:
                self.para(self.t("各部门的投诉率均处于受控状态。", "Every department's complaint rate is in control."))

    def _section_portfolio(self):
        import isq

        self._need("ideas")
        ideas = self.tables["ideas"]
        title_col = "title_zh" if self.lang == "zh" else "title_en"
        ideas = ideas.assign(composite=composite_idea_score(ideas))
        res = isq.bullseye(ideas, score="composite", label=title_col if title_col in ideas else None)
        self.para(self.t("综合得分（0–100）= 投票 40% + 预期效果 30% + 成本（越低越好）15% + 可行性 15%。",
                         "Score (0–100) = votes 40% + impact 30% + cost (lower is better) 15% + feasibility 15%."))
        fig, ax = _subplots(figsize=(8, 8))
        isq.plot_bullseye(chart_text(res, "label", "item"), ax=ax, lang=self.lang)
        self.figure(fig, self.t("改善项目牛眼图：越靠近中心，综合得分越高", "Improvement bull's-eye: the nearer the centre, the higher the score"),
                    n=self.t(f"{len(res)} 个改善项目", f"{len(res)} ideas"), name="bullseye", data=res)
        self.table(res, name="bullseye", title=self.t("改善项目分级", "Improvement items by ring"),
                   columns=["item", "label", "sector", "score", "ring"])

    def _section_training(self):
        import isq

        self._need("servqual")
        sq = self.tables["servqual"]
        if "wave" not in sq or sq["wave"].nunique() < 2:
            raise _NoData(self.t("只有一批数据，无法比较培训前后。", "Only one wave: no before/after comparison."))
        ch = self._changes_masked()
        self.training_chart(ch)
        self.findings(_findings.change_findings(ch, by="provider", lang=self.lang))
        self.table(ch, name="training_change", group="provider" if "n" in ch else None,
                   columns=["provider", "n_pairs", "mean_before", "mean_after", "diff", "effect", "effect_ci_low",
                            "effect_ci_high", "p_adj", "significant"],
                   title=self.t("培训前后服务感知的变化（配对比较，Holm 校正）",
                                "Change in perceived service after training (paired, Holm-adjusted)"))
        if self.has("training"):
            tr = self.tables["training"]
            n = tr["respondent"].nunique()
            if n >= self.k:
                self.para(self.t(
                    f"培训测验平均分由 {tr['pre_score'].mean():.1f} 提高到 {tr['post_score'].mean():.1f}（n = {n}）。",
                    f"Quiz scores rose from {tr['pre_score'].mean():.1f} to {tr['post_score'].mean():.1f} (n = {n})."))

    def _section_data_quality(self):
        summ = pd.DataFrame(self.folder.summary()["files"])
        if summ.empty:
            self.para(self.t("数据来自内置的示例集团。", "The data is the built-in demo company."))
            if self.has("servqual") and self._sq_pre()["respondent"].nunique() >= self.k:
                self.reliability_table(self._sq_pre())
            return
        summ["file"] = summ["file"].map(lambda p: str(p).replace("\\", "/").rsplit("/", 1)[-1])
        self.table(summ, name="data_quality", title=self.t("各文件读取、保留与排除的行数", "Rows read, kept and excluded"))
        exc = self.folder.excluded()
        if len(exc):
            why = exc.groupby(["file", "column", "reason"], as_index=False).size().rename(columns={"size": "rows"})
            self.table(why, name="data_quality_reasons", title=self.t("排除原因", "Why rows were excluded"))
        else:
            self.para(self.t("所有数据行均通过校验，没有排除任何行。", "Every row passed validation; none was excluded."))
        if self.has("servqual") and self._sq_pre()["respondent"].nunique() >= self.k:
            self.reliability_table(self._sq_pre())


_INPUTS = {}


def _load_inputs(path):
    """The validated inputs of a run, loaded once per (warm) kernel: every further department
    report of the run reuses them instead of unpickling the whole folder again."""
    import os

    key = (str(path), os.stat(path).st_mtime_ns)
    if key not in _INPUTS:
        _INPUTS.clear()
        with open(path, "rb") as fh:
            _INPUTS[key] = pickle.load(fh)
    return _INPUTS[key]


def chart_text(frame, *columns):
    """A copy of ``frame`` whose text in ``columns`` shows literally in a matplotlib chart:
    ``$`` escaped and control characters removed (:func:`isq.plots._setup.literal`), so a name
    like ``$x^2$ 人力`` is never parsed as mathtext (and an invalid one never stops the chart)."""
    out = frame.copy()
    for c in columns:
        if c in out.columns:
            out[c] = out[c].map(lambda v: literal(v) if isinstance(v, str) else v)
    return out


class _NoData(Exception):
    """A section has no data (or too few respondents) to show."""


def _subplots(figsize=(9, 5)):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)


def warm_up():
    """Import what the sections use and render one tiny figure (run once per report kernel).

    A warm report kernel then pays only for each report's own work: scipy, statsmodels,
    the plot modules and the font are already loaded.
    """
    import importlib
    import io

    import matplotlib.pyplot as plt

    for module in ("scipy.stats", "statsmodels.stats.multitest", "statsmodels.regression.linear_model",
                   "isq.plots.servqual", "isq.plots.kano", "isq.plots.ipa", "isq.plots.satisfaction",
                   "isq.plots.peer", "isq.plots.journey", "isq.plots.spc", "isq.plots.portfolio",
                   "nbformat", "IPython.display"):
        try:
            importlib.import_module(module)
        except ImportError:  # pragma: no cover - a missing optional piece only costs time later
            pass
    from ..plots.theme import theme

    with theme(context="report"):
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.set_title("预热")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
