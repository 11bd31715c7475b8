"""Charts of the room tools: process map, hall checklist, execution ladder, five-star check,
logical levels, co-creation clusters, on-time shares and the value rings. Axes-level:
each takes ``ax=None`` and returns the Axes; client text is never parsed as mathtext."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import IsqError
from ..labels import check_lang
from .theme import PALETTES
from ._setup import get_axes, literal

__all__ = ["plot_process_map", "plot_hall_diagnosis", "plot_execution_tracker", "plot_five_star",
           "plot_logical_levels", "plot_cocreation", "plot_on_time", "plot_value_rings", "plot_value_loop",
           "plot_empathy_triangle", "plot_poa", "plot_three_c", "plot_ratings", "plot_team_gang",
           "plot_communication_readiness"]

#: Size of a new figure when no ``ax`` is given (the wider charts say their own).
_FIGSIZE = (8, 4.5)
_T = {
    "process": {"zh": "内部工序流程图：每一步的内部客户与交接评分", "en": "Internal process map: hand-off ratings"},
    "hall": {"zh": "服务厅诊断：症状明显程度", "en": "Service-hall diagnosis: how marked the symptoms are"},
    "exec": {"zh": "整改执行跟踪：卡在哪一级", "en": "Execution follow-up: where actions are stuck"},
    "star": {"zh": "跨部门“五星”沟通自检", "en": "Five-star message self-check"},
    "levels": {"zh": "逻辑层次：各层得分", "en": "Logical levels"},
    "cocreation": {"zh": "团队共创：主题聚类与投票", "en": "Co-creation: clusters and votes"},
    "on_time": {"zh": "服务承诺按时兑现率", "en": "Commitments kept on time"},
    "rings": {"zh": "价值升维三环", "en": "Value rings: task, meaning, value"},
    "loop": {"zh": "服务价值链的反馈循环", "en": "The service value chain as a feedback loop"},
    "empathy": {"zh": "同理心“金三角”", "en": "The empathy triangle"},
    "poa": {"zh": "POA：目标 → 成果 → 行动", "en": "POA: purpose → outcome → actions"},
}
_GROUP = {"oddity": ("七大怪", "oddities"), "process": ("流程面", "process"), "execution": ("执行面", "execution")}


def _check(frame, cols, what, lang):
    """The language, and that ``frame`` is the model's table (has ``cols``)."""
    check_lang(lang)
    if not isinstance(frame, pd.DataFrame) or not set(cols) <= set(frame.columns):
        raise IsqError(f"{what} needs a table with columns {', '.join(cols)} (the result of isq.{what[5:]} "
                       f"or its model function).")


def _title(ax, key, lang, title):
    if title:
        ax.set_title(title if isinstance(title, str) else _T[key][lang])


def plot_process_map(handoffs, *, ax=None, lang="zh", title=True, names=None):
    """Boxes for the steps of a process, coloured by the internal customer's rating.

    ``handoffs`` is :func:`isq.process_handoffs`; the weakest hand-offs get a thick red edge.

    Examples
    --------
    >>> ax = isq.plot_process_map(isq.process_handoffs(isq.load_demo("process_steps")))
    >>> len(ax.patches)
    7
    """
    from matplotlib.patches import FancyBboxPatch

    _check(handoffs, ["step", "provider", "internal_customer", "score", "point", "weakest"],
           "plot_process_map", lang)
    names = names or {}
    ax = get_axes(ax, figsize=(max(8, 1.8 * len(handoffs)), 3.2))
    colours = PALETTES["sentiment"]
    for i, r in enumerate(handoffs.itertuples(index=False)):
        ax.add_patch(FancyBboxPatch((i * 1.5, 0), 1.2, 1, boxstyle="round,pad=0.05",
                                    facecolor=colours.get(r.point, "#7f7f7f"), alpha=0.35,
                                    edgecolor="#c0392b" if r.weakest else "#555555",
                                    linewidth=3 if r.weakest else 1))
        ax.text(i * 1.5 + 0.6, 0.68, literal(r.step), ha="center", va="center", fontsize="small")
        ax.text(i * 1.5 + 0.6, 0.3, literal(f"{names.get(r.provider, r.provider)}→"
                                          f"{names.get(r.internal_customer, r.internal_customer)}\n{r.score:+.1f}"),
                ha="center", va="center", fontsize="x-small")
        if i:
            ax.annotate("", xy=(i * 1.5 - 0.05, 0.5), xytext=(i * 1.5 - 0.25, 0.5),
                        arrowprops={"arrowstyle": "->", "color": "#333333"})
    ax.set_xlim(-0.2, 1.5 * len(handoffs))
    ax.set_ylim(-0.2, 1.25)
    ax.axis("off")
    _title(ax, "process", lang, title)
    return ax


