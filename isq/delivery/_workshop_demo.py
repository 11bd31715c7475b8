"""The demo company's filled-in workshop folder (data/workshop/), built deterministically.

:func:`write_demo_workshop` (``isq demo``) writes it through the workshop API of
:mod:`isq.delivery.workshop`; every file is byte-stable so the committed folder only changes
when this code does. Imports go one way: this module uses ``workshop``, never the reverse.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .._io import atomic_write_text
from .workshop import _WORKSHOP_YAML_HEAD, DEFAULT_TEAMS, _yaml_dump, save_worksheet

__all__ = ["write_demo_workshop", "build_demo_workshop", "DEMO_TEAMS"]

#: Team name -> the department the team belongs to (and analyses in its exercises); the
#: names are the course's default team names (:data:`isq.delivery.workshop.DEFAULT_TEAMS`).
DEMO_TEAMS = dict(zip(DEFAULT_TEAMS, ("IT", "FIN", "HR", "PUR")))
_SAVED = "2026-11-22T16:30:00"
_SEED = 20261122

_WORKSHEETS = {
    "abcde": {
        "第1组": dict(partner="生产部 车间主任", activating_event="系统故障报修后，车间主任在群里说“IT 永远慢半拍”。",
                     belief="他在公开场合指责我们，根本不理解我们同时在处理五个故障。",
                     consequence="很委屈，回复语气很冲，之后两天都不想接他的电话。",
                     dispute="他面对的是停线损失，着急是正常的；他不知道我们的排队情况，是信息不透明。",
                     effect="主动告知处理进度和预计时间，约他一起定故障分级标准。",
                     emotion_before=8, emotion_after=3),
        "第2组": dict(partner="销售部 区域经理", activating_event="报销单被退回三次，对方直接找到总监投诉。",
                     belief="他们从来不看报销规定，还倒打一耙。",
                     consequence="生气，觉得被针对，和对方只用邮件沟通。",
                     dispute="规定写得太长，退单理由也没一次说清，对方反复跑确实累。",
                     effect="退单时一次性列清所有问题，并做一页纸报销指南。",
                     emotion_before=7, emotion_after=2),
        "第3组": dict(partner="采购部", activating_event="新员工入职当天没有电脑和工位。",
                     belief="采购部拖延，影响了我们的入职体验。",
                     consequence="在入职群里抱怨，两个部门关系紧张。",
                     dispute="我们的入职名单给得晚，采购需要三天备货。",
                     effect="入职名单提前一周同步，建立入职物资共享清单。",
                     emotion_before=6, emotion_after=2),
        "第4组": dict(partner="财务部", activating_event="付款延迟导致供应商停止供货。",
                     belief="财务不懂业务的紧急程度。",
                     consequence="焦虑，只能反复催促。",
                     dispute="", effect="", emotion_before=7, emotion_after=None),
    },
    "empathy": {
        "第1组": dict(counterpart="生产部一线班组长", situation="夜班设备联网中断，只能打电话找值班 IT，经常没人接。",
                     feelings="无助、着急，担心被领导追责。", needs="确定有人响应、知道多久能恢复。",
                     response="夜班设立值班手机和故障分级响应承诺，超时自动升级。"),
        "第3组": dict(counterpart="新入职员工的部门经理", situation="新人入职第一周手续多，经理要陪着跑好几个部门。",
                     feelings="烦躁，觉得占用了业务时间。", needs="一次办完、新人第一天就能开始工作。",
                     response="推出入职一站式办理清单，由 HR 统一协调各部门。"),
    },
    "communication": {
        "第2组": dict(counterpart="销售部 区域经理", goal="就报销退单问题达成一致的资料清单和时限。",
                     meeting_date=date(2026, 12, 3), channel="面谈",
                     concerns="担心增加销售人员的工作量；担心回款周期。",
                     key_messages="“我们想让报销一次通过，今天想听听您最头疼的环节。”",
                     fallback="先在一个区域试行一个月，再评估。",
                     checklist=[{"item": "近三个月退单数据", "status": "已准备"},
                                {"item": "一页纸报销指南草稿", "status": "已准备"},
                                {"item": "发票识别工具演示", "status": "未准备"}]),
        "第4组": dict(counterpart="财务部 付款主管", goal="建立紧急付款通道的规则。",
                     meeting_date=date(2026, 12, 5), channel="会议", concerns="担心紧急通道被滥用。",
                     key_messages="用数据说明停供的损失，提出紧急付款的判定标准。", fallback="按月复盘紧急付款次数。",
                     checklist=[{"item": "停供事件清单", "status": "已准备"}]),
    },
    "value_rings": {
        "第1组": dict(customer="全体员工", task="维护电脑、网络和业务系统，处理故障报修。",
                     meaning="同事能专心做自己的工作，不被设备问题打断。",
                     value="生产不停线、订单按时交付，外部客户拿到稳定的交期。"),
        "第3组": dict(customer="各部门经理与新员工", task="招聘、入职、培训和员工关系。",
                     meaning="部门拿到合适的人，新人快速融入。", value="人才稳定，服务外部客户的能力持续提升。"),
        "第4组": dict(customer="生产部与行政部", task="供应商管理和采购执行。",
                     meaning="需要的物资按时、按质到位。", value="降低成本、保障供应，支撑公司的交付承诺。"),
    },
    "poa": {
        "第1组": dict(partner="生产部", purpose="减少因系统故障造成的停线时间。",
                     outcome="停线类故障 2 小时内恢复率达到 95%。",
                     actions=[{"action": "制定故障分级标准", "owner": "王工", "due": date(2026, 12, 15)},
                              {"action": "夜班值班手机上线", "owner": "李工", "due": date(2026, 12, 31)},
                              {"action": "每月联合复盘超时工单", "owner": "王工", "due": date(2027, 1, 31)}]),
        "第2组": dict(partner="销售部", purpose="让报销一次通过。", outcome="退单率从 18% 降到 8% 以下。",
                     actions=[{"action": "发布一页纸报销指南", "owner": "陈会计", "due": date(2026, 12, 10)},
                              {"action": "退单理由一次列清", "owner": "全组", "due": date(2026, 12, 1)}]),
    },
    "iceberg": {
        "第2组": dict(customer="销售人员", scenario="差旅费用报销",
                     explicit=[{"need": "报销快一点到账"}, {"need": "少填几张单子"}],
                     latent=[{"need": "知道卡在哪个环节", "evidence": "经常打电话问进度"},
                             {"need": "不在客户面前垫付太多钱", "evidence": "月底抱怨信用卡额度"}]),
        "第3组": dict(customer="新员工", scenario="入职第一周",
                     explicit=[{"need": "手续一次办完"}, {"need": "第一天有电脑"}],
                     latent=[{"need": "被欢迎、有归属感", "evidence": "离职面谈提到第一周很冷清"},
                             {"need": "知道找谁问问题", "evidence": "新人群里重复提问多"}]),
        "第4组": dict(customer="生产部计划员", scenario="紧急物料采购",
                     explicit=[{"need": "紧急单三天到货"}],
                     latent=[{"need": "提前知道缺货风险", "evidence": "经常临时插单"}]),
    },
    "cocreation": {
        "第1组": dict(topic="提速 IT 响应", goal="让每一个故障都有人接、有进度、有时限。",
                     actions=[{"action": "IT 服务台首问负责制", "owner": "王工", "due": date(2026, 12, 31),
                               "measure": "首问解决率 ≥ 70%", "priority": "高"},
                              {"action": "工单进度对报修人公开", "owner": "李工", "due": date(2027, 2, 28),
                               "measure": "工单查询上线", "priority": "中"}]),
        "第2组": dict(topic="报销体验改善", goal="报销 48 小时内审批完成。",
                     actions=[{"action": "报销审批 48 小时时限承诺", "owner": "陈会计", "due": date(2027, 1, 15),
                               "measure": "按时审批率 ≥ 90%", "priority": "高"},
                              {"action": "发票拍照自动识别试点", "owner": "赵经理", "due": date(2027, 3, 31),
                               "measure": "试点部门覆盖率", "priority": "中"}]),
        "第3组": dict(topic="入职一站式", goal="新员工第一天就能开始工作。",
                     actions=[{"action": "入职物资清单提前一周同步", "owner": "刘主管", "due": date(2026, 12, 20),
                               "measure": "物资到位率 100%", "priority": "高"}]),
        "第4组": dict(topic="采购进度透明", goal="申请人随时知道采购进度。",
                     actions=[{"action": "采购申请进度消息提醒", "owner": "周主管", "due": date(2027, 1, 31),
                               "measure": "提醒覆盖率", "priority": "中"},
                              {"action": "缺货风险周报", "owner": "", "due": None, "measure": "", "priority": "低"}]),
    },
}

_PHRASES = {
    "第1组": [("avoid", "这不归我们管，你找别人吧。", "我来帮您确认该找哪位同事，稍后回复您。"),
             ("avoid", "你重启一下不就好了。", "麻烦您先试着重启一次，如果还不行我马上过来。"),
             ("use", "您的问题我记下了，预计两小时内处理好，我会随时告诉您进度。", "")],
    "第2组": [("avoid", "规定就是这样，我也没办法。", "按规定需要补这份材料，我把要求一次列给您。"),
             ("avoid", "你怎么又填错了？", "这里有一处需要调整，我标出来了。"),
             ("use", "感谢您及时提交，我们会在 48 小时内完成审批。", "")],
    "第3组": [("avoid", "这个你自己去问用人部门。", "我帮您联系用人部门，今天给您答复。"),
             ("use", "欢迎加入！这是您第一周的安排，有问题随时找我。", "")],
    "第4组": [("avoid", "急也没用，排队吧。", "我理解您很着急，我们看看有没有加急的办法。"),
             ("use", "您的申请已下单，预计周三到货，到货当天通知您。", "")],
}

_KANO_FEATURES = {"第1组": ["K01", "K03", "K11", "K12"], "第2组": ["K02", "K08", "K10"],
                  "第3组": ["K03", "K04", "K09"], "第4组": ["K05", "K06", "K07"]}
_JOURNEYS = {"第2组": "expense", "第3组": "onboarding"}


def _csv(path, frame):
    atomic_write_text(path, frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8-sig")


def _assessments(team_no):
    from ..models.assessments import load_assessment

    rng = np.random.default_rng(_SEED + team_no)
    out = {}
    items = load_assessment("wheel")["item"].tolist()
    rows = []
    for it in items:
        past = int(rng.integers(3, 7))
        present = min(10, past + int(rng.integers(0, 3)))
        future = min(10, present + int(rng.integers(1, 4)))
        rows += [(p, it, s) for p, s in zip(("past", "present", "future"), (past, present, future))]
    out["wheel"] = pd.DataFrame(rows, columns=["period", "item", "score"])
    for name, lo, hi in (("standards", 2, 6), ("knowledge", 1, 6), ("thinking", 2, 6)):
        its = load_assessment(name)["item"].tolist()
        out[name] = pd.DataFrame({"item": its, "score": rng.integers(lo, hi, len(its))})
    lv = load_assessment("levels")
    # agreement falls with the level: basic is easy to claim, "beyond expectation" is rare
    base = np.tile([5, 4, 3, 2], 2) + rng.integers(-1, 1, len(lv)) + (team_no % 2)
    out["levels"] = pd.DataFrame({"item": lv["item"], "score": np.clip(base, 1, 5)})
    its = load_assessment("patrol")["item"].tolist()
    prow = []
    for visit in (1, 2, 3):
        for it in its:
            p = 0.35 + 0.2 * visit + (0.25 if it in ("P07", "P08") else 0) - (0.3 if it in ("P03", "P10") else 0)
            prow.append((visit, it, int(np.clip(np.round(2 * p + rng.normal(0, 0.4)), 0, 2))))
    out["patrol"] = pd.DataFrame(prow, columns=["visit", "item", "score"])
    return out


def _scoreboard(path, teams):
    from ..models.scoreboard import LOG_COLUMNS, Scoreboard

    events = [("team", None, t, None, 0.0, "") for t in teams]
    plan = [(1, "第1组", "王工", 10, "抢答"), (1, "第3组", "刘主管", 8, "抢答"), (1, "第2组", "陈会计", 6, "案例分析"),
            (2, "第2组", "赵经理", 12, "卡诺练习"), (2, "第4组", "周主管", 7, "卡诺练习"), (2, "第1组", "李工", 5, "卡诺练习"),
            (3, "第3组", "刘主管", 10, "旅程图展示"), (3, "第2组", "陈会计", 9, "旅程图展示"),
            (4, "第1组", "王工", 11, "团队共创"), (4, "第4组", "周主管", 6, "团队共创")]
    events += [("points", r, t, m, float(p), why) for r, t, m, p, why in plan]
    events.append(("bonus", 4, "第2组", "赵经理", 5.0, "最佳展示"))
    rows = [{"seq": i + 1, "time": f"2026-11-22T{9 + i // 3:02d}:{(i * 7) % 60:02d}:00", "kind": k, "round": r,
             "team": t, "member": m, "points": p, "reason": why}
            for i, (k, r, t, m, p, why) in enumerate(events)]
    board = Scoreboard.from_frame(pd.DataFrame(rows, columns=LOG_COLUMNS))
    _csv(path, board.to_frame())


def write_demo_workshop(path="data/workshop"):
    """Write the demo company's filled-in workshop folder (deterministic, byte-stable).

    Four teams (第1组 信息技术部, 第2组 财务部, 第3组 人力资源部, 第4组 采购部) with every
    worksheet, self-assessment and exercise; the exercise data come from ``isq.load_demo``.
    Returns the folder path.
    """
    from ._workshop_demo_tools import add_tool_worksheets  # modules 13-15 worksheets (engineer tools)

    return add_tool_worksheets(build_demo_workshop(Path(path)))


def build_demo_workshop(root: Path) -> Path:
    from ..data.demo import load_demo

    root = Path(root)
    teams = list(DEMO_TEAMS)
    names = load_demo("departments").set_index("department")["name_zh"]
    meta = {"client": "示例集团", "course": "内部客户服务：从满意到共赢", "date": date(2026, 11, 22),
            "trainer": "示例讲师",
            "teams": [{"name": t, "department": d, "department_name": str(names[d])} for t, d in DEMO_TEAMS.items()],
            "current_team": DEFAULT_TEAMS[0]}
    atomic_write_text(root / "workshop.yaml", _WORKSHOP_YAML_HEAD + _yaml_dump(meta))
    for ws, by_team in _WORKSHEETS.items():
        for team, values in by_team.items():
            path = root / "worksheets" / ws / f"{team}.yaml"
            path.unlink(missing_ok=True)  # the demo is regenerated from scratch
            save_worksheet(root, ws, team, values, saved=_SAVED)
    ideas = load_demo("ideas")
    kano = load_demo("kano")
    feats = load_demo("kano_features").set_index("feature")["name_zh"]
    sq = load_demo("servqual")
    ipa = load_demo("ipa")
    journey = load_demo("journey")
    for i, (team, dept) in enumerate(DEMO_TEAMS.items(), start=1):
        v = ideas[ideas["team"] == f"T{i}"]
        _csv(root / "votes" / f"{team}.csv", pd.DataFrame({
            "idea": v["idea"], "title": v["title_zh"], "dimension": v["dimension"], "votes": v["votes"],
            "impact": v["impact"], "cost": v["cost"], "feasibility": v["feasibility"]}))
        others = sorted(kano.loc[kano["department"] != dept, "respondent"].unique())[(i - 1) * 8: i * 8]
        k = kano[kano["respondent"].isin(others) & kano["feature"].isin(_KANO_FEATURES[team])]
        _csv(root / "kano" / f"{team}.csv", pd.DataFrame({
            "respondent": k["respondent"], "feature": k["feature"], "feature_name": k["feature"].map(feats),
            "functional": k["functional"], "dysfunctional": k["dysfunctional"]}))
        s = sq[(sq["provider"] == dept) & (sq["wave"] == "pre")]
        resp = sorted(s["respondent"].unique())[:6]
        s = s[s["respondent"].isin(resp)]
        _csv(root / "servqual" / f"{team}.csv",
             s[["respondent", "item", "dimension", "expectation", "perception"]])
        p = ipa[ipa["provider"] == dept]
        p = p[p["respondent"].isin(sorted(p["respondent"].unique())[:6])]
        _csv(root / "priority" / f"{team}.csv", p[["respondent", "attribute", "dimension", "importance", "performance"]])
        if team in _JOURNEYS:
            j = journey[(journey["journey"] == _JOURNEYS[team]) & (journey["version"] == "before")]
            j = j[j["participant"].isin(sorted(j["participant"].unique())[:6])]
            _csv(root / "journey" / f"{team}.csv",
                 j[["participant", "journey", "stage", "stage_order", "touchpoint", "order", "score", "mot"]])
        _csv(root / "phrases" / f"{team}.csv", pd.DataFrame(_PHRASES[team], columns=["kind", "text", "better"]))
        for name, frame in _assessments(i).items():
            _csv(root / "assessments" / name / f"{team}.csv", frame)
    src = Path(__file__).resolve().parents[1] / "data" / "strategy_house_demo.yaml"
    atomic_write_text(root / "strategy.yaml", src.read_text(encoding="utf-8"))
    _scoreboard(root / "scoreboard.csv", teams)
    return root
