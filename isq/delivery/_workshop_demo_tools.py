"""Demo-room content for the tools chapter of the booklet (十、内部工序、五星沟通与整改跟踪)
and the awareness chapter (十一、服务意识与文化).

Adds to the demo workshop folder written by :mod:`isq.delivery._workshop_demo` the three
worksheets of modules 13–15 for the four demo teams: a process map (from the demo table
"process_steps"), a five-star self-check of one message and an execution follow-up table;
and the five awareness worksheets of module 17 (3C self-check, team or gang, the seven
elements, sources of pressure, service culture) with planted truths: the room rates 沟通 its
weakest C, 相互信任 the weakest element (three teams), 跨部门推诿与等待 the heaviest pressure,
服务故事传播 the least built culture point, and half the teams put 沉闷死板的工作氛围 under 团队.
Deterministic: the same files on every run.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["add_tool_worksheets", "add_awareness_worksheets"]

_SAVED = "2026-11-22T16:45:00"
_STAGE_ZH = {"told_not_heard": "说了不听", "heard_not_done": "听了不做", "done_wrong": "做了又错",
             "not_admitted": "错了不认", "admitted_not_changed": "认了不改",
             "changed_wrong_again": "改了又错", "done": "已落实"}
_MESSAGES = {  # team -> (message, scores on topic, logic, wording, emotion, interest, rewrite)
    "第1组": ("系统今晚 22 点升级，请各部门提前保存文件。", (5, 4, 3, 2, 3),
             "各位同事辛苦了：为了明早系统更快更稳，今晚 22:00–23:00 升级，请提前保存文件；有急事请拨 8001。"),
    "第2组": ("报销单不合格，已退回，自己看附件。", (3, 2, 1, 1, 2),
             "您好，这张报销单缺少发票原件，补齐后当天即可审核，附件标出了需要补的两处。"),
    "第3组": ("新员工入职材料周五前交齐。", (4, 3, 3, 3, 2),
             "为了新同事周一就能拿到电脑和账号，请在周五 17:00 前把入职材料交到 HR，有问题找小王。"),
    "第4组": ("采购交期改不了，请理解。", (3, 2, 2, 3, 4),
             "我们和供应商谈了两次，交期最早能提前到 15 日；如果再急，可以分两批到货，您看哪种更合适？"),
}


#: team -> ratings in the order of :data:`isq.models.awareness.RATED_ITEMS` (1-5), and the free text
_RATINGS = {
    "three_c": {"第1组": (4, 4, 2), "第2组": (2, 3, 3), "第3组": (4, 2, 3), "第4组": (3, 4, 2)},
    "seven_elements": {"第1组": (4, 2, 4, 3, 3, 3, 3), "第2组": (3, 2, 4, 3, 3, 3, 4),
                       "第3组": (4, 3, 3, 4, 3, 2, 4), "第4组": (3, 2, 3, 3, 4, 3, 3)},
    "stress": {"第1组": (5, 4, 4, 2, 3, 2, 2), "第2组": (3, 4, 5, 2, 2, 3, 2),
               "第3组": (3, 4, 2, 3, 4, 2, 3), "第4组": (4, 5, 3, 3, 3, 2, 2)},
    "culture": {"第1组": (3, 3, 4, 3, 2, 3, 1, 3), "第2组": (2, 3, 4, 3, 3, 3, 1, 2),
                "第3组": (3, 2, 3, 3, 3, 4, 3, 3), "第4组": (3, 3, 4, 2, 2, 3, 2, 1)},
}
_TEXTS = {
    "three_c": {"第1组": {"example": "夜班故障时主动打电话告诉车间预计恢复时间。"},
                "第2组": {"example": "退单时一次列清所有问题，少让同事跑腿。"},
                "第3组": {"example": "新员工入职前一天发欢迎信和第一周安排。"},
                "第4组": {"example": "缺货时先给出两个替代方案再说明原因。"}},
    "seven_elements": {"第1组": {"next_step": "每月和生产部一起复盘超时工单，把原因摆在桌面上。"},
                       "第2组": {"next_step": "退单理由公开，先从“不怀疑对方故意填错”开始。"},
                       "第3组": {"next_step": "入职流程每季度和用人部门一起改一次。"},
                       "第4组": {"next_step": "交期变化第一时间告诉申请人，不等对方来问。"}},
    "stress": {"第1组": {"methods": "故障高峰轮班；复盘只谈事不谈人。", "support": "夜班人员的心理热线。"},
               "第2组": {"methods": "被投诉后先暂停十分钟再回复。", "support": "处理冲突与投诉的辅导。"},
               "第3组": {"methods": "每周一次小组交流会。", "support": "变化期的沟通辅导。"},
               "第4组": {"methods": "把催单集中到固定时段处理。", "support": "保密的个人咨询。"}},
    "culture": {"第1组": {"priority": "激励与认可", "story": "王工连夜恢复车间网络，第二天车间主任送来感谢信。"},
                "第2组": {"priority": "领导示范", "story": "财务总监亲自到销售部讲一页纸报销指南。"},
                "第3组": {"priority": "全员参与", "story": "入职一站式由四个部门一起设计。"},
                "第4组": {"priority": "激励与认可", "story": ""}},
}
#: team -> the statements of 团队与团伙 the team put on the wrong side
_MISSORTED = {"第2组": ("s09",), "第3组": ("s09",), "第4组": ("s07",)}


def add_awareness_worksheets(root):
    """Write the five awareness worksheets of module 17 for the demo teams into ``root``."""
    from ..models.awareness import RATED_ITEMS, TEAM_GANG
    from ._workshop_demo import DEMO_TEAMS
    from .workshop import save_worksheet

    root = Path(root)
    for team in DEMO_TEAMS:
        for sheet, by_team in _RATINGS.items():
            values = {k: str(v) for k, v in zip(RATED_ITEMS[sheet], by_team[team])}
            values.update({k: v for k, v in _TEXTS[sheet][team].items() if v})
            save_worksheet(root, sheet, team, values, saved=_SAVED)
        flip = {"团队": "团伙", "团伙": "团队"}
        save_worksheet(root, "team_gang", team,
                       {k: flip[side] if k in _MISSORTED.get(team, ()) else side
                        for k, (_, side) in TEAM_GANG.items()}, saved=_SAVED)
    return root


def add_tool_worksheets(root):
    """Write the three tool worksheets for the demo teams into ``root``; return ``root``."""
    from ..data.demo import load_demo
    from ._workshop_demo import DEMO_TEAMS
    from .workshop import save_worksheet

    root = Path(root)
    steps = load_demo("process_steps")
    per_step = steps.groupby(["step_order", "step", "provider", "internal_customer"], sort=True)["score"].mean()
    follow = load_demo("execution_followup")
    halls = sorted(follow["hall"].unique())
    for i, team in enumerate(DEMO_TEAMS):
        rows = [{"step": s, "provider": p, "internal_customer": c, "score": f"{round(v):+d}".replace("+0", "0"),
                 "pain": "等待时间长" if v < 0 else "", "delight": "一次办好" if v >= 1 else ""}
                for (_, s, p, c), v in per_step.items()]
        save_worksheet(root, "process_map", team, {"process": "采购到付款", "steps": rows}, saved=_SAVED)
        msg, scores, rewrite = _MESSAGES[team]
        values = {"message": msg, "rewrite": rewrite,
                  **{k: str(v) for k, v in zip(("topic", "logic", "wording", "emotion", "interest"), scores)}}
        save_worksheet(root, "five_star", team, values, saved=_SAVED)
        hall = halls[i % len(halls)]
        acts = follow[follow["hall"] == hall]
        save_worksheet(root, "execution_followup", team, {
            "hall": hall,
            "actions": [{"action": f"整改项 {a}", "owner": f"{team}负责人", "stage": _STAGE_ZH[s]}
                        for a, s in zip(acts["action"], acts["stage"])]}, saved=_SAVED)
    return add_awareness_worksheets(root)
