"""Report views: numbered figures and tables with captions, the previous wave beside each
figure, and the full 5-GAP diagnosis.

:class:`ReportViews` is mixed into :class:`isq.delivery.sections.Report`. A figure and its
caption are one ``<figure>`` that print keeps together; captions are numbered 图 1 … / Figure 1 …
and 表 1 … / Table 1 … in report order and state the sample size. Every frame a chart draws is
kept in ``report.chart_data`` (by chart name) so tests can check what a chart shows. Hidden
departments (the run's suppression plan) never reach a chart; the later wave is masked by the
same rule on its own counts.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..labels import label
from ..plots._setup import literal
from .overview import _no_data

__all__ = ["ReportViews", "FIGURE_DPI", "FIGURE_STYLE", "WAVES"]

#: Resolution of report figures (dots per inch): sharp on screen and on A4, small files.
FIGURE_DPI = 100
#: Inline style of a figure (or captioned table): kept on one page, caption included.
FIGURE_STYLE = "break-inside: avoid; page-break-inside: avoid; margin: 1em 0 1.4em;"
_CAPTION_STYLE = "font-size: .92em; color: #333; margin: .3em 0;"
#: The two survey waves compared: baseline and the later wave.
WAVES = ("pre", "post")
_WAVE_COLOURS = {"pre": "#e69f00", "post": "#1f4e79"}


class ReportViews:
    """Captioned figures and tables, wave comparisons and the five-gap section."""

    # ------------------------------------------------------------------ captions
    def _next_number(self, kind):
        counters = self.__dict__.setdefault("_numbers", {"figure": 0, "table": 0})
        counters[kind] += 1
        return counters[kind]

    def caption_text(self, kind, text, n=None):
        """``图 3　text（n = 160）`` / ``Figure 3. text (n = 160)``, the number the next in order."""
        no = self._next_number(kind)
        word = {"figure": ("图", "Figure"), "table": ("表", "Table")}[kind]
        size = "" if n in (None, "") else self.t(f"（n = {n}）", f" (n = {n})")
        return self.t(f"{word[0]} {no}　{text}{size}", f"{word[1]} {no}. {text}{size}")

    def figure(self, fig, caption=None, *, n=None, name=None, data=None):
        """Show ``fig`` as one ``<figure>`` with its numbered caption below (kept on one page);
        ``data`` (what the chart draws) is kept in ``chart_data[name]``."""
        import base64
        import io

        import matplotlib.pyplot as plt

        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight")
        plt.close(fig)
        if name is not None:
            self.chart_data[name] = data
        src = base64.b64encode(buf.getvalue()).decode("ascii")
        cap = ""
        if caption:
            cap = (f"<figcaption style='{_CAPTION_STYLE}'>"
                   f"{html.escape(self.caption_text('figure', caption, n))}</figcaption>")
        self._html(f"<figure class='isq-figure' style='{FIGURE_STYLE}'>"
                   f"<img src='data:image/png;base64,{src}' alt='{html.escape(caption or '', quote=True)}'>"
                   f"{cap}</figure>")

    def captioned_table(self, title, table_html, note_html="", n=None):
        """A table with its numbered caption above it, kept together with its note."""
        cap = html.escape(self.caption_text("table", title, n))
        return (f"<figure class='isq-table' style='{FIGURE_STYLE}'>"
                f"<figcaption class='caption' style='{_CAPTION_STYLE}'><b>{cap}</b></figcaption>"
                f"{table_html}{note_html}</figure>")

    @property
    def chart_data(self):
        return self.__dict__.setdefault("_chart_data", {})

    # ------------------------------------------------------------------ waves
    def _wave_label(self, wave):
        return self.t({"pre": "基线", "post": "培训后"}[wave], {"pre": "Baseline", "post": "Later wave"}[wave])

    def _has_waves(self, name):
        data = self.tables.get(name)
        return data is not None and "wave" in data and set(WAVES) <= set(data["wave"].astype(str))

    def _by_wave(self, name):
        data = self.tables[name]
        return {w: data[data["wave"].astype(str) == w] for w in WAVES}

    def paired_bars(self, frame, *, group, value, xlabel, title, ax=None, fmt="{:+.2f}"):
        """Horizontal bars of ``value`` per ``group``: the baseline and the later wave side by
        side (rows of ``frame``: one per group and wave; masked rows (NaN) are left out)."""
        import matplotlib.pyplot as plt

        frame = frame.dropna(subset=[value])
        cats = list(pd.unique(frame[group]))
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 0.6 * len(cats) + 1.6))
        y0 = np.arange(len(cats))
        for i, wave in enumerate(WAVES):
            sub = frame[frame["wave"] == wave].set_index(group)[value].reindex(cats).to_numpy(dtype=float)
            y = y0 - 0.2 + 0.4 * i
            ax.barh(y, np.nan_to_num(sub), height=0.38, color=_WAVE_COLOURS[wave], label=self._wave_label(wave))
            for yy, v in zip(y, sub):
                if np.isfinite(v):
                    ax.annotate(fmt.format(v), (v, yy), xytext=(4 if v >= 0 else -4, 0), textcoords="offset points",
                                ha="left" if v >= 0 else "right", va="center", fontsize="small")
        ax.axvline(0, color="black", linewidth=1)
        ax.set_yticks(y0, [literal(c) for c in cats])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        lo, hi = ax.get_xlim()
        pad = 0.12 * (hi - lo)
        ax.set_xlim(lo - pad if lo < 0 else lo, hi + pad)
        ax.legend(loc="best", fontsize="small")
        return ax

    def change_sentence(self, frame, *, group, value, what, unit=("项", "items"), fmt="{:+.2f}",
                        higher_is_better=True):
        """The change between the waves in words: how many groups improved and the largest move."""
        wide = frame.pivot_table(index=group, columns="wave", values=value, aggfunc="first", sort=False)
        wide = wide.dropna(subset=[w for w in WAVES if w in wide.columns])
        if not set(WAVES) <= set(wide.columns) or wide.empty:
            return None
        diff = wide["post"] - wide["pre"]
        better = int((diff > 0).sum() if higher_is_better else (diff < 0).sum())
        big = diff.abs().idxmax()
        a, b = fmt.format(wide.loc[big, "pre"]), fmt.format(wide.loc[big, "post"])
        return self.t(f"与基线相比，{len(wide)} {unit[0]}中有 {better} {unit[0]}的{what}改善；变化最大的是{big}（{a} → {b}）。",
                      f"Against the baseline, {what} improved for {better} of {len(wide)} {unit[1]}; "
                      f"the largest change is {big} ({a} → {b}).")

    def servqual_figure(self, sq, dims, n):
        """Radar (baseline) and the dimension gaps, baseline and later wave side by side."""
        import isq
        import matplotlib.pyplot as plt

        post = None
        if self._has_waves("servqual"):
            later = self.tables["servqual"][self.tables["servqual"]["wave"] == "post"]
            if later["respondent"].nunique() >= self.k:
                post = isq.servqual_gaps(later, level="dimension", min_group_size=self.k)
        fig = plt.figure(figsize=(11, 4.8))
        ax1 = fig.add_subplot(1, 2, 1, projection="polar")
        ax2 = fig.add_subplot(1, 2, 2)
        isq.plot_servqual_radar(dims, ax=ax1, lang=self.lang)
        if post is None:
            isq.plot_gap_bars(dims, ax=ax2, lang=self.lang)
            data = dims.assign(wave="pre")
            caption = self.t("服务质量五度：期望与感知（左）、各维度差距（右）",
                             "SERVQUAL: expectation and perception (left), gap per dimension (right)")
            size = n
        else:
            data = pd.concat([dims.assign(wave="pre"), post.assign(wave="post")], ignore_index=True)
            shown = data.assign(wave=data["wave"].map(self._wave_label))
            isq.plot_gap_bars(shown, group="wave", ax=ax2, lang=self.lang, highlight_shortboard=False)
            ax2.legend(loc="lower left", fontsize="small")
            caption = self.t("服务质量五度：基线的期望与感知（左）；各维度差距，基线与培训后并列（右）",
                             "SERVQUAL: baseline expectation and perception (left); gap per dimension, "
                             "baseline beside the later wave (right)")
            size = f"{n} → {later['respondent'].nunique()}"
        fig.tight_layout()
        self.figure(fig, caption, n=size, name="servqual", data=data)
        if post is not None:
            words = data.assign(dimension=data["dimension"].map(lambda d: label(d, self.lang)))
            sentence = self.change_sentence(words, group="dimension", value="gap", what=self.t("差距", "the gap"),
                                            unit=("个维度", "dimensions"))
            if sentence:
                self.findings([sentence])

    def wave_bars_view(self, frame, *, value, name, fmt, what, caption, title, sizes, floor=None):
        """Paired bars per serving department (hidden ones left out), the numbered figure and
        the change in words: the shared body of the NPS and peer wave views."""
        frame = frame[frame["provider"].astype(str).map(self._visible)]
        if frame.dropna(subset=[value]).empty:
            return
        ax = self.paired_bars(frame, group="provider", value=value, fmt=fmt, xlabel=what, title=title)
        if floor is not None:  # ratings: start the axis near the lowest bar, not at 0
            ax.set_xlim(max(floor, np.nanmin(frame[value].to_numpy(dtype=float)) - 1), ax.get_xlim()[1])
        self.figure(ax.figure, caption, n=" → ".join(str(s) for s in sizes), name=name, data=frame)
        sentence = self.change_sentence(frame, group="provider", value=value, what=what,
                                        unit=("个部门", "departments"), fmt=fmt)
        if sentence:
            self.findings([sentence])

    def nps_waves_figure(self, both):
        """Company NPS per serving department, baseline beside the later wave (masked rows left out)."""
        frame = pd.concat([both[["provider", "nps"]].assign(wave="pre"),
                           both[["provider", "nps_later"]].rename(columns={"nps_later": "nps"}).assign(wave="post")],
                          ignore_index=True)
        self.wave_bars_view(
            frame, value="nps", name="nps_waves", fmt="{:+.0f}", what=self.t("净推荐值", "NPS"),
            title=self.t("各服务部门的净推荐值：基线与培训后", "NPS by serving department: baseline and later"),
            caption=self.t("各服务部门的净推荐值，基线与培训后并列（“—”的部门不画出）",
                           "NPS per serving department, baseline beside the later wave (hidden ones left out)"),
            sizes=[int(d["respondent"].nunique()) for d in self._by_wave("satisfaction").values()])

    def peer_waves_figure(self):
        """Peer-rating means per serving department, baseline beside the later wave."""
        import isq

        if self.department or not self._has_waves("peer_ratings"):
            return
        frames = []
        for wave, data in self._by_wave("peer_ratings").items():
            rank = isq.peer_ranking(data, min_group_size=self.k)
            rank = self.mask(rank.assign(provider=rank["provider"].map(self.dept_name)), group="provider")
            frames.append(rank[["provider", "mean", "n"]].assign(wave=wave))
        self.wave_bars_view(
            pd.concat(frames, ignore_index=True), value="mean", name="peer_waves", fmt="{:.2f}", floor=0,
            what=self.t("互评均值", "mean peer rating"),
            title=self.t("部门互评均值：基线与培训后", "Peer ratings: baseline and later"),
            caption=self.t("部门互评均值，基线与培训后并列", "Mean peer rating, baseline beside the later wave"),
            sizes=[int(d["respondent"].nunique()) for d in self._by_wave("peer_ratings").values()])

    def wave_arrows(self, ax, before, after, *, x, y, key):
        """Arrows on a grid from each point's baseline position to its later one; the axes
        widen to hold the later points."""
        b = before.set_index(key)[[x, y]]
        a = after.set_index(key)[[x, y]].reindex(b.index)
        pairs = b.join(a, rsuffix="_later").dropna()
        for _, r in pairs.iterrows():
            ax.annotate("", xy=(r[f"{x}_later"], r[f"{y}_later"]), xytext=(r[x], r[y]),
                        arrowprops=dict(arrowstyle="->", color=_WAVE_COLOURS["post"], lw=1.2, alpha=0.8), zorder=4)
        if len(pairs):
            (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
            xs, ys = pairs[f"{x}_later"].to_numpy(dtype=float), pairs[f"{y}_later"].to_numpy(dtype=float)
            ax.set_xlim(min(x0, xs.min() - 0.1), max(x1, xs.max() + 0.1))
            ax.set_ylim(min(y0, ys.min() - 0.1), max(y1, ys.max() + 0.1))
        return pairs

    def later_wave(self, name):
        """The later wave of table ``name`` when the data has one with enough respondents, else None."""
        if not self._has_waves(name):
            return None
        later = self._by_wave(name)["post"]
        return later if later["respondent"].nunique() >= self.k else None

    def ipa_later(self):
        """The IPA grid of the later wave, or None."""
        import isq

        later = self.later_wave("ipa")
        return None if later is None else isq.ipa(later)

    def kano_later(self, names):
        """The Kano summary of the later wave (features by name), or None."""
        import isq

        later = self.later_wave("kano")
        if later is None:
            return None
        summ = isq.kano_summary(later)
        return summ.assign(feature=summ["feature"].map(lambda f: names.get(f, f)))

    # ------------------------------------------------------------------ 5-GAP
    def _gap_inputs(self):
        import isq

        return isq.gap_inputs({k: v for k, v in self.tables.items() if len(v)})

    def _gaps(self):
        """The 5-GAP model on the baseline wave with every gap the data allows (memoised),
        hidden departments masked."""
        import isq

        def compute():
            res = isq.gap_model(self._sq_pre(), min_group_size=self.k, **self._gap_inputs())
            hide = ~res["provider"].astype(str).map(self._visible)
            res.loc[hide, ["value", "ci_low", "ci_high"]] = np.nan
            return res

        return self._memo("gaps", compute)

    def _gap_diagnosis(self):
        """Per visible department: the gap to close first and the course's remedy (memoised)."""
        import isq

        def compute():
            diag = isq.gap_diagnosis(self._gaps(), lang=self.lang)
            diag["provider"] = diag["provider"].astype(str)
            ok = diag["provider"].map(self._visible) & ~diag["suppressed"] & diag["worst_gap"].notna()
            return diag[ok].sort_values("worst_value").reset_index(drop=True)

        return self._memo("gap_diagnosis", compute)

    def five_gaps_view(self):
        """All five gaps side by side (per department, or per dimension in a department report),
        the diagnosis table and each department's remedy."""
        import isq

        gm = self._gaps()
        shown = gm[gm["provider"].astype(str).map(self._visible)]
        numbers = sorted(set(gm["gap"]))
        names = {c: v for c, v in self.dept_labels.items()}
        if self.department:
            mine = shown[shown["provider"].astype(str) == self.department]
            per_dim = mine.assign(provider=mine["dimension"].map(lambda d: label(d, self.lang)))
            shown_name = literal(self.dept_name(self.department))  # client text is never mathtext
            ax = isq.plot_five_gaps(per_dim, lang=self.lang, title=self.t(
                f"{shown_name}：各维度的差距 1–5（负值 = 不足）",
                f"{shown_name}: gaps 1–5 per dimension (negative = shortfall)"))
            caption = self.t(f"{self.dept_name(self.department)}的五个差距，按服务质量维度并列",
                             f"The five gaps of {self.dept_name(self.department)}, side by side per dimension")
            data, size = mine, _n_text(mine)
        else:
            drawn = shown.dropna(subset=["value"])
            keep = list(pd.unique(drawn["provider"]))
            drawn = shown[shown["provider"].isin(keep)]
            if drawn.empty:
                raise _no_data(self)
            ax = isq.plot_five_gaps(drawn, names=names, lang=self.lang)
            hidden = len(set(gm["provider"])) - len(keep)
            more = self.t(f"；{hidden} 个部门按隐私规则不画出", f"; {hidden} departments hidden for privacy") if hidden else ""
            caption = self.t(f"各服务部门的五个差距（各维度平均）并列{more}",
                             f"The five gaps per serving department (mean over dimensions){more}")
            data, size = drawn, _n_text(drawn)
        ax.figure.set_size_inches(max(9.0, 1.1 * len(set(data["provider"] if not self.department else data["dimension"]))), 4.6)
        ax.figure.tight_layout()
        self.figure(ax.figure, caption, n=size, name="five_gaps", data=data)
        diag = self._gap_diagnosis()
        table = isq.gap_diagnosis(gm, lang=self.lang).drop(columns=["remedy"])
        table = table.assign(provider=table["provider"].map(self.dept_name),
                             worst_gap=table["worst_gap"].map(lambda g: None if pd.isna(g) else label(f"gap_{int(g)}", self.lang)),
                             worst_dimension=table["worst_dimension"].map(
                                 lambda d: label(d, self.lang) if isinstance(d, str) else d))
        table = table.rename(columns={f"gap_{g}": label(f"gap_{g}", self.lang) for g in numbers})
        self.table(table, name="gap_diagnosis", group="provider", decimals=2,
                   columns=["provider", *[label(f"gap_{g}", self.lang) for g in numbers], "worst_gap",
                            "worst_dimension", "worst_value"],
                   title=self.t("五差距诊断：各部门的差距 1–5（各维度平均）与先补的差距",
                                "5-GAP diagnosis: gaps 1–5 per department (mean over dimensions) and the gap to close first"))
        self.findings([self.gap_remedy_sentence(r) for r in diag.itertuples()])

    def gap_remedy_sentence(self, r):
        dim = label(r.worst_dimension, self.lang)
        g = int(r.worst_gap)
        return self.t(f"{self.dept_name(r.provider)}：先补{label(f'gap_{g}', 'zh')}差距（{dim} {r.worst_value:+.2f}）。"
                      f"课程对策：{r.remedy}。",
                      f"{self.dept_name(r.provider)}: close {label(f'gap_{g}', 'en')} first ({dim} {r.worst_value:+.2f}). "
                      f"The course's remedy: {r.remedy}.")

    def gap_actions(self):
        """Actions from the 5-GAP diagnosis: one per gap to close first, owned by the departments
        whose first gap it is (worst first)."""
        if not self.has("servqual") or self._gap_inputs().get("standards") is None:
            return []
        diag = self._gap_diagnosis()
        out = []
        for g, rows in diag.groupby("worst_gap", sort=False):
            g = int(g)
            first = rows.iloc[0]
            owners = "、".join(self.dept_name(p) for p in rows["provider"]) if self.lang == "zh" else \
                ", ".join(self.dept_name(p) for p in rows["provider"])
            evidence = "；".join(f"{self.dept_name(r.provider)} {label(r.worst_dimension, self.lang)} {r.worst_value:+.2f}"
                                for r in rows.itertuples()) if self.lang == "zh" else "; ".join(
                f"{self.dept_name(r.provider)} {label(r.worst_dimension, 'en')} {r.worst_value:+.2f}" for r in rows.itertuples())
            v = float(first["worst_value"])
            out.append(dict(
                what=self.t(f"{label(f'gap_{g}', 'zh')}差距", f"{label(f'gap_{g}', 'en')}"),
                owner=owners, measure=first["remedy"],
                target=self.t(f"差距由 {v:.2f} 缩小到 {v / 2:.2f} 以内（下次诊断复测）",
                              f"Gap from {v:.2f} to within {v / 2:.2f} by the next diagnosis"),
                evidence=self.t(f"5-GAP 诊断中先补的差距：{evidence}", f"The gap to close first in the 5-GAP diagnosis: {evidence}"),
            ))
        return out

    def gap_root(self, owner_code):
        """A phrase naming the department's gap to close first, for the shortboard's evidence."""
        if not owner_code or self._gap_inputs().get("standards") is None:
            return ""
        diag = self._gap_diagnosis()
        row = diag[diag["provider"] == str(owner_code)]
        if row.empty:
            return ""
        g = int(row["worst_gap"].iloc[0])
        return self.t(f"；5-GAP 诊断：根源在{label(f'gap_{g}', 'zh')}差距", f"; 5-GAP: rooted in {label(f'gap_{g}', 'en')}")


def _n_text(gaps):
    """The sample size of a gap chart: the range of respondents behind gap 5."""
    n = gaps[(gaps["gap"] == 5) & gaps["value"].notna()]["n"]
    if n.empty:
        return None
    lo, hi = int(n.min()), int(n.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"
