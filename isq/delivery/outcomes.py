"""The course-outcomes booklet (课程成果汇编): ``isq outcomes --workshop DIR --out DIR``.

Reads everything the teams produced (see :mod:`isq.delivery.workshop` for the folder layout)
and writes one offline HTML booklet and one workbook, in Chinese, organised by the course's
outcomes: needs analysis, shortboard analysis, strategy execution breakdown, the journey map
of a core scenario, collected service phrases, the bull's-eye and the priority decision, then
the self-assessments, the collaboration worksheets, the tools, service awareness and culture
(module 17) and the teams' scoreboard. Each piece names
the team that made it; a chapter with no material says which files it expected. Nothing in
the workshop folder is ever written to.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas as pd

from ..errors import IsqDataError, IsqError
from ..labels import label
from .._io import atomic_write_text

__all__ = ["OUTCOMES", "build_outcomes", "cli_outcomes", "BOOKLET_NAME", "open_workshop", "worksheet_answers"]

#: Base name of the booklet files (.html, .xlsx).
BOOKLET_NAME = "课程成果汇编"
#: The booklet's chapters: key -> heading.
OUTCOMES = {
    "needs": "一、需求分析",
    "shortboard": "二、短板分析",
    "strategy": "三、策略执行分解",
    "journey": "四、核心场景体验旅程图",
    "phrases": "五、服务用语汇编",
    "bullseye": "六、牛眼图分析",
    "priority": "七、优先改善决策",
    "assessments": "八、团队自评",
    "collaboration": "九、协作与沟通工作表",
    "tools": "十、内部工序、五星沟通与整改跟踪",
    "awareness": "十一、服务意识与文化",
    "teams": "十二、团队积分与贡献",
}
_ASSESS_TITLES = {"wheel": "内部服务平衡轮", "standards": "五项满意标准", "levels": "服务意识与体验层次",
                  "knowledge": "知识管理成熟度", "thinking": "管理思维反思", "patrol": "服务巡视"}

esc = html.escape
_DEMO_WORKSHOP = None


def open_workshop(workshop_dir=""):
    """The room's workshop folder read with :func:`isq.load_workshop`, or the demo room when empty.

    The demo room (four teams of 示例集团) is written once per process into a temporary
    folder, so a notebook run headless never depends on its working directory.

    Examples
    --------
    >>> ws = isq.open_workshop()
    >>> sorted(ws.tables)[:2]
    ['assessments/knowledge', 'assessments/levels']
    """
    global _DEMO_WORKSHOP
    from ._workshop_demo import write_demo_workshop
    from .workshop import load_workshop

    if workshop_dir:
        return load_workshop(workshop_dir)
    if _DEMO_WORKSHOP is None:
        import tempfile

        _DEMO_WORKSHOP = Path(write_demo_workshop(Path(tempfile.mkdtemp(prefix="isq-demo-room-")) / "workshop"))
    return load_workshop(_DEMO_WORKSHOP)


class _Booklet:
    """Collects HTML, workbook tables, contributions and problems while chapters are built."""

    def __init__(self, ws, lang="zh"):
        self.ws, self.lang = ws, lang
        self.parts, self.tables, self.credits = [], {}, []
        self.problems = list(ws.problems)

    # ---------------------------------------------------------------- pieces
    def h(self, level, text):
        self.parts.append(f"<h{level}>{esc(text)}</h{level}>")

    def p(self, text, cls=None):
        c = f' class="{cls}"' if cls else ""
        self.parts.append(f"<p{c}>{esc(text)}</p>")

    def missing(self, what, expected):
        self.parts.append(f'<div class="isq-note">尚未收集：{esc(what)}。期望的文件：'
                          f'<code>{esc(expected)}</code></div>')

    def table(self, df, title=None, *, sheet=None, index=False):
        if title:
            self.parts.append(f"<h4>{esc(title)}</h4>")
        shown = df.copy()
        for c in shown.columns:
            if shown[c].dtype.kind == "f":
                shown[c] = shown[c].round(2)
        self.parts.append(shown.to_html(index=index, na_rep="", border=0, escape=True))
        if sheet:
            self.tables[sheet] = df.reset_index() if index else df

    def figure(self, draw, *, figsize=(8, 5), polar=False):
        import matplotlib
        import matplotlib.pyplot as plt
        import matplotlib.text

        from ..plots._setup import literal
        from ..plots.theme import theme

        # Team texts are drawn literally: no mathtext (an invalid ``$\frac$`` would stop the
        # booklet), no control characters (no glyph); plots that escape ``$`` themselves see
        # parse_math off and leave the text as it is (isq.plots._setup.literal).
        with theme(context="report"), matplotlib.rc_context({"text.parse_math": False}):
            fig = plt.figure(figsize=figsize)
            try:
                ax = fig.add_subplot(111, projection="polar" if polar else None)
                draw(ax)
                for t in fig.findobj(matplotlib.text.Text):
                    if t.get_text() != (clean := literal(t.get_text())):
                        t.set_text(clean)
                buf = io.BytesIO()
                fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
            finally:
                plt.close(fig)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        self.parts.append(f'<img alt="chart" src="data:image/png;base64,{data}">')

    def credit(self, team, chapter, what, file=None):
        self.credits.append({"team": team, "chapter": OUTCOMES[chapter], "contribution": what,
                             "file": "" if file is None else str(Path(file).name)})

    def guard(self, file, fn, *args):
        """Run one team's piece; a data error becomes a named problem, not a failed booklet."""
        try:
            return fn(*args)
        except IsqError as e:
            self.problems.append({"file": str(file), "message": str(e)})
            self.parts.append(f'<div class="isq-error">无法处理 {esc(str(file))}：{esc(str(e))}</div>')
            return None

    def one_file(self, heading, value, what, expected):
        """A section for one workshop-wide file: the heading, then ``value`` (None: says what is missing)."""
        self.h(3, heading)
        if value is None:
            self.missing(what, expected)
        return value

    def each_team(self, kind, chapter, what, expected, piece, *, credit=None):
        """``piece(team, frame)`` for each team's file of ``kind`` (a heading per team first),
        credited to ``chapter``; the results that did not fail. Says what is missing when no
        team sent a file."""
        parts = self.by_team(kind)
        if not parts:
            self.missing(what, expected)
        out = []
        for team, f, file in parts:
            self.parts.append(f"<h4>{esc(team)}</h4>")
            r = self.guard(file, piece, team, f)
            if r is not None:
                out.append(r)
                self.credit(team, chapter, credit or what, file)
        return out

    def by_team(self, kind):
        t = self.ws.tables.get(kind)
        if t is None:
            return []
        return [(team, sub.drop(columns=["team", "file"]), sub["file"].iloc[0])
                for team, sub in t.groupby("team", sort=False)]

    def worksheets(self, name, chapter):
        from .workshop import worksheet_schema

        spec = worksheet_schema(name)
        self.h(3, spec["title_zh"])
        w = self.ws.worksheets
        sub = w[w["worksheet"] == name] if w is not None and len(w) else None
        if sub is None or sub.empty:
            self.missing(f"{spec['title_zh']}（工作表）", f"worksheets/{name}/<团队>.yaml")
            return
        rows_out = []
        for team, t in sub.groupby("team", sort=False):
            self.parts.append(f"<h4>{esc(team)}</h4><dl>")
            empty = []
            for f in spec["fields"]:
                cells = t[t["field"] == f["name"]]
                if f["type"] == "table":
                    if cells.empty:
                        empty.append(f["zh"])
                        continue
                    wide = cells.pivot(index="row", columns="column", values="value")
                    wide = wide.reindex(columns=[c["name"] for c in f["columns"]])
                    wide.columns = [c["zh"] for c in f["columns"]]
                    self.parts.append(f"<dt><b>{esc(f['zh'])}</b></dt><dd>"
                                      + wide.to_html(index=False, na_rep="", border=0) + "</dd>")
                    for _, r in wide.iterrows():
                        rows_out.append({"团队": team, "字段": f["zh"], "内容": "；".join(
                            f"{k}：{v}" for k, v in r.items() if isinstance(v, str) and v)})
                else:
                    v = cells["value"].iloc[0] if len(cells) else None
                    if v is None or (isinstance(v, float) and v != v):
                        empty.append(f["zh"])
                        continue
                    self.parts.append(f"<dt><b>{esc(f['zh'])}</b></dt><dd>{esc(str(v))}</dd>")
                    rows_out.append({"团队": team, "字段": f["zh"], "内容": str(v)})
            self.parts.append("</dl>")
            if empty:
                self.parts.append(f'<div class="isq-note">未填写：{esc("、".join(empty))}'
                                  f'（{esc(str(t["file"].iloc[0]))}）</div>')
            self.credit(team, chapter, spec["title_zh"], t["file"].iloc[0])
        self.tables[spec["title_zh"]] = pd.DataFrame(rows_out, columns=["团队", "字段", "内容"])


