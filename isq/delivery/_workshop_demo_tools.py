"""Demo-room content for the tools chapter of the booklet (十、内部工序、五星沟通与整改跟踪).

Adds to the demo workshop folder written by :mod:`isq.delivery._workshop_demo` the three
worksheets of modules 13–15 for the four demo teams: a process map (from the demo table
"process_steps"), a five-star self-check of one message and an execution follow-up table.
Deterministic: the same files on every run.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["add_tool_worksheets"]

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
    return root
