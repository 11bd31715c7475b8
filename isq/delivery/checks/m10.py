"""Checks of module 10 冲突管理 (Thomas-Kilmann modes on assertiveness × cooperativeness)."""

from __future__ import annotations

from ...labels import label
from . import exercise, fail, ok
from ._tools_common import labelled_choice, labelled_code

MODES = ("competing", "collaborating", "compromising", "avoiding", "accommodating")

# (assertiveness, cooperativeness) of each mode: "high", "low" or "mid".
_AXES = {"competing": ("high", "low"), "collaborating": ("high", "high"), "compromising": ("mid", "mid"),
         "avoiding": ("low", "low"), "accommodating": ("low", "high")}
_ZH_AXIS = {"high": "高", "low": "低", "mid": "中等"}
_MODE = labelled_choice(MODES)


def _describe(m):
    a, c = _AXES[m]
    return f"{label(m, 'zh')}（{m}）= 自我主张{_ZH_AXIS[a]}、合作性{_ZH_AXIS[c]}"


def _judge(answer, right, praise, traps, otherwise):
    """A mode named in zh, en or as a code, against ``right``; ``traps``: mode -> (message, hint),
    ``{describe}`` in a message is the chosen mode on the two axes; ``otherwise``: the hint for
    any other wrong mode."""
    m = labelled_code(answer, MODES)
    if m is None:
        names = "、".join(f"{label(x, 'zh')}（{x}）" for x in MODES)
        return fail(f"“{answer}”不是冲突处理模式的名称。", f"可选：{names}。")
    if m == right:
        return ok(praise)
    message, hint = traps.get(m, ("不对：{describe}。", otherwise))
    return fail(message.format(describe=_describe(m)), hint)


@exercise("10.1", answer=_MODE)
def _high_a_low_c(answer):
    """Which mode is the described behaviour (high assertiveness, low cooperativeness)?"""
    return _judge(answer, "competing", "正确！竞争：只顾实现自己的目标（自我主张高），不太顾及对方（合作性低）。",
                  {"accommodating": ("两条轴弄反了：{describe}。", "纵轴是自我主张（坚持己见），横轴是合作性（满足对方）。")},
                  "找地图左上角：自我主张高、合作性低。")


#: Exercise 10.2: a described behaviour and its mode.
BEHAVIOUR = ("采购部和销售部争论交货期。采购部经理说：“这样吧，你们把紧急订单砍掉一半，我们把交付提前一周，"
             "各让一步，这事就定了。”")


@exercise("10.2", answer=_MODE)
def _place(answer):
    """Place the described behaviour on the map (a mode)."""
    return _judge(
        answer, "compromising",
        "正确！妥协：双方各让一步，各自只部分满足——位于地图中心。适合时间紧、双方势均力敌的时候；重要问题值得再往“合作”推一步。",
        {"collaborating": ("合作要找到让双方都完全满意的方案（把各自的顾虑摆上桌面）；这里双方各让一步、各自只满足一半。",
                           "“各让一步、折中”是地图中心的模式。"),
         "accommodating": ("迁就是只满足对方、放弃自己的要求；这里采购部也提出了自己的条件。", "双方都让了一半。")},
        "经理既提了自己的条件，也照顾了对方的一半需要：自我主张和合作性都是中等。")
