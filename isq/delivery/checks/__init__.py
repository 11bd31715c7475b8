"""Exercise checks with feedback in Chinese (data-8's ``grader.check`` pattern).

A notebook exercise cell ends with ``isq.answer_box("3.1", answer_3_1, servqual=sq)`` (an
answer box; :mod:`isq.delivery.widgets.answer`), a solution cell with
``isq.check("3.1", answer_3_1, servqual=sq)``. Checks are registered per course module in
``isq/delivery/checks/mNN.py`` with the :func:`exercise` decorator and an answer spec; each
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

Text typed by a person goes through :func:`check_text` (the answer box uses it): the
exercise's answer spec (:mod:`isq.delivery.checks.parse`) reads full-width digits, Chinese
punctuation and minus signs, and the feedback says what was understood.

Expected answers follow the notebook's data: a check takes what the notebook loaded or
computed as keyword arguments (``isq.check("3.2", answer, gaps=g)``); without them it
recomputes on the demo company with the notebook's default parameters.
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
from dataclasses import dataclass

from ...errors import IsqError

__all__ = ["check", "exercise", "ok", "fail", "Feedback", "registered_exercises", "close", "answer_spec",
           "department_code", "check_text", "Typed"]

_REGISTRY: dict = {}
_SPECS: dict = {}


@dataclass
class Feedback:
    """The result of a check: ``passed``, a ``message`` and an optional ``hint`` (Chinese)."""

    exercise: str
    passed: bool
    message: str
    hint: str = ""
    #: What a typed answer was read as (empty when the answer was a Python value).
    understood: str = ""

    def __bool__(self):
        return self.passed

    def __str__(self):
        mark = "✓" if self.passed else "✗"
        text = f"你的答案理解为：{self.understood}\n" if self.understood else ""
        text += f"{mark} 练习 {self.exercise}：{self.message}"
        return text + (f"\n提示：{self.hint}" if self.hint else "")

    def _repr_html_(self):
        colour, mark = ("#2ca02c", "✓ 正确") if self.passed else ("#c0392b", "✗ 还不对")
        hint = f"<div style='margin-top:4px'>💡 提示：{html.escape(self.hint)}</div>" if self.hint else ""
        seen = (f"<div style='color:#555;margin-bottom:4px'>你的答案理解为：{html.escape(self.understood)}</div>"
                if self.understood else "")
        return (f"<div style='border-left:4px solid {colour};padding:6px 10px;background:#fafafa'>{seen}"
                f"<b style='color:{colour}'>{mark}</b>（练习 {html.escape(self.exercise)}）："
                f"{html.escape(self.message)}{hint}</div>")

    def __repr__(self):
        return str(self)


class Typed(str):
    """An answer typed as text that Python could not read as written (``answer_3_2 = 可靠性``).

    :func:`check` reads it like :func:`check_text` does; the answer box's code-route help
    produces it (:func:`isq.delivery.widgets.answer.read_answer_line`).
    """


def ok(message="正确！", hint=""):
    """A passed check."""
    return Feedback("", True, message, hint)


def fail(message, hint=""):
    """A failed check: say what is wrong and give a hint towards the right answer."""
    return Feedback("", False, message, hint)


def exercise(exercise_id: str, answer=None):
    """Register ``func(answer, **context) -> Feedback`` as the check of ``exercise_id``.

    ``answer`` is the exercise's answer spec (:mod:`isq.delivery.checks.parse`): how a typed
    answer is read and which controls the answer box shows. Default: a short text.
    """
    from .parse import Text

    def deco(func):
        _REGISTRY[str(exercise_id)] = func
        _SPECS[str(exercise_id)] = answer if answer is not None else Text()
        return func

    return deco


def answer_spec(exercise_id):
    """The answer spec of ``exercise_id`` (how typed answers are read)."""
    exercise_id = str(exercise_id)
    if exercise_id not in _REGISTRY:
        _load_all()
    if exercise_id not in _SPECS:
        raise IsqError(f"no check is registered for exercise {exercise_id!r}; known: {sorted(_REGISTRY)[:20]}")
    return _SPECS[exercise_id]


def _load_all():
    for mod in pkgutil.iter_modules(__path__):
        if mod.name.startswith("m") or mod.name == "_demo":
            importlib.import_module(f"{__name__}.{mod.name}")


def registered_exercises():
    """The ids of every registered exercise."""
    _load_all()
    return sorted(_REGISTRY)


def check(exercise_id, answer, **context) -> Feedback:
    """Check a participant's ``answer`` to exercise ``exercise_id`` and return Chinese feedback.

    ``answer`` is a Python value (the code route: ``answer_3_1 = -1.87``). Text typed by a
    person (the answer box) goes through :func:`check_text`, which reads it first.
    """
    exercise_id = str(exercise_id)
    _registered(exercise_id)
    if answer is Ellipsis:
        return Feedback(exercise_id, False, "还没有作答：请把 ... 替换为你的答案，再运行本单元格。")
    if isinstance(answer, Typed):
        return check_text(exercise_id, str(answer), **context)
    return _run(exercise_id, answer, context)


def check_text(exercise_id, text, **context) -> Feedback:
    """Check an answer typed as text (full-width digits, Chinese punctuation, no quotes needed).

    ``text`` is a string, or for an exercise of several parts a dict part -> string. The
    exercise's answer spec reads it; the feedback says what was understood
    (``Feedback.understood``) and then whether it is right.

    >>> fb = isq.check_text("demo.1", "０。５")
    >>> fb.passed, fb.understood
    (True, '0.5')
    >>> print(isq.check_text("demo.1", "一半").message)
    「一半」不是一个数字。请只填写数字，例如 -1.25 或 0.65。
    """
    from .parse import AnswerFormatError, Parts

    exercise_id = str(exercise_id)
    _registered(exercise_id)
    spec = _SPECS[exercise_id]
    empty = (text is None or text is Ellipsis or (isinstance(text, str) and text.strip() in ("", "...", "…", "……"))
             or (isinstance(text, dict) and not any(str(v).strip() for v in text.values() if v is not None)))
    if empty:
        return Feedback(exercise_id, False, "还没有作答：请在答题框里填写答案，再点“提交”。")
    try:
        if isinstance(spec, Parts) and isinstance(text, dict):
            answer = spec.parse_parts(text)
        else:
            answer = spec.parse(str(text))
    except AnswerFormatError as e:
        return Feedback(exercise_id, False, str(e), "直接输入即可：不用写引号、括号或英文标点。")
    fb = _run(exercise_id, answer, context)
    fb.understood = _describe(spec, answer)
    return fb


def _registered(exercise_id):
    if exercise_id not in _REGISTRY:
        _load_all()
    if exercise_id not in _REGISTRY:
        raise IsqError(f"no check is registered for exercise {exercise_id!r}; known: {sorted(_REGISTRY)[:20]}")


def _run(exercise_id, answer, context):
    try:
        fb = _REGISTRY[exercise_id](answer, **context)
    except IsqError:
        raise  # a wrong context from the notebook is the notebook's error, not the participant's
    except Exception as e:  # a malformed answer must give feedback, not a traceback
        fb = fail(f"答案的格式无法检查（{type(e).__name__}）。", "请对照题目要求的类型（数字、列表或表格）填写。")
    fb.exercise = exercise_id
    return fb


def _describe(spec, answer):
    try:
        return spec.describe(answer)
    except Exception:  # noqa: BLE001 - describing must never hide the feedback
        return str(answer)


def close(a, b, tol=0.01):
    """True when two numbers agree within ``tol`` (helper for numeric checks)."""
    try:
        return math.isclose(float(a), float(b), abs_tol=tol)
    except (TypeError, ValueError):
        return False


def department_code(answer, departments=None):
    """The department code an answer means: a code or a name (zh/en), any case and spacing.

    ``departments``: a table with ``department`` (and ``name_zh``, ``name_en``) or a dict
    code -> name; default the demo company. Unknown text comes back upper-cased.
    """
    import pandas as pd

    aliases = {}
    if departments is None:
        from ...data.demo import load_demo

        departments = load_demo("departments")
    if isinstance(departments, pd.DataFrame):
        cols = [c for c in ("department", "name_zh", "name_en") if c in departments.columns]
        for row in departments[cols].itertuples(index=False):
            for a in row:
                aliases["".join(str(a).split()).lower()] = str(row[0])
    elif isinstance(departments, dict):
        for code, name in departments.items():
            aliases["".join(str(code).split()).lower()] = str(code)
            aliases["".join(str(name).split()).lower()] = str(code)
    else:
        for code in departments:
            aliases["".join(str(code).split()).lower()] = str(code)
    from .parse import normalize

    key = "".join(normalize(answer).split()).lower()
    return aliases.get(key, normalize(answer).upper())
