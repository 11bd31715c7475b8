"""Checks of module 05 服务策略屋与执行分解 (notebooks/05_服务策略屋与执行分解.ipynb)."""

from __future__ import annotations


from . import exercise, fail, ok
from .parse import Parts, Text
from ...data.loaders import parse_date

#: Words that make an action sound like a slogan unless a number makes it measurable.
VAGUE_WORDS = ("加强", "提升", "提高", "改善", "重视", "注意", "努力", "优化")
#: Owners that mean "nobody in particular".
COLLECTIVE_OWNERS = ("大家", "全员", "所有部门", "各部门", "全体", "相关部门", "我们")
#: Shortest action text accepted as concrete (characters).
MIN_ACTION_CHARS = 6


def _norm(text):
    return "".join(str(text).split())


def _dimension_names(dim):
    from ...labels import label

    return {_norm(dim), _norm(label(dim, "zh")), _norm(label(dim, "en")).lower()}


@exercise("5.1", answer=Text())
def _pillar_for_shortboard(answer, house=None, shortboard=None):
    """Which pillar of the strategy house addresses the SERVQUAL shortboard?"""
    from ...labels import label
    from ...models.strategy import load_strategy

    house = load_strategy("demo") if house is None else house
    shortboard = "responsiveness" if shortboard is None else str(shortboard)
    if not isinstance(answer, str) or not answer.strip():
        return fail("请填写一根支柱（策略）的名称，是一段文字。", "支柱的名称写在策略屋每根柱子的顶端。")
    a = _norm(answer)
    pillars = {_norm(p["name"]): p for p in house["pillars"]}
    targets = [p["name"] for p in house["pillars"] if p["dimension"] == shortboard]
    sb = label(shortboard, "zh")
    if a in {_norm(t) for t in targets}:
        return ok(f"正确！「{answer.strip()}」强化的正是短板维度「{sb}」。")
    if a in _dimension_names(shortboard) or a.lower() in _dimension_names(shortboard):
        return fail(f"「{answer.strip()}」是短板维度本身，题目问的是对准它的支柱（策略）叫什么。",
                    "在策略屋里找下方标注了这个维度的柱子，写出柱子的名称。")
    if a == _norm(house["roof"]):
        return fail("这是屋顶：整个策略屋的目标，而不是某一根支柱。", "支柱是屋顶下面并列的几根柱子。")
    if a in {_norm(f) for f in house["foundation"]}:
        return fail("这是地基（文化与机制），它支撑所有支柱，不专门针对某个维度。",
                    "找柱子下方标注的维度与短板一致的那根支柱。")
    if a in pillars:
        dim = pillars[a]["dimension"]
        dim_txt = f"「{label(dim, 'zh')}」" if dim else "没有标注的维度"
        return fail(f"「{answer.strip()}」强化的是{dim_txt}，不是短板「{sb}」。",
                    "先看 servqual_shortboard 给出的短板维度，再找标注同一维度的支柱。")
    projects = {_norm(pr["name"]): p["name"] for p in house["pillars"] for pr in p["projects"]}
    if a in projects:
        return fail(f"「{answer.strip()}」是项目（支柱下面一层），它属于支柱「{projects[a]}」。",
                    "题目问的是支柱；检查这根支柱标注的维度是不是短板。")
    names = "、".join(p["name"] for p in house["pillars"])
    return fail(f"策略屋里没有叫「{answer.strip()}」的支柱。", f"支柱有：{names}。")


@exercise("5.2", answer=Parts({"what": Text(sentence=True), "owner": Text(), "due": Text()},
                                 labels={"what": "做什么", "owner": "负责部门", "due": "完成日期"}))
def _complete_action(answer, departments=None, year=None):
    """Write one action of the execution breakdown as a dict: what, owner, due."""
    if departments is None:
        from ...data.demo import load_demo

        d = load_demo("departments")
        departments = dict(zip(d["department"], d["name_zh"]))
    elif not isinstance(departments, dict):
        departments = {str(c): str(c) for c in departments}
    year = 2026 if year is None else int(year)
    if not isinstance(answer, dict):
        return fail("请写一个字典，例如 {\"what\": \"……\", \"owner\": \"IT\", \"due\": \"2026-06-30\"}。",
                    "行动 = 做什么（what）+ 谁负责（owner）+ 何时完成（due）。")
    missing = [k for k in ("what", "owner", "due") if k not in answer or answer[k] in (None, "")]
    if missing:
        names = {"what": "做什么（what）", "owner": "谁负责（owner）", "due": "何时完成（due）"}
        return fail("行动还缺：" + "、".join(names[k] for k in missing) + "。",
                    "三样缺一样，这条行动就无法跟踪；键名用 what、owner、due。")
    what, owner, due = answer["what"], answer["owner"], answer["due"]
    if not isinstance(what, str) or len(_norm(what)) < MIN_ACTION_CHARS:
        return fail(f"「{what}」太短，看不出具体做什么。",
                    f"写一个动作和它的对象（至少 {MIN_ACTION_CHARS} 个字），例如「上线工单系统并公示处理进度」。")
    if any(w in what for w in VAGUE_WORDS) and not any(ch.isdigit() for ch in what):
        return fail(f"「{what}」像一句口号：没有可以检查的标准，到期时说不清做没做到。",
                    "写成可检查的动作，或加上数字，例如「故障 2 小时内响应」「审批由 5 级压缩为 3 级」。")
    if isinstance(owner, (list, tuple, set)):
        return fail("负责人只能是一个部门：几个部门一起负责，往往等于没人负责。",
                    "选一个牵头部门；配合部门写在行动里。")
    owner = str(owner).strip()
    if owner in COLLECTIVE_OWNERS:
        return fail(f"负责人「{owner}」不是一个具体部门：大家负责等于没人负责。",
                    "填一个部门代码，例如 " + "、".join(list(departments)[:4]) + "。")
    names_to_code = {v: k for k, v in departments.items()}
    if owner not in departments and owner not in names_to_code:
        return fail(f"「{owner}」不是公司里的部门。",
                    "填部门代码：" + "、".join(departments) + "。")
    d = parse_date(due)
    if d is None:
        return fail(f"完成日期「{due}」不是一个具体日期。",
                    "「尽快」「二季度」无法跟踪；写成 YYYY-MM-DD，例如 \"2026-06-30\"。")
    if d.year != year:
        return fail(f"完成日期 {d:%Y-%m-%d} 不在策略年度 {year} 年内。",
                    f"把行动排进 {year} 年；跨年度的事情拆成今年能完成的一步。")
    return ok(f"完整：做什么、谁负责（{owner}）、何时完成（{d:%Y-%m-%d}）都清楚，可以放进执行分解表跟踪。")