def plot_hall_diagnosis(diagnosis, *, ax=None, lang="zh", title=True):
    """Grouped bars: per hall, the share of the maximum mark for oddities, process, execution.

    Examples
    --------
    >>> ax = isq.plot_hall_diagnosis(isq.hall_diagnosis(isq.load_demo("hall_checks")))
    >>> len(ax.patches)
    9
    """
    _check(diagnosis, ["hall", "group", "share"], "plot_hall_diagnosis", lang)
    wide = diagnosis.pivot_table(index="hall", columns="group", values="share", sort=False)
    groups = [g for g in _GROUP if g in wide.columns]
    ax = get_axes(ax, figsize=_FIGSIZE)
    x = np.arange(len(wide))
    w = 0.8 / len(groups)
    for i, g in enumerate(groups):
        ax.bar(x - 0.4 + w * (i + 0.5), wide[g].to_numpy(), width=w * 0.9,
               color=PALETTES["sequence"][i], label=_GROUP[g][0 if lang == "zh" else 1])
    ax.set_xticks(x)
    ax.set_xticklabels([literal(h) for h in wide.index])
    ax.set_ylim(0, 1)
    ax.set_ylabel("明显程度（占满分）" if lang == "zh" else "Share of the maximum mark")
    ax.legend(fontsize="small")
    _title(ax, "hall", lang, title)
    return ax


def plot_execution_tracker(tracker, *, ax=None, lang="zh", title=True):
    """Horizontal bars down the execution ladder (说了不听 … 已落实), counts of actions.

    Examples
    --------
    >>> ax = isq.plot_execution_tracker(isq.execution_tracker(isq.load_demo("execution_followup")))
    >>> len(ax.patches)
    7
    """
    _check(tracker, ["stage", "name", "count"], "plot_execution_tracker", lang)
    t = tracker.groupby(["stage", "name"], sort=False)["count"].sum().reset_index()
    ax = get_axes(ax, figsize=_FIGSIZE)
    y = np.arange(len(t))[::-1]
    colours = ["#2ca02c" if s == "done" else "#d62728" for s in t["stage"]]
    ax.barh(y, t["count"], color=colours)
    ax.set_yticks(y)
    ax.set_yticklabels(t["name"] if lang == "zh" else t["stage"].str.replace("_", " "))
    ax.set_xlabel("整改项数" if lang == "zh" else "Actions")
    _title(ax, "exec", lang, title)
    return ax


def plot_five_star(check, *, ax=None, lang="zh", title=True, star_from=4):
    """Per message, its five points as bars with the star threshold.

    Examples
    --------
    >>> ax = isq.plot_five_star(isq.five_star_check(isq.load_demo("five_star")))
    >>> len(ax.patches)
    15
    """
    from ..models.tools import FIVE_STAR_POINTS

    _check(check, ["message", *FIVE_STAR_POINTS], "plot_five_star", lang)
    ax = get_axes(ax, figsize=_FIGSIZE)
    x = np.arange(len(check))
    w = 0.8 / 5
    for i, (code, zh) in enumerate(FIVE_STAR_POINTS.items()):
        ax.bar(x - 0.4 + w * (i + 0.5), check[code], width=w * 0.9, color=PALETTES["sequence"][i],
               label=zh if lang == "zh" else code)
    ax.axhline(star_from, color="#333333", linestyle="--", linewidth=1)
    ax.set_xticks(x)
    ax.set_xticklabels([literal(m) for m in check["message"]])
    ax.set_ylim(0, 5.5)
    ax.legend(ncol=5, fontsize="small", loc="upper center", bbox_to_anchor=(0.5, -0.1))
    _title(ax, "star", lang, title)
    return ax


