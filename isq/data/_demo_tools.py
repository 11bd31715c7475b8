"""Small hand-written demo tables for the course's room tools (no randomness).

- ``process_steps``: the purchase-to-pay process of 示例集团 mapped by a team: each step,
  the department doing it (``provider``) and its internal customer (the next step's owner,
  让内部客户来"订货"), with the customer's rating of the hand-off (−3 … +3) from 5 raters.
- ``hall_checks``: the service-hall diagnostic checklist (服务厅"七大怪" and the process /
  execution causes of the 2-day course) ticked for three halls (0 absent, 1 some, 2 marked).
- ``execution_followup``: rectification actions after a patrol and the stage each one is
  stuck at (说了不听 → 听了不做 → 做了又错 → 错了不认 → 认了不改 → 改了又错, or 已落实).
- ``five_star``: three written cross-department messages self-checked on the five-star
  points (主题明确、逻辑清晰、语言包装、理解情绪、关注利益), 1–5.
- ``logical_levels``: four teams rate their unit on the six logical levels (1–5).
- ``value_loop``: four teams mark each link of the service value chain (服务价值链) as
  "+" (more leads to more) or "−" (more leads to less); 第4组 disagrees on one link.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["tool_tables", "TOOL_TABLES"]

TOOL_TABLES = ("process_steps", "hall_checks", "execution_followup", "five_star", "logical_levels", "value_loop")

_P2P = [  # step_order, step, provider, internal_customer, ratings by 5 customers
    (1, "提出采购需求", "PRD", "PUR", [1, 2, 1, 0, 1]),
    (2, "询价比价", "PUR", "PRD", [-1, -2, -1, -2, -1]),
    (3, "合同审核", "LEG", "PUR", [0, 1, 0, 0, -1]),
    (4, "下单与跟单", "PUR", "PRD", [1, 0, 1, 1, 2]),
    (5, "收货验收", "PRD", "FIN", [0, -1, 0, 1, 0]),
    (6, "发票校验", "FIN", "PUR", [-2, -3, -2, -2, -1]),
    (7, "付款", "FIN", "SAL", [2, 1, 2, 2, 1]),
]

_HALL_ITEMS = [  # item, group, text
    ("H01", "oddity", "服务说起来重要，做起来次要，忙起来不要"),
    ("H02", "oddity", "帮助竞争对手打工"),
    ("H03", "oddity", "培养“刁民”来折磨自己"),
    ("H04", "oddity", "支出了人力、物力、财力，但费力不讨好"),
    ("H05", "oddity", "重复犯低级错误"),
    ("H06", "oddity", "没确诊就开刀"),
    ("H07", "oddity", "超级模仿秀"),
    ("H08", "process", "合适的人没有放在合适的位置"),
    ("H09", "process", "服务流程设计背离客户导向"),
    ("H10", "process", "部门间协作与支撑不足"),
    ("H11", "execution", "服务标准执行：做了 ≠ 做好"),
    ("H12", "execution", "服务语言：技术语言多于服务语言"),
    ("H13", "execution", "服务心态：薪甘情愿而非心甘情愿"),
]
_HALL_MARKS = {  # hall -> mark per item H01..H13
    "一号厅": [2, 0, 1, 1, 2, 1, 0, 1, 1, 2, 2, 1, 1],
    "二号厅": [1, 0, 0, 2, 1, 2, 1, 0, 2, 1, 1, 2, 0],
    "三号厅": [0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0],
}

_FOLLOWUP = [  # action, hall, stage
    ("A01", "一号厅", "done"), ("A02", "一号厅", "heard_not_done"), ("A03", "一号厅", "done_wrong"),
    ("A04", "一号厅", "done"), ("A05", "二号厅", "told_not_heard"), ("A06", "二号厅", "heard_not_done"),
    ("A07", "二号厅", "heard_not_done"), ("A08", "二号厅", "done"), ("A09", "二号厅", "admitted_not_changed"),
    ("A10", "三号厅", "done"), ("A11", "三号厅", "done"), ("A12", "三号厅", "done_wrong"),
    ("A13", "三号厅", "not_admitted"), ("A14", "三号厅", "done"), ("A15", "一号厅", "heard_not_done"),
    ("A16", "二号厅", "changed_wrong_again"),
]

_MESSAGES = {  # message -> scores on topic, logic, wording, emotion, interest
    "M1 催报销审批": [5, 4, 2, 2, 3],
    "M2 申请 IT 加急": [4, 4, 4, 3, 4],
    "M3 请采购改交期": [3, 2, 3, 4, 5],
}
FIVE_STAR_POINTS = ["topic", "logic", "wording", "emotion", "interest"]

_LEVELS = ["environment", "behaviour", "capability", "beliefs", "identity", "vision"]
_LEVEL_SCORES = {  # team -> six levels, 1-5
    "第1组": [4, 3, 3, 2, 2, 3], "第2组": [4, 4, 4, 4, 3, 3],
    "第3组": [3, 3, 2, 3, 4, 4], "第4组": [5, 3, 3, 2, 2, 2],
}


_LOOP = ["内部服务质量", "员工满意", "员工效率与保留", "外部服务价值", "客户满意", "经营结果"]
_LOOP_DISSENT = {("第4组", "员工满意"): -1}  # "satisfied staff relax": the room discusses it


def tool_tables():
    """The five tables, name -> DataFrame (fresh copies)."""
    steps = pd.DataFrame([
        {"process": "采购到付款", "step_order": o, "step": s, "provider": p, "internal_customer": c,
         "rater": f"C{i + 1}", "score": v}
        for o, s, p, c, scores in _P2P for i, v in enumerate(scores)
    ])
    hall = pd.DataFrame([
        {"hall": h, "item": it, "group": g, "text": t, "mark": m}
        for h, marks in _HALL_MARKS.items() for (it, g, t), m in zip(_HALL_ITEMS, marks)
    ])
    follow = pd.DataFrame(_FOLLOWUP, columns=["action", "hall", "stage"])
    five = pd.DataFrame([
        {"message": m, "point": p, "score": v}
        for m, scores in _MESSAGES.items() for p, v in zip(FIVE_STAR_POINTS, scores)
    ])
    levels = pd.DataFrame([
        {"team": t, "level": lv, "score": v}
        for t, scores in _LEVEL_SCORES.items() for lv, v in zip(_LEVELS, scores)
    ])
    loop = pd.DataFrame([
        {"team": t, "source": a, "target": b, "sign": _LOOP_DISSENT.get((t, a), 1)}
        for t in _LEVEL_SCORES for a, b in zip(_LOOP, _LOOP[1:] + _LOOP[:1])
    ])
    return {"process_steps": steps, "hall_checks": hall, "execution_followup": follow,
            "five_star": five, "logical_levels": levels, "value_loop": loop}