# -------------------------------------------------------------------- chapters
def _needs(b):
    import isq

    b.h(3, "卡诺需求分析（各组对本部门的调研）")

    def one(team, f):
        s = isq.kano_summary(f, min_group_size=1) if "min_group_size" in isq.kano_summary.__code__.co_varnames \
            else isq.kano_summary(f)
        names = f.groupby("feature")["feature_name"].first()
        s = s.assign(team=team, feature_name=s["feature"].map(names))
        b.figure(lambda ax: isq.plot_kano_better_worse(s, ax=ax, labels=names.to_dict()), figsize=(7, 5))
        return s
    rows = b.each_team("kano", "needs", "卡诺调研",
                       "kano/<团队>.csv（respondent, feature, feature_name, functional, dysfunctional）", one,
                       credit="卡诺需求分析")
    if rows:
        t = pd.concat(rows, ignore_index=True)
        t = pd.DataFrame({"团队": t["team"], "功能需求": t["feature_name"], "人数": t["n"],
                          "类别": t["category_rule"].map(lambda c: label(c)), "Better": t["better"],
                          "Worse": t["worse"]})
        b.table(t, "卡诺分类结果", sheet="需求分析_卡诺")
    b.worksheets("iceberg", "needs")
    b.worksheets("empathy", "needs")
    for team in b.ws.teams:
        emp = worksheet_answers(b.ws, "empathy", team)
        if emp:
            b.parts.append(f"<h4>{esc(team)}：同理心“金三角”</h4>")
            b.figure(lambda ax, e=emp: isq.plot_empathy_triangle(e, ax=ax), figsize=(6.5, 5.8))