def plot_logical_levels(profile, *, team=None, ax=None, lang="zh", title=True):
    """The six logical levels as a stacked pyramid (environment at the bottom), bar = score.

    Examples
    --------
    >>> ax = isq.plot_logical_levels(isq.logical_levels_profile(isq.load_demo("logical_levels")), team="第1组")
    >>> len(ax.patches)
    6
    """
    _check(profile, ["team", "level", "name", "score", "lowest"], "plot_logical_levels", lang)
    teams = list(pd.unique(profile["team"]))
    if team is None and len(teams) > 1:
        raise IsqError(f"`profile` holds several teams {teams}: pass team=... to draw one.")
    p = profile[profile["team"] == (team or teams[0])]
    ax = get_axes(ax, figsize=(6, 4.5))
    y = np.arange(len(p))
    ax.barh(y, p["score"], color=["#d62728" if lw else "#1f77b4" for lw in p["lowest"]], height=0.7)
    ax.set_yticks(y)
    ax.set_yticklabels(p["name"] if lang == "zh" else p["level"])
    ax.set_xlim(0, 5)
    _title(ax, "levels", lang, title if title is not True else f"{_T['levels'][lang]} — {literal(team or teams[0])}")
    return ax


def plot_cocreation(plan, *, ax=None, lang="zh", title=True):
    """Votes per cluster; the clusters in the action plan are highlighted, lead idea written.

    Examples
    --------
    >>> ax = isq.plot_cocreation(isq.cocreation_plan(isq.load_demo("ideas")))
    >>> len(ax.patches)
    5
    """
    _check(plan, ["cluster", "votes", "lead_title", "in_plan"], "plot_cocreation", lang)
    ax = get_axes(ax, figsize=_FIGSIZE)
    y = np.arange(len(plan))[::-1]
    ax.barh(y, plan["votes"], color=["#e69f00" if p else "#bdbdbd" for p in plan["in_plan"]])
    ax.set_yticks(y)
    from ..labels import label

    ax.set_yticklabels([literal(label(c, lang)) for c in plan["cluster"]])
    for yi, v, t in zip(y, plan["votes"], plan["lead_title"]):
        ax.text(v, yi, " " + literal(t), va="center", fontsize="x-small")
    ax.set_xlabel("票数" if lang == "zh" else "Votes")
    ax.set_xlim(0, plan["votes"].max() * 1.6)
    _title(ax, "cocreation", lang, title)
    return ax


def plot_on_time(shares, *, names=None, ax=None, lang="zh", title=True):
    """On-time share per department with its Wilson interval and the target line.

    Examples
    --------
    >>> ax = isq.plot_on_time(isq.on_time_share(isq.load_demo("commitment_tracking")))
    >>> len(ax.patches)
    8
    """
    _check(shares, ["provider", "share", "ci_low", "ci_high", "target", "met"], "plot_on_time", lang)
    names = names or {}
    ax = get_axes(ax, figsize=_FIGSIZE)
    x = np.arange(len(shares))
    v = shares["share"].to_numpy(dtype=float)
    err = np.vstack([v - shares["ci_low"].to_numpy(dtype=float), shares["ci_high"].to_numpy(dtype=float) - v])
    ax.bar(x, v, yerr=err, capsize=3, color=["#2ca02c" if m else "#d62728" for m in shares["met"]])
    ax.axhline(float(shares["target"].iloc[0]), color="#333333", linestyle="--", linewidth=1)
    ax.set_xticks(x)
    ax.set_xticklabels([literal(names.get(p, p)) for p in shares["provider"]])
    ax.set_ylim(min(0.5, float(np.nanmin(v)) - 0.05), 1)
    ax.set_ylabel("按时率" if lang == "zh" else "On-time share")
    _title(ax, "on_time", lang, title)
    return ax


def plot_value_rings(task, meaning, value, *, ax=None, lang="zh", title=True, wrap=12):
    """Three concentric rings: task (任务) inside, meaning (意义), value (价值) outside,
    each with the team's own words.

    Examples
    --------
    >>> ax = isq.plot_value_rings("按时付款", "让业务安心", "公司信誉")
    >>> len(ax.patches)
    3
    """
    import textwrap

    from matplotlib.patches import Circle

    check_lang(lang)
    ax = get_axes(ax, figsize=(5.5, 5.5))
    rings = [(3.0, value, "价值" if lang == "zh" else "Value", "#d9ead3"),
             (2.0, meaning, "意义" if lang == "zh" else "Meaning", "#cfe2f3"),
             (1.0, task, "任务" if lang == "zh" else "Task", "#fce5cd")]
    for r, text, head, colour in rings:
        ax.add_patch(Circle((0, 0), r, facecolor=colour, edgecolor="#555555"))
    for r, text, head, _ in rings:
        y = 0 if r == 1.0 else r - 0.5
        body = "\n".join(textwrap.wrap(literal(text or "…"), wrap))
        ax.text(0, y, f"{head}\n{body}", ha="center", va="center", fontsize="small")
    ax.set_xlim(-3.2, 3.2)
    ax.set_ylim(-3.2, 3.2)
    ax.set_aspect("equal")
    ax.axis("off")
    _title(ax, "rings", lang, title)
    return ax


