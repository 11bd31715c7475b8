"""Checks of module 17 服务意识与文化 (3C, team or gang, 4 skills and 7 elements, levels of
service awareness, sources of pressure and EAP, service culture, the experience economy).

The room's exercises take what the notebook computed from the workshop folder (``summary`` =
``rating_summary(...)``, ``sort`` = ``team_gang_sort(...)``, ``levels`` =
``place_service_level(...)``); without them they recompute on the demo room. The exercises on
the course's fixed lists (3C, the five features of a team, the 4 skills, the 7 elements, the
EAP points, the three economies) have one answer.
"""

from ...models.assessments import assessment_names
from ...models.tools import RATED_ITEMS, TEAM_GANG
from . import exercise, fail, ok
from ._tools_common import TEAM, letters, set_answer, text_answer
from .parse import Choice, Items, Letters, Parts

#: 内部客户服务的 3C 要素 (企业内部客户服务意识).
THREE_C = set(RATED_ITEMS["three_c"].values())
#: Features of a team (团队) and of a gang (团伙) from the same source.
TEAM_FEATURES = {s for s, side in TEAM_GANG.values() if side == "团队"}
GANG_FEATURES = {s for s, side in TEAM_GANG.values() if side == "团伙"}
#: 内部客户服务的 4 项技巧 among six behaviours a–f (练习 17.5).
FOUR_SKILLS = {"a", "c", "d", "f"}
#: 成功执行内部客户服务的 7 个要素; the odd one out in 练习 17.6 is "严格的考勤制度" (h).
SEVEN_ODD = "h"
#: EAP (员工援助计划) implementation points among six statements a–f (练习 17.10): confidential,
#: voluntary, delivered by professionals, backed and promoted by management.
EAP_POINTS = {"a", "b", "d", "e"}
#: Pine & Gilmore (1998), "Welcome to the experience economy", Harvard Business Review 76(4):
#: the economic offering's nature and its factor of demand, by economy (练习 17.12).
ECONOMIES = {"产品经济": ("有形", "特色"), "服务经济": ("无形", "利益"), "体验经济": ("难忘", "感受")}
_NATURE = Choice({"有形": "有形", "无形": "无形", "难忘": "难忘"})


def _items(sheet):
    names = RATED_ITEMS[sheet]
    return Choice({v: v for v in names.values()}, aliases={v: (k,) for k, v in names.items()})


def _summary(sheet, summary):
    if summary is not None:
        return summary
    from ...models.tools import rating_profile, rating_summary
    from ..outcomes import open_workshop

    return rating_summary(rating_profile(open_workshop().worksheets, sheet), worksheet=sheet)


def _worst(answer, sheet, summary, *, what, why):
    """The room's worst item of a rated worksheet (``rating_summary``'s ``worst`` row)."""
    s = _summary(sheet, summary)
    worst = s.loc[s["worst"], "name"].astype(str).tolist()
    if not worst:
        return fail("还没有任何小组保存这张工作表，这道题无法作答。", "先让各组填写并保存工作表。")
    code = {v: k for k, v in RATED_ITEMS[sheet].items()}
    if isinstance(answer, str):
        answer = RATED_ITEMS[sheet].get(answer.strip().lower(), answer)
    n = s.set_index("name")["worst_for"]
    wrong = {name: f"“{name}”只被 {int(n[name])} 个组评为{what}；“{worst[0]}”被 {int(n[worst[0]])} 个组评为{what}。"
             for name in n.index if name not in worst}
    bad = text_answer(answer, worst, wrong=wrong, hint=f"看 worst 为 True 的那一行（被最多小组评为{what}的一项）。")
    return bad if bad is not None else ok(f"正确！{worst[0]}（{code.get(worst[0], '')}）：{why}")


@exercise("17.1", answer=Items())
def _three_c(answer):
    """内部客户服务的 3C 要素: 关怀 Care, 合作 Concert, 沟通 Connect."""
    bad = set_answer(answer, THREE_C, hint="三个 C：Care、Concert、Connect，各写两个汉字。")
    return bad if bad is not None else ok("正确！关怀（Care）、合作（Concert）、沟通（Connect）。")