def _shortboard(b):
    import isq

    b.h(3, "服务质量五度差距（各组对本部门的 SERVQUAL 调研）")

    def one(team, f):
        g = isq.servqual_gaps(f, level="dimension")
        sb = isq.servqual_shortboard(g)
        b.figure(lambda ax: isq.plot_gap_bars(g, ax=ax), figsize=(7, 4))
        if pd.notna(sb["gap"]):
            b.p(f"{team}的短板：{label(sb['dimension'])}（差距 {sb['gap']:.2f}，"
                f"95% 区间 {sb['gap_ci_low']:.2f} 至 {sb['gap_ci_high']:.2f}，n = {int(sb['n'])}）。",
                cls="isq-finding")
        return g.assign(team=team, shortboard=g["dimension"] == sb["dimension"])
    rows = b.each_team("servqual", "shortboard", "SERVQUAL 调研",
                       "servqual/<团队>.csv（respondent, item, dimension, expectation, perception）", one,
                       credit="SERVQUAL 短板分析")
    if rows:
        t = pd.concat(rows, ignore_index=True)
        b.table(pd.DataFrame({"团队": t["team"], "维度": t["dimension"].map(label), "期望": t["expectation_mean"],
                              "感知": t["perception_mean"], "差距": t["gap"], "人数": t["n"],
                              "短板": t["shortboard"].map({True: "是", False: ""})}),
                "五度差距汇总", sheet="短板分析_SERVQUAL")


