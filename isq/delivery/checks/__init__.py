"""Exercise checks with feedback in Chinese (data-8's ``grader.check`` pattern).

A notebook exercise cell ends with ``isq.check("3.1", answer)``. Checks are registered per
course module in ``isq/delivery/checks/mNN.py`` with the :func:`exercise` decorator; each
returns :func:`ok` or :func:`fail` (what is wrong and a hint). ``...`` (the placeholder of
an unanswered exercise) is recognised before the check runs.

Examples
--------
>>> fb = isq.check("demo.1", 0.5)
>>> fb.passed
True
>>> print(isq.check("demo.1", -0.5).message)
符号反了：差距 = 感知 − 期望，感知高于期望时差距为正。
>>> print(isq.check("demo.1", ...).message)
还没有作答：请把 ... 替换为你的答案，再运行本单元格。
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
from dataclasses import dataclass

from ...errors import IsqError

__all__ = ["check", "exercise", "ok", "fail", "Feedback", "registered_exercises", "close"]

_REGISTRY: dict = {}


@dataclass
class Feedback:
    """The result of a check: ``passed``, a ``message`` and an optional ``hint`` (Chinese)."""

    exercise: str
    passed: bool
    message: str
    hint: str = ""

    def __bool__(self):
        return self.passed

    def __str__(self):
        mark = "✓" if self.passed else "✗"
        text = f"{mark} 练习 {self.exercise}：{self.message}"
        return text + (f"\n提示：{self.hint}" if self.hint else "")

    def _repr_html_(self):
        colour, mark = ("#2ca02c", "✓ 正确") if self.passed else ("#c0392b", "✗ 还不对")
        hint = f"<div style='margin-top:4px'>💡 提示：{html.escape(self.hint)}</div>" if self.hint else ""
        return (f"<div style='border-left:4px solid {colour};padding:6px 10px;background:#fafafa'>"
                f"<b style='color:{colour}'>{mark}</b>（练习 {html.escape(self.exercise)}）："
                f"{html.escape(self.message)}{hint}</div>")

    def __repr__(self):
        return str(self)


def ok(message="正确！", hint=""):
    """A passed check."""
    return Feedback("", True, message, hint)


def fail(message, hint=""):
    """A failed check: say what is wrong and give a hint towards the right answer."""
    return Feedback("", False, message, hint)


def exercise(exercise_id: str):
    """Register ``func(answer, **context) -> Feedback`` as the check of ``exercise_id``."""

    def deco(func):
        _REGISTRY[str(exercise_id)] = func
        return func

    return deco


def _load_all():
    for mod in pkgutil.iter_modules(__path__):
        if mod.name.startswith("m") or mod.name == "_demo":
            importlib.import_module(f"{__name__}.{mod.name}")


def registered_exercises():
    """The ids of every registered exercise."""
    _load_all()
    return sorted(_REGISTRY)


def check(exercise_id, answer, **context) -> Feedback:
    """Check a participant's ``answer`` to exercise ``exercise_id`` and return Chinese feedback."""
    exercise_id = str(exercise_id)
    if exercise_id not in _REGISTRY:
        _load_all()
    if exercise_id not in _REGISTRY:
        raise IsqError(f"no check is registered for exercise {exercise_id!r}; known: {sorted(_REGISTRY)[:20]}")
    if answer is Ellipsis:
        return Feedback(exercise_id, False, "还没有作答：请把 ... 替换为你的答案，再运行本单元格。")
    try:
        fb = _REGISTRY[exercise_id](answer, **context)
    except Exception as e:  # a malformed answer must give feedback, not a traceback
        fb = fail(f"答案的格式无法检查（{type(e).__name__}）。", "请对照题目要求的类型（数字、列表或表格）填写。")
    fb.exercise = exercise_id
    return fb


def close(a, b, tol=0.01):
    """True when two numbers agree within ``tol`` (helper for numeric checks)."""
    try:
        return math.isclose(float(a), float(b), abs_tol=tol)
    except (TypeError, ValueError):
        return False