@exercise("17.2", answer=_items("three_c"))
def _weakest_c(answer, summary=None):
    """The C most teams rate their weakest (``rating_summary`` of "three_c"; demo 沟通)."""
    return _worst(answer, "three_c", summary, what="最弱",
                  why="主动告知进度、说清原因，是全班最需要补的一课。")


@exercise("17.3", answer=Items())
def _team_or_gang(answer):
    """Pick the five features of a team (团队) out of the ten."""
    if isinstance(answer, (set, list, tuple)) and {str(a).strip() for a in answer} & GANG_FEATURES:
        wrong = sorted({str(a).strip() for a in answer} & GANG_FEATURES)
        return fail(f"“{wrong[0]}”是团伙的特征。", "团队为了长久的共同目标工作，个人利益在共同目标面前后退。")
    bad = set_answer(answer, TEAM_FEATURES, hint="团队的五个特征都和共同目标、协作、坦诚沟通、荣辱与共、共赢有关。")
    return bad if bad is not None else ok("正确！团队与团伙的区别在于：共同目标面前，个体利益是否后退。")


@exercise("17.4", answer=Choice({s: s for s, _ in TEAM_GANG.values()}))
def _most_confused(answer, sort=None):
    """The statement the fewest teams sorted right (``team_gang_sort``; demo 沉闷死板的工作氛围)."""
    if sort is None:
        from ...models.tools import team_gang_sort
        from ..outcomes import open_workshop

        sort = team_gang_sort(open_workshop().worksheets)
    done = sort.dropna(subset=["share"])
    if done.empty:
        return fail("还没有任何小组分过这十个特征，这道题无法作答。", "先让各组填写工作表“团队还是团伙”。")
    low = done["share"].min()
    right = done.loc[done["share"] == low, "statement"].tolist()
    truth = dict(zip(done["statement"], done["truth"]))
    bad = text_answer(answer, right, hint="看第一行：分对比例（share）最低的特征。")
    return bad if bad is not None else ok(
        f"正确！“{answer.strip()}”是{truth[answer.strip()]}的特征，但只有 {low:.0%} 的组分对——讨论它。")


@exercise("17.5", answer=Letters())
def _four_skills(answer):
    """The four skills of internal customer service: objective, feedback, listening, support."""
    got = letters(answer)
    if got is None:
        return fail("请填写字母的集合，例如 {\"a\", \"b\"}。", "六个行为中有四个是内部客户服务的技巧。")
    if got == FOUR_SKILLS:
        return ok("正确！对事不对人、给予和接受有益的批评与建议、积极聆听、相互支持与帮助。")
    if "b" in got:
        return fail("b “先找出是谁的责任”是对人不对事，正好违背第一项技巧。", "四项技巧：对事不对人、有益的批评与建议、积极聆听、相互支持。")
    if "e" in got:
        return fail("e 只接受上级的意见，不是“给予和接受有益性的批评和建议”。", "批评和建议要双向、对事。")
    return fail(f"还差 {len(FOUR_SKILLS - got)} 项。", "四项技巧：对事不对人、有益的批评与建议、积极聆听、相互支持。")


@exercise("17.6", answer=Letters())
def _seven_elements(answer):
    """Which of eight items is not one of the seven elements of successful internal service."""
    got = letters(answer)
    if got is None or len(got) != 1:
        return fail("请只填一个字母。", "七要素：共同目标、相互信任、强有力的领导、合理的角色分配、有效的沟通技巧、持续改进的工作流程、相互激励。")
    if got == {SEVEN_ODD}:
        return ok("正确！严格的考勤制度不在七要素里：七要素讲的是目标、信任、领导、分工、沟通、流程和激励。")
    return fail("这一项是七要素之一。", "找一项与目标、信任、领导、分工、沟通、流程、激励都无关的。")


@exercise("17.7", answer=_items("seven_elements"))
def _weakest_element(answer, summary=None):
    """The element most teams rate their weakest (``rating_summary`` of "seven_elements"; demo 相互信任)."""
    return _worst(answer, "seven_elements", summary, what="最弱",
                  why="信任不够，目标、分工和流程都会被怀疑；先从公开信息、兑现小承诺做起。")