def _strategy(b):
    import isq

    house = b.one_file("服务策略屋与执行分解", b.ws.strategy, "服务策略屋", "strategy.yaml（格式见 isq.load_strategy）")
    if house is not None:
        b.figure(lambda ax: isq.plot_strategy_house(house, ax=ax), figsize=(9, 6))
        b.figure(lambda ax: isq.plot_breakdown_tree(house, ax=ax), figsize=(10, 7))
        t = isq.strategy_breakdown_table(house, lang="zh")
        b.table(t, "执行分解表", sheet="策略执行分解")
    b.worksheets("poa", "strategy")
    for team in b.ws.teams:
        poa = worksheet_answers(b.ws, "poa", team)
        if poa:
            acts = poa["actions"]["action"] if "actions" in poa else []
            b.parts.append(f"<h4>{esc(team)}：POA</h4>")
            b.figure(lambda ax, p=poa, a=acts: isq.plot_poa(p.get("purpose"), p.get("outcome"), a, ax=ax),
                     figsize=(9, 3.5))
    b.worksheets("cocreation", "strategy")


def _journey(b):
    import isq

    b.h(3, "核心场景体验旅程图")

    def one(team, f):
        s = isq.journey_summary(f)
        b.figure(lambda ax: isq.plot_journey_map(s, ax=ax), figsize=(10, 5))
        isq.journey_peak_end(s)  # a journey without a peak or an end is a named problem
        return s.assign(team=team)
    rows = b.each_team("journey", "journey", "体验旅程图",
                       "journey/<团队>.csv（journey, stage, stage_order, touchpoint, order, score, mot）", one)
    if rows:
        t = pd.concat(rows, ignore_index=True)
        keep = [c for c in ["team", "journey", "stage", "touchpoint", "mean", "kind", "mot"] if c in t]
        b.table(t[keep], "触点得分", sheet="旅程图_触点")


def _phrases(b):
    b.h(3, "服务禁语与规范用语")
    parts = b.by_team("phrases")
    if not parts:
        b.missing("服务用语", "phrases/<团队>.csv（kind: avoid/use, text, better）")
        return
    rows = []
    for team, f, file in parts:
        for r in f.to_dict("records"):
            rows.append({"团队": team, "类型": {"avoid": "服务禁语", "use": "规范用语"}.get(r["kind"], r["kind"]),
                         "原话": r["text"], "建议说法": r.get("better") if isinstance(r.get("better"), str) else ""})
        b.credit(team, "phrases", f"服务用语 {len(f)} 条", file)
    t = pd.DataFrame(rows)
    b.table(t[t["类型"] == "服务禁语"], "服务禁语及替代说法")
    b.table(t[t["类型"] == "规范用语"][["团队", "原话"]].rename(columns={"原话": "规范用语"}), "规范用语")
    b.tables["服务用语汇编"] = t
    b.worksheets("communication", "phrases")
    _drawn(b, "phrases", "沟通前准备", lambda w: __import__("isq").communication_readiness(w),
           lambda ax, r: __import__("isq").plot_communication_readiness(r, ax=ax), (8, 3),
           {"team": "团队", "counterpart": "沟通对象", "ready": "已准备", "open": "未准备",
            "plan_filled": "计划已写", "open_items": "未准备事项"})


def _bullseye(b):
    import isq

    b.h(3, "改善项目牛眼图")
    votes = b.ws.tables.get("votes")
    if votes is None:
        b.missing("改善项目投票", "votes/<团队>.csv（idea, title, dimension, votes）")
    else:
        def one():
            be = isq.bullseye(votes, item="idea", score="votes", sector="dimension", label="title")
            b.figure(lambda ax: isq.plot_bullseye(be, ax=ax), figsize=(8, 8))
            who = votes.groupby("idea")["team"].first()
            t = be.assign(team=be["item"].map(who))
            b.table(pd.DataFrame({"圈层": t["ring"].map(lambda r: label(f"ring_{r}")), "项目": t["label"],
                                  "维度": t["sector"].map(label), "票数": t["score"], "提出团队": t["team"]}),
                    "牛眼图分类", sheet="牛眼图")
        b.guard(sorted(set(votes["file"]))[0], one)
        for team, sub in votes.groupby("team", sort=False):
            b.credit(team, "bullseye", f"改善提案 {len(sub)} 项", sub["file"].iloc[0])


