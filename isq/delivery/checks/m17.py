"""Checks of module 17 服务意识与文化 (3C, team or gang, 4 skills and 7 elements, levels of
service awareness, sources of pressure and EAP, service culture, the experience economy).

The room's exercises take what the notebook computed from the workshop folder (``summary`` =
``rating_summary(...)``, ``sort`` = ``team_gang_sort(...)``, ``levels`` =
``place_service_level(...)``); without them they recompute on the demo room. The exercises on
the course's fixed lists (3C, the five features of a team, the 4 skills, the 7 elements, the
EAP points, the three economies) have one answer.
"""

from ...models.assessments import assessment_names
from ...models.awareness import RATED_ITEMS, TEAM_GANG
from . import exercise, fail, ok
from ._tools_common import TEAM, letters, lowest_answer, room_worksheets, set_answer, text_answer
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
    from ...models.awareness import rating_profile, rating_summary

    return room_worksheets(lambda w: rating_summary(rating_profile(w, sheet), worksheet=sheet))


def _worst(answer, sheet, summary, what, why):
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


#: The room's worst item of each rated worksheet: exercise -> (worksheet, what "worst" means,
#: why it matters). The notebook passes ``summary=rating_summary(...)``; demo answers: 沟通,
#: 相互信任, 跨部门推诿与等待, 服务故事传播.
WORST_ITEM = {
    "17.2": ("three_c", "最弱", "主动告知进度、说清原因，是全班最需要补的一课。"),
    "17.7": ("seven_elements", "最弱", "信任不够，目标、分工和流程都会被怀疑；先从公开信息、兑现小承诺做起。"),
    "17.9": ("stress", "压力最大", "这是内部服务本身制造的压力：服务承诺和交接标准就是减压的办法。"),
    "17.11": ("culture", "做得最差", "美的、迪士尼的服务文化靠一个个故事口口相传；先收集并讲出我们自己的服务故事。"),
}


def _worst_check(sheet, what, why):
    def check(answer, summary=None):
        return _worst(answer, sheet, summary, what, why)
    check.__doc__ = f"The item most teams rate {sheet!r} {what} (``rating_summary``'s ``worst`` row)."
    return check


for _ex, (_sheet_name, _what, _why) in WORST_ITEM.items():
    exercise(_ex, answer=_items(_sheet_name))(_worst_check(_sheet_name, _what, _why))


@exercise("17.1", answer=Items())
def _three_c(answer):
    """内部客户服务的 3C 要素: 关怀 Care, 合作 Concert, 沟通 Connect."""
    bad = set_answer(answer, THREE_C, hint="三个 C：Care、Concert、Connect，各写两个汉字。")
    return bad if bad is not None else ok("正确！关怀（Care）、合作（Concert）、沟通（Connect）。")


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
        from ...models.awareness import team_gang_sort

        sort = room_worksheets(team_gang_sort)
    bad, found = lowest_answer(answer, sort, "share", "statement",
                               none="还没有任何小组分过这十个特征，这道题无法作答。",
                               ask="先让各组填写工作表“团队还是团伙”。", hint="看第一行：分对比例（share）最低的特征。")
    if bad is not None:
        return bad
    truth = dict(zip(sort["statement"], sort["truth"]))
    return ok(
        f"正确！“{answer.strip()}”是{truth[answer.strip()]}的特征，但只有 {found[1]:.0%} 的组分对——讨论它。")


def _pick_letters(answer, right, *, asked, praise, traps, hint):
    """A set of option letters against ``right``; ``traps`` maps a wrong letter to why it is wrong."""
    got = letters(answer)
    if got is None:
        return fail("请填写字母的集合，例如 {\"a\", \"b\"}。", asked)
    if got == right:
        return ok(praise)
    for letter, why in traps.items():
        if letter in got:
            return fail(why, hint)
    return fail(f"还差 {len(right - got)} 项。", hint)


#: Exercises that pick option letters: exercise -> (the right letters, what is asked, the praise,
#: the typical wrong letters and why, the hint).
LETTER_PICKS = {
    "17.5": (FOUR_SKILLS, "六个行为中有四个是内部客户服务的技巧。",
             "正确！对事不对人、给予和接受有益的批评与建议、积极聆听、相互支持与帮助。",
             {"b": "b “先找出是谁的责任”是对人不对事，正好违背第一项技巧。",
              "e": "e 只接受上级的意见，不是“给予和接受有益性的批评和建议”：批评和建议要双向、对事。"},
             "四项技巧：对事不对人、有益的批评与建议、积极聆听、相互支持。"),
    "17.10": (EAP_POINTS, "六句话中有四句是 EAP 的实施要点。",
              "正确！保密、自愿、专业、管理层支持并宣传：员工敢用、愿用，EAP 才有效。",
              {"c": "c 把使用记录交给上级或纳入考核，会让员工不敢求助：EAP 的第一条是保密。",
               "f": "f 只在出事后才启动不对：EAP 重在平时的预防和宣传，危机干预只是其中一项。"},
              "EAP 要点：保密、自愿、专业服务、管理层支持与宣传。"),
}


def _letters_check(right, asked, praise, traps, hint):
    def check(answer):
        return _pick_letters(answer, right, asked=asked, praise=praise, traps=traps, hint=hint)
    check.__doc__ = f"Pick the letters {''.join(sorted(right))}: {asked}"
    return check


for _ex, _pick in LETTER_PICKS.items():
    exercise(_ex, answer=Letters())(_letters_check(*_pick))


@exercise("17.6", answer=Letters())
def _seven_elements(answer):
    """Which of eight items is not one of the seven elements of successful internal service."""
    got = letters(answer)
    if got is None or len(got) != 1:
        return fail("请只填一个字母。", "七要素：共同目标、相互信任、强有力的领导、合理的角色分配、有效的沟通技巧、持续改进的工作流程、相互激励。")
    if got == {SEVEN_ODD}:
        return ok("正确！严格的考勤制度不在七要素里：七要素讲的是目标、信任、领导、分工、沟通、流程和激励。")
    return fail("这一项是七要素之一。", "找一项与目标、信任、领导、分工、沟通、流程、激励都无关的。")


@exercise("17.8", answer=TEAM)
def _lowest_awareness(answer, levels=None):
    """The team whose service awareness is at the lowest level (``place_service_level``; demo 第2组)."""
    if levels is None:
        from ...models.assessments import place_service_level
        from ..outcomes import open_workshop

        levels = place_service_level(open_workshop().tables["assessments/levels"])
    aw = levels[levels["aspect"] == "awareness"]
    bad, found = lowest_answer(answer, aw, "level_no", "team", none="还没有任何小组的服务意识层次自评，这道题无法作答。",
                               ask="先让各组完成层次自评。", hint="看 aspect 为 awareness 的各行，level_no 最小的那一组。")
    if bad is not None:
        return bad
    code = str(aw.loc[aw["level_no"] == found[1], "level"].iloc[0])
    level = assessment_names("levels", key="level_names").get(code, "")
    return ok(f"正确！{found[0][0]}还停在“{level}”这一层：先把分内的事做完、不推诿，再往“满意”“愉悦”走。")


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
