"""Checks of module 13 服务承诺与内部工序 (commitments, on-time p chart, process map)."""

from . import exercise, fail, ok
from ._tools_common import number_answer, set_answer, text_answer


@exercise("13.1")
def _it_month(answer):
    """The month IT's on-time share is out of control on the p chart (demo: 2025-03)."""
    from ...data.demo import load_demo
    from ...models.commitments import on_time_chart

    c = on_time_chart(load_demo("commitment_tracking"), "IT")
    right = c.loc[c["out_of_control"], "month"].tolist()[0]
    bad = text_answer(answer, right, hint="在控制图表里找 out_of_control 为 True 的月份，格式如 \"2025-01\"。")
    return bad if bad is not None else ok(f"正确！{right} 系统迁移，按时率跌出控制下限：这是特殊原因，要单独追查，而不是调整承诺。")


@exercise("13.2")
def _adm_share(answer):
    """Administration's on-time share in 2025 (demo about 0.72)."""
    from ...data.demo import load_demo
    from ...models.commitments import on_time_share

    s = on_time_share(load_demo("commitment_tracking")).set_index("provider")
    right = float(s.loc["ADM", "share"])
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and 1 < answer <= 100:
        return fail("请写成 0–1 之间的比例，例如 0.85，而不是百分数。", "share 列就是比例。")
    bad = number_answer(answer, right, tol=0.006, hint="看 on_time_share 结果中 ADM 那一行的 share。")
    return bad if bad is not None else ok(f"正确！{right:.2f}：承诺“当日办结”，四分之一以上的需求没有按时办完——这就是差距 4。")


@exercise("13.3")
def _weakest(answer):
    """The two weakest hand-offs of the purchase-to-pay process map."""
    from ...data.demo import load_demo
    from ...models.tools import process_handoffs

    h = process_handoffs(load_demo("process_steps"))
    right = set(h.loc[h["weakest"], "step"])
    bad = set_answer(answer, right, hint="看 weakest 为 True 的两个步骤（评分最低的两次交接）。")
    return bad if bad is not None else ok("正确！询价比价和发票校验是采购到付款流程中最痛的两次交接，先从这里“订货”改起。")


@exercise("13.4")
def _loop_polarity(answer):
    """The service value chain loop is reinforcing (R): it spins up or down."""
    from ...data.demo import load_demo
    from ...models.tools import value_loop

    right = value_loop(load_demo("value_loop")).attrs["polarity"]
    ok_words = {"reinforcing": {"r", "增强", "增强回路", "正反馈", "reinforcing"},
                "balancing": {"b", "调节", "调节回路", "负反馈", "balancing"}}
    if not isinstance(answer, str):
        return fail("请填写文字：\"R\" 或 \"B\"。", "六条连线都是“+”时，回路是增强的。")
    if answer.strip().lower() in ok_words[right]:
        return ok("正确！增强回路：内部服务好，会一路传到经营结果再回到投入，越转越好；"
                  "任何一环变差，同一个回路就变成恶性循环。")
    return fail("不对。", "数一数“−”的个数：偶数个（包括 0 个）就是增强回路 R。")
