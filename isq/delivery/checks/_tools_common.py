"""Shared answer matching for the checks of modules 13–17 (room tools)."""

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


def letters(answer):
    """Option letters as a lower-case set (one letter or a collection), or None for anything else."""
    if isinstance(answer, str):
        return {answer.strip().lower()}
    if isinstance(answer, (set, list, tuple)):
        return {str(a).strip().lower() for a in answer}
    return None


__all__ = ["text_answer", "number_answer", "set_answer", "letters", "TEAM", "ok"]