def plot_value_loop(loop, *, ax=None, lang="zh", title=True):
    """The links of :func:`isq.value_loop` on a circle: "+" / "−" on each arrow, the room's
    agreement as its width, R (reinforcing) or B (balancing) in the middle.

    Examples
    --------
    >>> ax = isq.plot_value_loop(isq.value_loop(isq.load_demo("value_loop")))
    >>> [t.get_text() for t in ax.texts][-1]
    'R'
    """
    _check(loop, ["source", "target", "sign", "agree"], "plot_value_loop", lang)
    ax = get_axes(ax, figsize=(6.5, 6.5))
    k = len(loop)
    angle = np.pi / 2 - 2 * np.pi * np.arange(k) / k
    pos = {n: (np.cos(a), np.sin(a)) for n, a in zip(loop["source"], angle)}
    for r in loop.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[r.source], pos[r.target]
        colour = "#2ca02c" if r.sign > 0 else "#d62728"
        ax.annotate("", xy=(x1 * 0.86, y1 * 0.86), xytext=(x0 * 0.86, y0 * 0.86),
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1 + 3 * r.agree,
                                "connectionstyle": "arc3,rad=-0.25", "shrinkA": 18, "shrinkB": 18})
        mx, my = (x0 + x1) / 2 * 1.08, (y0 + y1) / 2 * 1.08
        ax.text(mx, my, f"{'+' if r.sign > 0 else '−'} {r.agree:.0%}", color=colour, ha="center",
                va="center", fontsize="small")
    for n, (x, y) in pos.items():
        ax.text(x, y, literal(n), ha="center", va="center", fontsize="small",
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "#555555"})
    ax.text(0, 0, "R" if loop.attrs.get("polarity", "reinforcing") == "reinforcing" else "B",
            ha="center", va="center", fontsize=28, color="#1f4e79")
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    _title(ax, "loop", lang, title)
    return ax


def _wrapped(text, width):
    import textwrap

    text = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    return "\n".join(textwrap.wrap(literal(text) or "…", width))


def plot_empathy_triangle(values, *, ax=None, lang="zh", title=True, wrap=14):
    """The empathy triangle of a saved worksheet: situation, feelings and needs at the corners,
    our response in the middle. ``values``: the "empathy" worksheet's fields (a dict or Series).

    Examples
    --------
    >>> ax = isq.plot_empathy_triangle({"situation": "月底结账", "feelings": "着急", "needs": "确定的时间",
    ...                                 "response": "今天 17 点前给答复"})
    >>> len(ax.patches)
    1
    """
    from matplotlib.patches import Polygon

    check_lang(lang)
    v = dict(values)
    ax = get_axes(ax, figsize=(6.5, 5.8))
    corners = [(0, 1.0), (-0.95, -0.6), (0.95, -0.6)]
    ax.add_patch(Polygon(corners, closed=True, facecolor="#cfe2f3", edgecolor="#1f4e79", alpha=0.6))
    heads = (["处境", "感受", "需要", "我们的回应"] if lang == "zh" else ["Situation", "Feelings", "Needs", "Our response"])
    keys = ["situation", "feelings", "needs"]
    for (x, y), key, head, dy in zip(corners, keys, heads, (0.16, -0.18, -0.18)):
        ax.text(x, y + dy, f"{head}\n{_wrapped(v.get(key), wrap)}", ha="center", va="center", fontsize="small")
    ax.text(0, -0.05, f"{heads[3]}\n{_wrapped(v.get('response'), wrap)}", ha="center", va="center",
            fontsize="small", bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "#555555"})
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.1, 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    _title(ax, "empathy", lang, title)
    return ax


