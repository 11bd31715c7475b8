"""Checks of module 07 服务沟通 (notebooks/07_服务沟通.ipynb)."""

from __future__ import annotations

from . import exercise, fail, ok
from .parse import Number, Text

#: Exercise 7.1: the reply to rewrite (two phrases to avoid).
REPLY_7_1 = "这不归我管，你自己去查吧！"
#: Exercise 7.2: a chat message; how many phrases to avoid does the checker find?
MESSAGE_7_2 = ("你怎么又来了？不是早就通知了吗？我正忙着呢，你自己去查系统，查不到就明天再来。"
               "下次别这样了，你怎么又来了。")


@exercise("7.1", answer=Text(sentence=True))
def _rewrite(answer, library=None):
    """Rewrite a reply so that no phrase to avoid remains."""
    from ...models.phrases import check_phrases

    if not isinstance(answer, str):
        return fail("请把改写后的回复写成一段文字（用引号括起来）。", "例如 \"您好，……\"。")
    if not answer.strip():
        return fail("回复是空的：不回复也是一种冷漠。", "写一句完整的回复：先回应对方，再说明谁来处理、何时给答复。")
    hits = check_phrases(answer, library=library)
    if len(hits):
        first = hits.iloc[0]
        found = "、".join(f"「{m}」" for m in hits["match"])
        return fail(f"改写后还有 {len(hits)} 处服务禁语：{found}。",
                    f"例如把「{first['match']}」换成：{first['suggestion']}")
    return ok("没有禁语了。再读一遍：对方是否知道谁来处理、什么时候有结果？")


@exercise("7.2", answer=Number(integer=True))
def _count_hits(answer, text=MESSAGE_7_2, library=None):
    """How many phrases to avoid does the checker find in the message?"""
    from ...models.phrases import check_phrases

    if isinstance(answer, bool) or not isinstance(answer, int):
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        else:
            return fail("请填写一个整数（命中的次数）。", "用 isq.check_phrases 检查这段文字，数一数结果有几行。")
    hits = check_phrases(text, library=library)
    n, distinct = len(hits), hits["phrase"].nunique()
    if answer == n:
        return ok(f"正确！共 {n} 处，其中 {distinct} 种不同的禁语。")
    if answer == distinct and distinct != n:
        return fail(f"{answer} 是不同禁语的种类数；同一句禁语出现两次，要算两次。",
                    "数 check_phrases 结果的行数，而不是不同短语的个数。")
    if answer == 1:
        return fail("1 是消息的条数。题目问的是命中（禁语出现）的次数。", "一条消息里可以有好几处禁语。")
    if answer < n:
        return fail(f"{answer} 少了：有的禁语藏在句子中间，或者说法略有变化。",
                    "用 isq.check_phrases 检查，结果每一行是一处命中。")
    return fail(f"{answer} 多了：不是每句不客气的话都在禁语库里。",
                "以 isq.check_phrases 的结果为准：每一行是一处命中。")
