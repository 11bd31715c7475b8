"""Checks of module 13 服务承诺与内部工序 (commitments, on-time p chart, process map).

Each check takes what the notebook computed (``chart`` = ``on_time_chart(...)``, ``shares`` =
``on_time_share(...)``, ``steps`` = ``process_handoffs(...)``, ``loop`` = ``value_loop(...)``);
without them it recomputes on the demo company.
"""

import re

from . import exercise, fail, ok
from ._tools_common import number_answer, set_answer, text_answer
from .parse import AnswerFormatError, Choice, Items, Number, Spec, normalize


class Month(Spec):
    """A month typed as ``2025-03``, ``２０２５－０３``, ``2025年3月``, ``2025.3`` or ``2025/03``: ``"2025-03"``."""

    placeholder = "年-月，例如 2025-01"

    def parse(self, text):
        s = normalize(text)
        m = re.fullmatch(r"(\d{4})\s*(?:[-./年]|\s)\s*(\d{1,2})\s*月?(?:份)?", s)
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise AnswerFormatError(f"「{s}」不是一个月份。请按“年-月”填写，例如 2025-01 或 2025年1月。")
        return f"{m.group(1)}-{int(m.group(2)):02d}"


_LOOP = Choice({"R": "增强回路（R）", "B": "调节回路（B）"},
               aliases={"R": ("reinforcing", "增强", "增强回路", "正反馈", "正反馈回路", "良性循环", "恶性循环"),
                        "B": ("balancing", "调节", "调节回路", "平衡", "平衡回路", "负反馈", "负反馈回路")})


@exercise("13.1", answer=Month())
def _it_month(answer, chart=None):
    """The month the on-time share in ``chart`` is out of control (demo IT: 2025-03)."""
    if chart is None:
        from ...data.demo import load_demo
        from ...models.commitments import on_time_chart

        chart = on_time_chart(load_demo("commitment_tracking"), "IT")
    out = chart.loc[chart["out_of_control"], "month"].astype(str).tolist()
    if not out:
        return fail("这张控制图上没有失控的月份，这道题无法作答。", "换一个服务部门。")
    hint = "在控制图表里找 out_of_control 为 True 的月份，格式如 \"2025-01\"。"
    if isinstance(answer, str) and answer.strip() in out:
        return ok(f"正确！{answer.strip()} 按时率跌出控制界限：这是特殊原因（例如系统迁移），要单独追查，而不是调整承诺。")
    bad = text_answer(answer, out[0], hint=hint)
    return bad if bad is not None else ok(f"正确！{out[0]} 按时率跌出控制界限：这是特殊原因，要单独追查。")


@exercise("13.2", answer=Number())
def _adm_share(answer, shares=None, provider="ADM"):
    """``provider``'s on-time share in ``shares`` (``on_time_share``; demo ADM about 0.72)."""
    if shares is None:
        from ...data.demo import load_demo
        from ...models.commitments import on_time_share

        shares = on_time_share(load_demo("commitment_tracking"))
    right = float(shares.set_index("provider").loc[provider, "share"])
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and 1 < answer <= 100:
        return fail("请写成 0–1 之间的比例，例如 0.85，而不是百分数（或写成 85%）。", "share 列就是比例。")
    bad = number_answer(answer, right, tol=0.006, hint=f"看 on_time_share 结果中 {provider} 那一行的 share。")
    return bad if bad is not None else ok(
        f"正确！{right:.2f}：承诺“当日办结”，{1 - right:.0%} 的需求没有按时办完——这就是差距 4。")


@exercise("13.3", answer=Items())
def _weakest(answer, steps=None):
    """The weakest hand-offs of the process map ``steps`` (``process_handoffs``; demo 询价比价, 发票校验)."""
    if steps is None:
        from ...data.demo import load_demo
        from ...models.tools import process_handoffs

        steps = process_handoffs(load_demo("process_steps"))
    names = steps.loc[steps["weakest"], "step"].astype(str).tolist()
    right = set(names)
    bad = set_answer(answer, right, hint=f"看 weakest 为 True 的 {len(right)} 个步骤（评分最低的交接）。")
    return bad if bad is not None else ok(
        f"正确！{'和'.join(names)}是这条流程中最痛的交接，先从这里“订货”改起。")


@exercise("13.4", answer=_LOOP)
def _loop_polarity(answer, loop=None):
    """The polarity of the service value chain loop (``value_loop``; demo reinforcing, R)."""
    if loop is None:
        from ...data.demo import load_demo
        from ...models.tools import value_loop

        loop = value_loop(load_demo("value_loop"))
    right = loop.attrs["polarity"]
    ok_words = {"reinforcing": {"r", "增强", "增强回路", "正反馈", "reinforcing"},
                "balancing": {"b", "调节", "调节回路", "负反馈", "balancing"}}
    if not isinstance(answer, str):
        return fail("请填写文字：R（增强回路）或 B（调节回路）。", "六条连线都是“+”时，回路是增强的。")
    if answer.strip().lower() in ok_words[right]:
        if right == "balancing":
            return ok("正确！调节回路：有一条连线是“−”，回路会把变化拉回来，而不是越转越大。")
        return ok("正确！增强回路：内部服务好，会一路传到经营结果再回到投入，越转越好；"
                  "任何一环变差，同一个回路就变成恶性循环。")
    if answer.strip().lower() not in ok_words["reinforcing"] | ok_words["balancing"]:
        return fail(f"没有认出“{answer}”。", "填写 R（增强回路）或 B（调节回路）。")
    return fail("不对。", "数一数“−”的个数：偶数个（包括 0 个）就是增强回路 R，奇数个是调节回路 B。")
