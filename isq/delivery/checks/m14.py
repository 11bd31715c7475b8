"""Checks of module 14 跨部门沟通与协作 (logical levels, five-star, co-creation, 3C, team vs gang).

14.1–14.3 take what the notebook computed (``levels`` = ``logical_levels_profile(...)``,
``stars`` = ``five_star_check(...)``, ``plan`` = ``cocreation_plan(...)``); without them they
recompute on the demo data.
"""

from ...labels import DIMENSIONS, label
from ...models.tools import FIVE_STAR_POINTS, LOGICAL_LEVELS
from . import exercise, fail, ok
from ._tools_common import set_answer, text_answer
from .parse import Choice, Items, Letters, Parts

_LEVEL = Choice({v: v for v in LOGICAL_LEVELS.values()},
                aliases={v: (k,) for k, v in LOGICAL_LEVELS.items()} | {"信念价值观": ("信念", "价值观", "信念和价值观", "信念与价值观", "beliefs")})
_POINT = Choice({v: v for v in FIVE_STAR_POINTS.values()}, aliases={v: (k,) for k, v in FIVE_STAR_POINTS.items()})
_DIMENSION = Choice({d: label(d, "zh") for d in DIMENSIONS}, aliases={d: (label(d, "en"),) for d in DIMENSIONS})
_NATURE = Choice({"有形": "有形", "无形": "无形", "难忘": "难忘"})

#: 内部客户服务的 3C 要素 (企业内部客户服务意识).
THREE_C = {"关怀", "合作", "沟通"}
#: Features of a team (团队) and of a gang (团伙) from the same source.
TEAM = {"志同道合的目标意识", "同舟共济的协作精神", "坦诚和谐的沟通氛围", "荣辱与共的战友情结", "精诚团结的共赢趋向"}
GANG = {"鼠目寸光的既得利益", "四分五裂的帮族派系", "各怀鬼胎的如意算盘", "勾心斗角的人际关系", "沉闷死板的工作氛围"}


@exercise("14.1", answer=_LEVEL)
def _lowest_level(answer, levels=None, team="第1组"):
    """``team``'s lowest logical level in ``levels`` (``logical_levels_profile``; demo 第1组: 身份)."""
    if levels is None:
        from ...data.demo import load_demo
        from ...models.tools import logical_levels_profile

        levels = logical_levels_profile(load_demo("logical_levels"))
    p = levels
    rows = p[(p["team"] == team) & p["lowest"]]
    if rows.empty:
        return fail(f"数据里没有{team}，这道题无法作答。", "换一个小组。")
    right = rows["name"].iloc[0]
    if isinstance(answer, str):
        answer = LOGICAL_LEVELS.get(answer.strip().lower(), answer)
    t = p[p["team"] == team].set_index("name")
    wrong = {}
    score = "score" if "score" in t.columns else None
    for name in t.index:
        if name != right and score and t.loc[name, score] == t.loc[right, score]:
            wrong[name] = (f"{name}和{right}同为 {t.loc[right, score]:g} 分；并列时取更高的一层，"
                           "因为高层的缺口会卡住下面各层。")
    bad = text_answer(answer, right, wrong=wrong, hint=f"看{team} lowest 为 True 的那一层，用中文名。")
    return bad if bad is not None else ok(f"正确！{right}：先回答“我们部门是谁、为谁服务”，行为和能力的改进才有方向。")


@exercise("14.2", answer=_POINT)
def _missing_star(answer, stars=None, message="M2 申请 IT 加急"):
    """The point ``message`` should fix in ``stars`` (``five_star_check``; demo M2: 理解情绪)."""
    if stars is None:
        from ...data.demo import load_demo
        from ...models.tools import five_star_check

        stars = five_star_check(load_demo("five_star"))
    f = stars.set_index("message")
    right = f.loc[message, "fix"]
    if isinstance(answer, str):
        answer = FIVE_STAR_POINTS.get(answer.strip().lower(), answer)
    bad = text_answer(answer, right, hint="看 M2 那一行的 fix 列（五个要点中分数最低的一项）。")
    return bad if bad is not None else ok(f"正确！M2 已拿到四颗星，补上“{right}”：先承认对方的忙，再提加急。")