def _priority(b):
    import isq

    b.h(3, "优先改善决策（重要性 × 表现）")

    def one(team, f):
        r = isq.ipa(f)
        d = isq.priority_decision(r, quadrants=["concentrate"])
        b.figure(lambda ax: isq.plot_ipa(r, ax=ax), figsize=(7, 6))
        for s in d["explanation"].head(3):
            b.p(s, cls="isq-finding")
        return d.assign(team=team)
    rows = b.each_team("priority", "priority", "重要性与表现评分",
                       "priority/<团队>.csv（respondent, attribute, importance, performance）", one,
                       credit="优先改善决策")
    if rows:
        t = pd.concat(rows, ignore_index=True)
        b.tables["优先改善决策"] = t[["team", "rank", "attribute", "quadrant", "importance_mean",
                                  "performance_mean", "priority", "score", "explanation"]]


def _assessments(b):
    import isq

    scorers = {"wheel": isq.score_balance_wheel, "standards": isq.score_standards,
               "levels": isq.place_service_level, "knowledge": isq.score_knowledge,
               "thinking": isq.score_thinking, "patrol": isq.score_patrol}
    for name, fn in scorers.items():
        b.h(3, _ASSESS_TITLES[name])
        data = b.ws.tables.get(f"assessments/{name}")
        if data is None:
            b.missing(_ASSESS_TITLES[name], f"assessments/{name}/<团队>.csv")
            continue
        results = []
        for team, sub in data.groupby("team", sort=False):
            r = b.guard(sub["file"].iloc[0], fn, sub)
            if r is not None:
                results.append(r)
                b.credit(team, "assessments", _ASSESS_TITLES[name], sub["file"].iloc[0])
        if not results:
            continue
        res = pd.concat(results, ignore_index=True)
        if name == "wheel":
            for team in pd.unique(res["team"]):
                b.parts.append(f"<h4>{esc(team)}</h4>")
                b.figure(lambda ax, t=team: isq.plot_balance_wheel(res, team=t, ax=ax), figsize=(6, 6), polar=True)
        else:
            plot = {"standards": isq.plot_standards, "levels": isq.plot_service_levels,
                    "knowledge": isq.plot_knowledge_maturity, "thinking": isq.plot_thinking,
                    "patrol": isq.plot_patrol_trend}[name]
            b.figure(lambda ax: plot(res, ax=ax), figsize=(8, 5))
        if name == "patrol":
            weak = isq.patrol_weakest(data, k=3)
            b.figure(lambda ax: isq.plot_patrol_weakest(weak, ax=ax), figsize=(8, 6))
            b.table(weak, "各组最弱的三项", sheet="服务巡视_最弱项")
        b.tables[f"自评_{_ASSESS_TITLES[name]}"] = res


def _collaboration(b):
    for name in ("abcde", "value_rings"):
        b.worksheets(name, "collaboration")


def _teams(b):
    import isq

    board = b.one_file("团队积分榜", b.ws.scoreboard, "团队积分", "scoreboard.csv（isq.Scoreboard 保存的文件）")
    if board is not None:
        b.figure(lambda ax: isq.plot_scoreboard(board, ax=ax), figsize=(8, 5))
        b.table(board.standings(), "积分明细", sheet="团队积分")
    b.h(3, "各组贡献")
    if not b.credits:
        b.p("尚无任何团队成果。")
        return
    c = pd.DataFrame(b.credits)
    counts = c.pivot_table(index="team", columns="chapter", values="contribution", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=[v for v in OUTCOMES.values() if v in counts.columns])
    counts.index.name = "团队"
    b.table(counts, "各组在各章节的成果数", index=True)
    b.tables["各组贡献"] = c.rename(columns={"team": "团队", "chapter": "章节", "contribution": "成果", "file": "文件"})


def worksheet_answers(room, name, team):
    """One team's saved worksheet from a workshop (:func:`open_workshop`): field -> value,
    table fields as DataFrames (one row per table row). Empty dict when not saved yet.

    Examples
    --------
    >>> poa = isq.worksheet_answers(isq.open_workshop(), "poa", "第1组")
    >>> poa["partner"], list(poa["actions"].columns)
    ('生产部', ['action', 'due', 'owner'])
    """
    w = room.worksheets
    if w is None or not len(w):
        return {}
    t = w[(w["worksheet"] == name) & (w["team"] == team)]
    plain = t[t["column"].isna()]
    out = dict(zip(plain["field"], plain["value"]))
    for f, g in t[t["column"].notna()].groupby("field", sort=False):
        wide = g.pivot(index="row", columns="column", values="value")
        wide.columns.name = None
        out[f] = wide.reset_index(drop=True)
    return out