def plot_poa(purpose, outcome, actions=(), *, ax=None, lang="zh", title=True, wrap=16):
    """POA as three boxes left to right: purpose, outcome, and the list of actions.

    Examples
    --------
    >>> ax = isq.plot_poa("报销更快", "3 天到账", ["财务公示时限", "IT 上线查询"])
    >>> [t.get_text().split()[0] for t in ax.texts if t.get_text()]
    ['P', 'O', 'A']
    """
    check_lang(lang)
    heads = ["P 目标", "O 成果", "A 行动"] if lang == "zh" else ["P Purpose", "O Outcome", "A Actions"]
    acts = "\n".join(f"• {_wrapped(a, wrap)}" for a in list(actions)[:6]) or "…"
    ax = get_axes(ax, figsize=(9, 3.5))
    for i, (head, body) in enumerate(zip(heads, [_wrapped(purpose, wrap), _wrapped(outcome, wrap), acts])):
        ax.text(i * 1.1, 0.5, f"{head}\n\n{body}", ha="center", va="center", fontsize="small",
                bbox={"boxstyle": "round,pad=0.6", "facecolor": PALETTES["sequence"][i] + "33", "edgecolor": "#555555"})
        if i:
            ax.annotate("", xy=(i * 1.1 - 0.42, 0.5), xytext=(i * 1.1 - 0.68, 0.5),
                        arrowprops={"arrowstyle": "->", "color": "#333333"})
    ax.set_xlim(-0.55, 2.75)
    ax.set_ylim(0, 1)
    ax.axis("off")
    _title(ax, "poa", lang, title)
    return ax


# ------------------------------------------------------------------ awareness and culture (module 17)
_T.update({key: {"zh": zh, "en": en} for key, zh, en in (
    ("three_c", "3C 要素自评：关怀、合作、沟通", "3C self-check: care, concert, connect"),
    ("seven_elements", "成功执行内部服务的 7 个要素：各组自评", "Seven elements: the teams' ratings"),
    ("stress", "内部客户压力来源：各组评分", "Sources of pressure: the teams' ratings"),
    ("culture", "全员服务文化：建立要点做到几分", "Service culture: how far each point is built"),
    ("team_gang", "团队还是团伙：各组分对的比例", "Team or gang: share of teams sorting right"),
    ("readiness", "沟通前准备：清单与计划完成情况", "Before the conversation: checklist and plan"),
)})
_ITEM_EN = {"care": "Care", "concert": "Concert", "connect": "Connect"}


def plot_three_c(profile, *, ax=None, lang="zh", title=True):
    """The 3C self-check of :func:`isq.rating_profile` (worksheet "three_c") as a radar, one
    outline per team, 1–5 outward.

    Examples
    --------
    >>> ax = isq.plot_three_c(isq.rating_profile(isq.open_workshop().worksheets, "three_c"))
    >>> len(ax.lines)
    4
    """
    import matplotlib.pyplot as plt

    _check(profile, ["team", "item", "name", "score"], "plot_three_c", lang)
    ax = get_axes(ax, polar=True, figsize=(6, 6), chart="plot_three_c")
    items = list(dict.fromkeys(profile["item"]))
    names = profile.groupby("item")["name"].first()
    angles = (np.pi / 2 - 2 * np.pi * np.arange(len(items)) / len(items)) % (2 * np.pi)
    for i, (team, t) in enumerate(profile.groupby("team", sort=False)):
        v = t.set_index("item")["score"].reindex(items).to_numpy(dtype=float)
        colour = PALETTES["sequence"][i % len(PALETTES["sequence"])]
        ax.plot(np.r_[angles, angles[:1]], np.r_[v, v[:1]], color=colour, linewidth=2, label=literal(team))
        ax.fill(np.r_[angles, angles[:1]], np.r_[v, v[:1]], color=colour, alpha=0.08)
    ax.set_xticks(angles)
    ax.set_xticklabels([names[i] if lang == "zh" else _ITEM_EN.get(i, i) for i in items])
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1), fontsize="small")
    _title(ax, "three_c", lang, title)
    return ax


