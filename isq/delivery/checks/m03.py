"""Checks of module 03 服务质量五度 (SERVQUAL).

Each check takes what the notebook computed from its own data and parameters (``servqual``
= the responses of the chosen wave, ``gaps`` = ``servqual_gaps(..., level="dimension")``,
``zone`` = ``servqual_zone(...)``); without them it recomputes on the demo company, pre wave.
"""

from ...labels import DIMENSIONS, label
from . import close, exercise, fail, ok
from .parse import Choice, Number

_DIMS = {"有形性": "tangibles", "可靠性": "reliability", "响应性": "responsiveness",
         "保证性": "assurance", "移情性": "empathy"}
_DIMENSION = Choice({d: label(d, "zh") for d in DIMENSIONS}, aliases={d: (label(d, "en"),) for d in DIMENSIONS})
_POSITIONS = {"below": "低于容忍区", "within": "容忍区内", "above": "高于容忍区"}


def _demo_pre():
    from ...data.demo import load_demo

    sq = load_demo("servqual")
    return sq[sq["wave"] == "pre"]


def _dimension_row(servqual, provider, dimension):
    from ...models.servqual import servqual_gaps

    sq = _demo_pre() if servqual is None else servqual
    g = servqual_gaps(sq[sq["provider"] == provider], level="dimension")
    return g.set_index("dimension").loc[dimension]


@exercise("3.1", answer=Number())
def _gap(answer, servqual=None, provider="IT", dimension="responsiveness"):
    """``provider``'s gap on ``dimension`` by hand from its means: perception − expectation (demo −1.87)."""
    row = _dimension_row(servqual, provider, dimension)
    gap = float(row["gap"])
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "差距 = 感知均值 − 期望均值。")
    if gap != gap:  # NaN: suppressed
        return fail(f"{provider} 的样本不足 5 人，差距不予显示，这道题无法作答。", "换一个服务部门。")
    if close(answer, gap, tol=0.02):
        return ok(f"正确！{row['perception_mean']:.2f} − {row['expectation_mean']:.2f} = {gap:.2f}："
                  + ("负数表示服务没有达到期望。" if gap < 0 else "正数表示服务超出了期望。"))
    if close(answer, -gap, tol=0.02):
        return fail("符号反了：差距 = 感知 − 期望，感知低于期望时差距为负。",
                    "用感知均值减去期望均值，而不是反过来。")
    if close(answer, row["perception_mean"], tol=0.02) or close(answer, row["expectation_mean"], tol=0.02):
        return fail("这是一个均值，不是差距。", "差距 = 感知均值 − 期望均值。")
    return fail(f"{answer} 不对。", f"从表中取 {provider} {label(dimension, 'zh')}那一行：perception_mean − expectation_mean。")


@exercise("3.2", answer=_DIMENSION)
def _shortboard(answer, gaps=None):
    """The shortboard: the dimension with the most negative gap in ``gaps`` (demo pre wave: responsiveness)."""
    if gaps is None:
        from ...models.servqual import servqual_gaps

        gaps = servqual_gaps(_demo_pre(), level="dimension")
    g = gaps.dropna(subset=["gap"]).set_index("dimension")
    if g.empty:
        return fail("样本不足 5 人，差距不予显示，这道题无法作答。", "换一批或更大的数据。")
    right = g["gap"].idxmin()
    a = _DIMS.get(str(answer).strip(), str(answer).strip().lower())
    name = label(right, "zh")
    if a == right:
        return ok(f"正确！{name}的差距 {g.loc[right, 'gap']:.2f} 最负，是短板：木桶能装多少水由最短的板决定。")
    if a not in g.index:
        return fail(f"没有认出 {answer!r} 这个维度。", "填写维度名，例如 \"reliability\" 或 \"可靠性\"。")
    if a == g["expectation_mean"].idxmax():
        return fail(f"{label(a, 'zh')}的期望最高，但短板看的是差距（感知 − 期望）最负的维度，不是期望最高的维度。",
                    "看 gap 列，找最小（最负）的那个。")
    if a == g["gap"].idxmax():
        return fail(f"{label(a, 'zh')}的差距 {g.loc[a, 'gap']:.2f} 最接近 0（或为正），反而是做得最好的一块板。",
                    "短板 = 差距最负的维度；看 gap 列的最小值。")
    if a == g["perception_mean"].idxmin() and a != right:
        return fail(f"{label(a, 'zh')}的感知最低，但短板看的是差距（感知 − 期望），不只是感知。",
                    "看 gap 列，找最小（最负）的那个。")
    return fail(f"{label(a, 'zh')}的差距是 {g.loc[a, 'gap']:.2f}，不是最负的。", "看 gap 列，找最小（最负）的那个。")


@exercise("3.3", answer=Choice(_POSITIONS, aliases={"below": ("低于",), "within": ("区内", "之内"), "above": ("高于",)}))
def _zone(answer, zone=None, dimension="responsiveness"):
    """Position of ``dimension`` against the zone of tolerance in ``zone`` (demo IT, pre wave: below)."""
    if zone is None:
        from ...models.servqual import servqual_zone

        sq = _demo_pre()
        zone = servqual_zone(sq[sq["provider"] == "IT"], by="provider")
    row = zone.set_index("dimension").loc[dimension]
    if isinstance(row, type(zone)):
        row = row.iloc[0]
    a = str(answer).strip().lower()
    a = {v: k for k, v in _POSITIONS.items()}.get(str(answer).strip(), a)
    right = row["position"]
    if right != right or row["msa"] != row["msa"]:
        return fail("样本不足 5 人，容忍区不予显示，这道题无法作答。", "换一个服务部门。")
    where = f"MSA = {row['msa']:+.2f}，MSS = {row['mss']:+.2f}"
    if a not in _POSITIONS:
        return fail(f"没有认出 {answer!r}。", "填写 \"below\"、\"within\" 或 \"above\"。")
    if a == right:
        reading = {"below": "连“合格水平”都没有达到（MSA < 0）：客户已经不再容忍。",
                   "within": "高于合格水平（MSA ≥ 0），但还没到理想水平（MSS ≤ 0）：客户还忍得了。",
                   "above": "超过了理想水平（MSS > 0）：超出期望。"}[right]
        return ok(f"正确！{where}：{label(dimension, 'zh')}{reading}")
    if a == "within" and right == "below":
        return fail(f"{where}。MSS 为负只说明没达到理想水平；要看 MSA（感知 − 合格水平）是否也为负。",
                    "MSA < 0 表示低于容忍区。")
    if a == "above":
        return fail(f"{where}。高于容忍区要求感知超过理想水平（MSS > 0）。", "先看 MSA 的符号，再看 MSS 的符号。")
    if a == "below":
        return fail(f"{where}。低于容忍区要求感知低于合格水平（MSA < 0）。", "先看 MSA 的符号。")
    return fail(f"{where}。MSS > 0 表示感知已经超过理想水平：高于容忍区。", "先看 MSS 的符号。")