def _worksheet_rows(b, name):
    """(team, {field: value}, {table field: DataFrame}) for each team's saved worksheet."""
    w = b.ws.worksheets
    sub = w[w["worksheet"] == name] if w is not None and len(w) else None
    if sub is None or sub.empty:
        return []
    out = []
    for team, t in sub.groupby("team", sort=False):
        plain = t[t["column"].isna()]
        scalars = dict(zip(plain["field"], plain["value"]))
        tables = {f: g.pivot(index="row", columns="column", values="value")
                  for f, g in t[t["column"].notna()].groupby("field", sort=False)}
        out.append((team, scalars, tables, t["file"].iloc[0]))
    return out


def _tools(b):
    """Process maps, five-star self-checks and execution follow-up, drawn from the worksheets."""
    import isq
    from ..models.tools import EXECUTION_STAGES

    b.worksheets("process_map", "tools")
    for team, sc, tb, file in _worksheet_rows(b, "process_map"):
        steps = tb.get("steps")
        if steps is None or steps.empty:
            continue
        def one(team=team, sc=sc, steps=steps):
            df = pd.DataFrame({"process": str(sc.get("process") or ""), "step_order": range(1, len(steps) + 1),
                               "step": steps["step"].astype(str), "provider": steps["provider"].astype(str),
                               "internal_customer": steps["internal_customer"].astype(str),
                               "score": pd.to_numeric(steps["score"].astype(str).str.replace("+", "", regex=False),
                                                      errors="coerce")})
            h = isq.process_handoffs(df.dropna(subset=["score"]))
            b.parts.append(f"<h4>{esc(team)}：{esc(str(sc.get('process') or ''))}</h4>")
            b.figure(lambda ax: isq.plot_process_map(h, ax=ax), figsize=(max(8, 1.8 * len(h)), 3.2))
            b.credit(team, "tools", "内部工序流程图", file)
        b.guard(file, one)
    b.worksheets("five_star", "tools")
    rows = [{"message": f"{team}：{str(sc.get('message') or '')[:18]}", "point": p, "score": sc.get(p)}
            for team, sc, _, _ in _worksheet_rows(b, "five_star") for p in isq.FIVE_STAR_POINTS]
    rows = [r for r in rows if r["score"] not in (None, "")]
    if rows:
        def five():
            chk = isq.five_star_check(pd.DataFrame(rows).assign(score=lambda d: pd.to_numeric(d["score"])))
            b.figure(lambda ax: isq.plot_five_star(chk, ax=ax), figsize=(9, 4.5))
            b.table(chk.rename(columns={"message": "消息", "stars": "星数", "fix": "先改进"}), "五星自检结果",
                    sheet="五星沟通自检")
        b.guard("worksheets/five_star", five)
    b.worksheets("execution_followup", "tools")
    codes = {v: k for k, v in EXECUTION_STAGES.items()}
    acts = [{"hall": str(sc.get("hall") or team), "stage": codes.get(str(s), str(s))}
            for team, sc, tb, _ in _worksheet_rows(b, "execution_followup")
            for s in (tb["actions"]["stage"] if "actions" in tb else []) if isinstance(s, str) and s]
    if acts:
        def follow():
            t = isq.execution_tracker(pd.DataFrame(acts))
            b.figure(lambda ax: isq.plot_execution_tracker(t, ax=ax), figsize=(7, 4))
            b.table(t.rename(columns={"name": "阶段", "count": "项数", "share": "占比"})[["阶段", "项数", "占比"]],
                    "整改执行跟踪", sheet="整改执行跟踪")
        b.guard("worksheets/execution_followup", follow)