@exercise("14.3", answer=_DIMENSION)
def _top_cluster(answer, plan=None):
    """The co-creation cluster with the most votes in ``plan`` (``cocreation_plan``; demo: responsiveness / 响应性)."""
    if plan is None:
        from ...data.demo import load_demo
        from ...models.tools import cocreation_plan

        plan = cocreation_plan(load_demo("ideas"))
    right = str(plan["cluster"].iloc[0])
    name = label(right, "zh")
    if isinstance(answer, str) and answer.strip().lower() == name.lower():
        answer = right
    bad = text_answer(answer, [right], hint="看 cocreation_plan 结果的第一行 cluster（得票最多的主题）。")
    if bad is not None and isinstance(answer, str) and answer.strip() in DIMENSIONS:
        bad = fail(f"“{label(answer.strip(), 'zh')}”不对：它不是得票最多的主题。", bad.hint)
    lead = plan["lead_title"].iloc[0] if "lead_title" in plan.columns else ""
    return bad if bad is not None else ok(f"正确！{name}主题得票最多" + (f"，它的领头点子“{lead}”进入行动计划。" if lead else "。"))


@exercise("14.4", answer=Items())
def _three_c(answer):
    """内部客户服务的 3C 要素: 关怀 Care, 合作 Concert, 沟通 Connect."""
    bad = set_answer(answer, THREE_C, hint="三个 C：Care、Concert、Connect，各写两个汉字。")
    return bad if bad is not None else ok("正确！关怀（Care）、合作（Concert）、沟通（Connect）。")


@exercise("14.5", answer=Items())
def _team_or_gang(answer):
    """Pick the five features of a team (团队) out of the ten."""
    if isinstance(answer, (set, list, tuple)) and {str(a).strip() for a in answer} & GANG:
        wrong = sorted({str(a).strip() for a in answer} & GANG)
        return fail(f"“{wrong[0]}”是团伙的特征。", "团队为了长久的共同目标工作，个人利益在共同目标面前后退。")
    bad = set_answer(answer, TEAM, hint="团队的五个特征都和共同目标、协作、坦诚沟通、荣辱与共、共赢有关。")
    return bad if bad is not None else ok("正确！团队与团伙的区别在于：共同目标面前，个体利益是否后退。")


#: 内部客户服务的 4 项技巧 among six behaviours a–f (练习 14.6).
FOUR_SKILLS = {"a", "c", "d", "f"}
#: 成功执行内部客户服务的 7 个要素; the odd one out in 练习 14.7 is "严格的考勤制度" (h).
SEVEN_ODD = "h"


def _letters(answer):
    if isinstance(answer, str):
        return {answer.strip().lower()}
    if isinstance(answer, (set, list, tuple)):
        return {str(a).strip().lower() for a in answer}
    return None


@exercise("14.6", answer=Letters())
def _four_skills(answer):
    """The four skills of internal customer service: objective, feedback, listening, support."""
    got = _letters(answer)
    if got is None:
        return fail("请填写字母的集合，例如 {\"a\", \"b\"}。", "六个行为中有四个是内部客户服务的技巧。")
    if got == FOUR_SKILLS:
        return ok("正确！对事不对人、给予和接受有益的批评与建议、积极聆听、相互支持与帮助。")
    if "b" in got:
        return fail("b “先找出是谁的责任”是对人不对事，正好违背第一项技巧。", "四项技巧：对事不对人、有益的批评与建议、积极聆听、相互支持。")
    if "e" in got:
        return fail("e 只接受上级的意见，不是“给予和接受有益性的批评和建议”。", "批评和建议要双向、对事。")
    return fail(f"还差 {len(FOUR_SKILLS - got)} 项。", "四项技巧：对事不对人、有益的批评与建议、积极聆听、相互支持。")


@exercise("14.7", answer=Letters())
def _seven_elements(answer):
    """Which of eight items is not one of the seven elements of successful internal service."""
    got = _letters(answer)
    if got is None or len(got) != 1:
        return fail("请只填一个字母。", "七要素：共同目标、相互信任、强有力的领导、合理的角色分配、有效的沟通技巧、持续改进的工作流程、相互激励。")
    if got == {SEVEN_ODD}:
        return ok("正确！严格的考勤制度不在七要素里：七要素讲的是目标、信任、领导、分工、沟通、流程和激励。")
    return fail("这一项是七要素之一。", "找一项与目标、信任、领导、分工、沟通、流程、激励都无关的。")


#: Pine & Gilmore (1998), "Welcome to the experience economy", Harvard Business Review 76(4):
#: the economic offering's nature and its factor of demand, by economy (练习 14.8).
ECONOMIES = {"产品经济": ("有形", "特色"), "服务经济": ("无形", "利益"), "体验经济": ("难忘", "感受")}


@exercise("14.8", answer=Parts({k: _NATURE for k in ECONOMIES}))
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