def plot_ratings(summary, *, profile=None, worksheet=None, ax=None, lang="zh", title=True):
    """A rated worksheet's :func:`isq.rating_summary` as horizontal bars (the mean over teams),
    each team's rating as a dot and the room's worst item in red (for "stress": the heaviest
    pressure). ``profile`` (:func:`isq.rating_profile`) adds the dots; ``votes`` are written
    next to the bars when the summary has them (culture: the point to build first).

    Examples
    --------
    >>> w = isq.open_workshop().worksheets
    >>> p = isq.rating_profile(w, "seven_elements")
    >>> ax = isq.plot_ratings(isq.rating_summary(p), profile=p)
    >>> len(ax.patches), ax.patches[1].get_facecolor()[:3] == (0.8392156862745098, 0.15294117647058825, 0.1568627450980392)
    (7, True)
    """
    from ..models.awareness import RATED_ITEMS

    _check(summary, ["item", "name", "mean", "worst"], "plot_ratings", lang)
    if worksheet is None:
        worksheet = next((k for k, v in RATED_ITEMS.items() if set(summary["item"]) <= set(v)), "seven_elements")
    ax = get_axes(ax, figsize=(8, 0.5 * len(summary) + 1.5))
    y = np.arange(len(summary))[::-1]
    ax.barh(y, summary["mean"], color=["#d62728" if w else "#1f77b4" for w in summary["worst"]], height=0.6)
    if profile is not None and len(profile):
        pos = dict(zip(summary["item"], y))
        for i, (team, t) in enumerate(profile.groupby("team", sort=False)):
            ax.scatter(t["score"], t["item"].map(pos) + (i - 1.5) * 0.08, s=18, zorder=3, color="#333333",
                       marker="o^sD"[i % 4], label=literal(team))
        ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if "votes" in summary:
        for yy, v in zip(y, summary["votes"]):
            if v:
                ax.text(5.05, yy, ("优先 " if lang == "zh" else "first ") + "●" * int(v), va="center",
                        fontsize="small", color="#e69f00")
    ax.set_yticks(y)
    ax.set_yticklabels([literal(n) if lang == "zh" else literal(i) for n, i in zip(summary["name"], summary["item"])])
    ax.set_xlim(0, 5.9 if "votes" in summary else 5.2)
    ax.set_xticks([1, 2, 3, 4, 5])
    _title(ax, worksheet if worksheet in _T else "seven_elements", lang, title)
    return ax


def plot_team_gang(sort, *, ax=None, lang="zh", title=True):
    """:func:`isq.team_gang_sort` as bars: the share of teams that sorted each statement right,
    most confused on top; green = a team's feature, grey = a gang's.

    Examples
    --------
    >>> ax = isq.plot_team_gang(isq.team_gang_sort(isq.open_workshop().worksheets))
    >>> len(ax.patches)
    10
    """
    _check(sort, ["statement", "truth", "share"], "plot_team_gang", lang)
    ax = get_axes(ax, figsize=(8, 5))
    y = np.arange(len(sort))[::-1]
    ax.barh(y, sort["share"].fillna(0), color=["#2ca02c" if t == "团队" else "#7f7f7f" for t in sort["truth"]],
            height=0.6)
    for yy, r in zip(y, sort.itertuples(index=False)):
        ax.text(min(r.share if r.share == r.share else 0, 1) + 0.01, yy, f"{r.right}/{r.teams}", va="center",
                fontsize="small")
    ax.set_yticks(y)
    ax.set_yticklabels([f"{literal(s)}（{t}）" if lang == "zh" else f"{literal(s)} ({'team' if t == '团队' else 'gang'})"
                        for s, t in zip(sort["statement"], sort["truth"])])
    ax.set_xlim(0, 1.12)
    ax.axvline(1, color="#333333", linewidth=0.8, linestyle=":")
    _title(ax, "team_gang", lang, title)
    return ax


def plot_communication_readiness(readiness, *, ax=None, lang="zh", title=True):
    """:func:`isq.communication_readiness` per team: checklist items ready (green) and not
    yet (orange) stacked, the plan's filled fields written at the end.

    Examples
    --------
    >>> ax = isq.plot_communication_readiness(isq.communication_readiness(isq.open_workshop().worksheets))
    >>> len(ax.patches)
    4
    """
    _check(readiness, ["team", "ready", "open", "plan_filled", "plan_fields"], "plot_communication_readiness", lang)
    ax = get_axes(ax, figsize=(8, 0.8 * len(readiness) + 1.5))
    y = np.arange(len(readiness))[::-1]
    ready, open_ = readiness["ready"].to_numpy(), readiness["open"].to_numpy()
    ax.barh(y, ready, color="#2ca02c", height=0.6, label="已准备" if lang == "zh" else "ready")
    ax.barh(y, open_, left=ready, color="#e69f00", height=0.6, label="未准备" if lang == "zh" else "not yet")
    for yy, r in zip(y, readiness.itertuples(index=False)):
        plan = f"计划 {r.plan_filled}/{r.plan_fields} 项" if lang == "zh" else f"plan {r.plan_filled}/{r.plan_fields}"
        ax.text(r.ready + r.open + 0.1, yy, plan, va="center", fontsize="small")
    ax.set_yticks(y)
    ax.set_yticklabels([literal(t) for t in readiness["team"]])
    ax.set_xlim(0, max(1, int((ready + open_).max()) if len(readiness) else 1) + 2)
    ax.set_xlabel("准备清单事项" if lang == "zh" else "Checklist items")
    ax.legend(fontsize="small", loc="lower right")
    _title(ax, "readiness", lang, title)
    return ax