def _drawn(b, chapter, title, compute, draw, figsize, columns):
    """A chart and its table computed from the saved worksheets (nothing when no team saved one)."""
    def one():
        r = compute(b.ws.worksheets)
        if r is None or r.empty:
            return
        b.parts.append(f"<h4>{esc(title)}</h4>")
        b.figure(lambda ax: draw(ax, r), figsize=figsize)
        t = r[[c for c in columns if c in r]].rename(columns=columns)
        b.table(t, sheet=title)
    b.guard(f"worksheets ({title})", one)


#: Module 17's rated worksheets drawn in the awareness chapter: worksheet -> table columns.
_RATED_COLUMNS = {"name": "要点", "mean": "全班平均", "low": "最低", "high": "最高", "teams": "小组数",
                  "worst_for": "评为最弱的组数", "votes": "最先要建（票）"}


def _awareness(b):
    """Service awareness and culture (module 17): the teams' sheets, each drawn for the room."""
    import isq

    for name in ("three_c", "team_gang", "seven_elements", "stress", "culture"):
        if name == "stress":
            _stress(b)
            continue
        b.worksheets(name, "awareness")
        if name == "three_c":
            _three_c(b)
        elif name == "team_gang":
            _drawn(b, "awareness", "团队还是团伙（全班）", isq.team_gang_sort,
                   lambda ax, s: isq.plot_team_gang(s, ax=ax), (8, 5),
                   {"statement": "特征", "truth": "属于", "right": "分对的组数", "teams": "小组数"})
        else:
            title = {"seven_elements": "7 个要素（全班）", "culture": "服务文化建立要点（全班）"}[name]
            _drawn(b, "awareness", title,
                   lambda w, n=name: isq.rating_summary(isq.rating_profile(w, n), worksheet=n),
                   lambda ax, s, n=name: isq.plot_ratings(s, profile=isq.rating_profile(b.ws.worksheets, n),
                                                          worksheet=n, ax=ax),
                   (8, 5), _RATED_COLUMNS)


def _stress(b):
    """Sources of pressure for the room only (no team's ratings: a sensitive topic), then each
    team's ways of regulating pressure and the EAP support it asks for."""
    import isq
    from .workshop import worksheet_schema

    b.h(3, worksheet_schema("stress")["title_zh"])
    rows = _worksheet_rows(b, "stress")
    if not rows:
        b.missing("压力来源与调节（工作表）", "worksheets/stress/<团队>.yaml")
        return
    _drawn(b, "awareness", "压力来源（全班）",
           lambda w: isq.rating_summary(isq.rating_profile(w, "stress"), worksheet="stress"),
           lambda ax, s: isq.plot_ratings(s, worksheet="stress", ax=ax), (8, 5),
           {k: v for k, v in _RATED_COLUMNS.items() if k not in ("low", "high", "votes")})
    texts = pd.DataFrame([{"团队": team, "调节方法": sc.get("methods") or "", "希望 EAP 提供的支持": sc.get("support") or ""}
                          for team, sc, _, _ in rows])
    b.table(texts, "各组的调节方法", sheet="压力调节方法")
    for team, _, _, file in rows:
        b.credit(team, "awareness", "压力来源与调节", file)


def _three_c(b):
    import isq

    def one():
        p = isq.rating_profile(b.ws.worksheets, "three_c")
        if p.empty:
            return
        b.parts.append("<h4>3C 要素自评（全班）</h4>")
        b.figure(lambda ax: isq.plot_three_c(p, ax=ax), figsize=(6, 6), polar=True)
        b.table(isq.rating_summary(p).rename(columns=_RATED_COLUMNS)[[*_RATED_COLUMNS.values()][:6]], sheet="3C 要素")
    b.guard("worksheets (3C)", one)


_CHAPTERS = {"needs": _needs, "shortboard": _shortboard, "strategy": _strategy, "journey": _journey,
             "phrases": _phrases, "bullseye": _bullseye, "priority": _priority, "assessments": _assessments,
             "collaboration": _collaboration, "tools": _tools, "awareness": _awareness, "teams": _teams}