@exercise("17.8", answer=TEAM)
def _lowest_awareness(answer, levels=None):
    """The team whose service awareness is at the lowest level (``place_service_level``; demo 第2组)."""
    if levels is None:
        from ...models.assessments import place_service_level
        from ..outcomes import open_workshop

        levels = place_service_level(open_workshop().tables["assessments/levels"])
    aw = levels[levels["aspect"] == "awareness"]
    if aw.empty:
        return fail("还没有任何小组的服务意识层次自评，这道题无法作答。", "先让各组完成层次自评。")
    low = aw["level_no"].min()
    right = aw.loc[aw["level_no"] == low, "team"].astype(str).tolist()
    level = assessment_names("levels", key="level_names").get(str(aw.loc[aw["level_no"] == low, "level"].iloc[0]), "")
    bad = text_answer(answer, right, hint="看 aspect 为 awareness 的各行，level_no 最小的那一组。")
    return bad if bad is not None else ok(f"正确！{right[0]}还停在“{level}”这一层：先把分内的事做完、不推诿，再往“满意”“愉悦”走。")


@exercise("17.9", answer=_items("stress"))
def _heaviest_pressure(answer, summary=None):
    """The pressure source most teams rate their heaviest (``rating_summary`` of "stress"; demo 跨部门推诿与等待)."""
    return _worst(answer, "stress", summary, what="压力最大",
                  why="这是内部服务本身制造的压力：服务承诺和交接标准就是减压的办法。")


@exercise("17.10", answer=Letters())
def _eap(answer):
    """EAP implementation points: confidential, voluntary, professional, backed by management (a, b, d, e)."""
    got = letters(answer)
    if got is None:
        return fail("请填写字母的集合，例如 {\"a\", \"b\"}。", "六句话中有四句是 EAP 的实施要点。")
    if got == EAP_POINTS:
        return ok("正确！保密、自愿、专业、管理层支持并宣传：员工敢用、愿用，EAP 才有效。")
    if "c" in got:
        return fail("c 把使用记录交给上级或纳入考核，会让员工不敢求助：EAP 的第一条是保密。",
                    "EAP 要点：保密、自愿、专业服务、管理层支持与宣传。")
    if "f" in got:
        return fail("f 只在出事后才启动不对：EAP 重在平时的预防和宣传，危机干预只是其中一项。",
                    "EAP 要点：保密、自愿、专业服务、管理层支持与宣传。")
    return fail(f"还差 {len(EAP_POINTS - got)} 项。", "EAP 要点：保密、自愿、专业服务、管理层支持与宣传。")


@exercise("17.11", answer=_items("culture"))
def _least_built(answer, summary=None):
    """The culture point most teams rate least built (``rating_summary`` of "culture"; demo 服务故事传播)."""
    return _worst(answer, "culture", summary, what="做得最差",
                  why="美的、迪士尼的服务文化靠一个个故事口口相传；先收集并讲出我们自己的服务故事。")


@exercise("17.12", answer=Parts({k: _NATURE for k in ECONOMIES}))
def _economies(answer):
    """Match each economy with the nature of what it delivers: 有形 / 无形 / 难忘."""
    if not isinstance(answer, dict):
        return fail("请填写一个字典，例如 {\"产品经济\": \"…\", \"服务经济\": \"…\", \"体验经济\": \"…\"}。",
                    "三个选项：有形、无形、难忘。")
    got = {str(k).strip(): str(v).strip() for k, v in answer.items()}
    wrong = [k for k, (nature, _) in ECONOMIES.items() if got.get(k) != nature]
    if not wrong:
        return ok("正确！产品有形、服务无形、体验难忘：内部服务做到“难忘”，内部客户记住的是感受，而不只是结果。")
    if got.get("体验经济") == "无形":
        return fail("服务是无形的；体验经济交付的是“难忘”的经历。", "Pine & Gilmore：产品有形、服务无形、体验难忘。")
    return fail(f"{'、'.join(wrong)} 不对。", "Pine & Gilmore：产品有形、服务无形、体验难忘。")
