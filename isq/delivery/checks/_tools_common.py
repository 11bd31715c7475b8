"""Shared answer matching for the checks (modules 10, 11 and 13–17): text, numbers, sets,
option letters, a team, a code typed as its Chinese or English label, and the rows of a
result that hold its lowest value."""

from . import close, fail, ok
from .parse import Choice

#: A team of the room: the course's default team names (第1组 … 第6组), typed as 1组, 第一组 or 一组.
_NUMS = "一二三四五六"
TEAM = Choice({f"第{i}组": f"第{i}组" for i in range(1, 7)},
              aliases={f"第{i}组": (f"{i}组", f"第{n}组", f"{n}组", f"{i}") for i, n in enumerate(_NUMS, 1)})


def text_answer(answer, right, *, wrong=None, hint=""):
    """A text answer compared after trimming; ``wrong`` maps typical mistakes to feedback."""
    if not isinstance(answer, str):
        return fail("请填写文字（用引号括起来）。", hint)
    got = answer.strip()
    if got in ([right] if isinstance(right, str) else list(right)):
        return None
    for bad, why in (wrong or {}).items():
        if got == bad:
            return fail(why, hint)
    return fail(f"“{got}”不对。", hint)


def number_answer(answer, right, *, tol, hint=""):
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", hint)
    return None if close(answer, right, tol=tol) else fail(f"{answer} 不对。", hint)


def set_answer(answer, right, *, hint=""):
    if not isinstance(answer, (set, list, tuple)):
        return fail("请填写一个集合或列表，例如 {\"甲\", \"乙\"}。", hint)
    got = {str(a).strip() for a in answer}
    if got == set(right):
        return None
    missing, extra = sorted(set(right) - got), sorted(got - set(right))
    what = "；".join(p for p in (f"缺少 {len(missing)} 项" if missing else "",
                                 f"多了 {', '.join(extra)}" if extra else "") if p)
    return fail(f"还不对：{what}。", hint)


def labelled_choice(codes):
    """A :class:`Choice` of ``codes`` shown with their Chinese labels, typed as code, zh or en."""
    from ...labels import label

    return Choice({c: label(c, "zh") for c in codes}, aliases={c: (label(c, "en"),) for c in codes})


def labelled_code(answer, codes):
    """The code among ``codes`` that ``answer`` names (code, Chinese or English label), or None."""
    from ...labels import label

    text = str(answer).strip()
    for c in codes:
        if text.lower() in {c, label(c, "zh"), label(c, "en").lower()}:
            return c
    return None


def lowest(table, value, key, *, none, hint):
    """``(keys, low)``: the ``key`` of every row of ``table`` at the lowest ``value`` (rows
    without a value skipped) -- or a failed Feedback saying ``none`` when no row has one."""
    t = table.dropna(subset=[value])
    if t.empty:
        return fail(none, hint)
    low = t[value].min()
    return t.loc[t[value] == low, key].astype(str).tolist(), low


def lowest_answer(answer, table, value, key, *, none, ask, hint):
    """``(feedback, found)``: ``answer`` checked against the keys at the lowest ``value`` of
    ``table`` (:func:`lowest`); the feedback is None when right, ``found`` None when no row
    has a value (the feedback then says ``none`` and ``ask``)."""
    found = lowest(table, value, key, none=none, hint=ask)
    if not isinstance(found, tuple):
        return found, None
    return text_answer(answer, found[0], hint=hint), found


def room_worksheets(compute):
    """``compute`` applied to the demo room's worksheets (what a check uses without the notebook's result)."""
    from ..outcomes import open_workshop

    return compute(open_workshop().worksheets)


def letters(answer):
    """Option letters as a lower-case set (one letter or a collection), or None for anything else."""
    if isinstance(answer, str):
        return {answer.strip().lower()}
    if isinstance(answer, (set, list, tuple)):
        return {str(a).strip().lower() for a in answer}
    return None


__all__ = ["text_answer", "number_answer", "set_answer", "letters", "lowest", "lowest_answer", "room_worksheets", "labelled_choice", "labelled_code",
           "TEAM", "ok"]