def build_outcomes(workshop, out, *, client=None, lang="zh"):
    """Build the course-outcomes booklet from a workshop folder.

    Parameters
    ----------
    workshop : str or Path
        The workshop folder (read only, never written to).
    out : str or Path
        Output folder; gets ``课程成果汇编.html`` and ``课程成果汇编.xlsx``.
    client : str, optional
        Client name on the cover (default: ``client`` in workshop.yaml).

    Returns
    -------
    dict
        ``html``, ``workbook`` (paths), ``missing`` (chapters without material) and
        ``problems`` (unreadable files: file, message).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> empty = tempfile.mkdtemp()
    >>> res = isq.build_outcomes(empty, pathlib.Path(empty) / "out")
    >>> res["html"].name, len(res["missing"]) > 5
    ('课程成果汇编.html', True)
    """
    from .render import external_references, report_page
    from .workbook import write_results_workbook
    from .workshop import load_workshop

    ws = load_workshop(workshop)
    out = Path(out)
    if out.resolve() == Path(workshop).resolve():
        raise IsqError("`out` must not be the workshop folder itself: the booklet never writes "
                       "into the teams' files. (输出文件夹不能与课程成果文件夹相同。)")
    b = _Booklet(ws, lang)
    missing = []
    for key, heading in OUTCOMES.items():
        b.parts.append(f"<h2>{esc(heading)}</h2>")
        start = len(b.parts)
        _CHAPTERS[key](b)
        chapter_html = "".join(b.parts[start:])
        if 'class="isq-note">尚未收集' in chapter_html and "<img" not in chapter_html and "<table" not in chapter_html:
            missing.append(heading)
    intro = []
    meta = ws.meta
    teams = ws.teams
    intro.append(f"<p>课程：{esc(str(meta.get('course', '内部客户服务')))}；日期：{esc(str(meta.get('date', '')))}；"
                 f"参与团队：{esc('、'.join(teams) or '（尚无）')}。</p>")
    if missing:
        intro.append(f'<div class="isq-note">以下章节尚无成果：{esc("、".join(missing))}。</div>')
    if b.problems:
        items = "".join(f"<li><code>{esc(p['file'])}</code>：{esc(p['message'])}</li>" for p in b.problems)
        intro.append(f'<div class="isq-error">以下文件无法读取，已跳过（文件未被改动）：<ul>{items}</ul></div>')
    body = "<h2>说明</h2>" + "".join(intro) + "".join(b.parts)
    page = report_page(body, client=client or str(meta.get("client", "")) or "课程",
                       title="内部客户服务课程成果汇编", lang=lang)
    ext = external_references(page)
    if ext:  # pragma: no cover - the booklet embeds everything
        raise IsqError(f"the booklet would load external resources: {ext[:3]}")
    html_path = atomic_write_text(out / f"{BOOKLET_NAME}.html", page)
    tables = dict(b.tables)
    if b.problems:
        tables["无法读取的文件"] = pd.DataFrame(b.problems).rename(columns={"file": "文件", "message": "问题"})
    if missing:
        tables["尚无成果的章节"] = pd.DataFrame({"章节": missing})
    wb = write_results_workbook(tables, out / f"{BOOKLET_NAME}.xlsx", lang=lang,
                                client=client or str(meta.get("client", "")))
    _text_not_formulas(wb)
    return {"html": html_path, "workbook": wb, "missing": missing, "problems": b.problems}


def _text_not_formulas(path):
    """Participant text such as ``=cmd|...`` stays text: no cell of the booklet is a formula."""
    import os

    from openpyxl import load_workbook

    book = load_workbook(path)
    changed = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    changed = True
    if changed:
        tmp = Path(path).with_name(Path(path).name + ".tmp")
        book.save(tmp)
        os.replace(tmp, path)
    return path


def cli_outcomes(args):
    """``isq outcomes --workshop DIR --out DIR``."""
    try:
        res = build_outcomes(args.workshop, args.out)
    except IsqDataError:
        raise
    print(f"课程成果汇编：{res['html']}")
    print(f"工作簿：{res['workbook']}")
    if res["missing"]:
        print("尚无成果的章节：" + "、".join(res["missing"]))
    for p in res["problems"]:
        print(f"无法读取（已跳过，未改动）：{p['file']}：{p['message']}")
    return 0
