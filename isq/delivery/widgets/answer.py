"""The answer box: answer an exercise without writing Python.

``isq.answer_box("3.2", answer_3_2, gaps=g)`` shows one control per answer part (a text box,
or a dropdown where the exercise has a few fixed choices) and a 提交 button. What is typed is
read by the exercise's answer spec (:mod:`isq.delivery.checks.parse`: full-width digits,
Chinese punctuation, minus signs, ``%``, spaces and unquoted Chinese are understood) and
checked by :func:`isq.check_text` with the notebook's own data (the keyword arguments); the
feedback says what was understood and whether it is right.

The code route stays open: ``answer_3_2 = "responsiveness"`` in the same cell is checked at
once (``isq.check``) and the box shows its feedback. Once a box has been shown, a line such
as ``answer_3_2 = 可靠性`` or ``answer_3_1 = －１．０１`` (Chinese without quotes, IME
punctuation), which Python itself would reject with an English ``NameError`` or
``SyntaxError``, is read as typed text instead (:func:`install_code_route_help`).
"""

from __future__ import annotations

import ast
import html
import re

import ipywidgets as w

from ..checks import Feedback, Typed, answer_spec, check, check_text
from ..checks.parse import Choice, Parts, Text

__all__ = ["answer_box", "AnswerBox", "install_code_route_help", "read_answer_line"]

#: The dropdown entry that means "nothing chosen yet".
NOT_CHOSEN = "（请选择）"


class AnswerBox(w.VBox):
    """The answer box of one exercise (built by :func:`answer_box`)."""

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):  # (data, metadata)
            data[0]["text/plain"] = self.plain_text()
        elif isinstance(data, dict):
            data["text/plain"] = self.plain_text()
        return data

    def plain_text(self):
        """What the box shows, as plain text (headless runs, logs)."""
        head = f"答题框：练习 {self.exercise}"
        return head + (f"\n{self.feedback}" if self.feedback is not None else "（填写后点“提交”）")


def _control(spec, description=""):
    layout = w.Layout(width="auto")
    style = {"description_width": "initial"}
    if isinstance(spec, Choice) and spec.options:
        options = [(NOT_CHOSEN, "")] + [(spec.describe(v), str(v)) for v in spec.options]
        return w.Dropdown(options=options, value="", description=description, style=style, layout=layout)
    if isinstance(spec, Text) and spec.sentence:
        return w.Textarea(placeholder=spec.placeholder, description=description, style=style,
                          layout=w.Layout(width="95%", height="4em"))
    return w.Text(placeholder=spec.placeholder, description=description, style=style,
                  layout=w.Layout(width="60%"), continuous_update=False)


def answer_box(exercise_id, answer=..., **context):
    """An answer box for exercise ``exercise_id``: controls per answer part, 提交, Chinese feedback.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"3.2"`` (as in ``isq.check``).
    answer : optional
        The code-route answer of the same cell (``answer_3_2``); ``...`` (not answered) shows
        an empty box, anything else is checked at once and its feedback shown.
    **context
        What the notebook loaded or computed, passed on to the check (``gaps=g``), so that
        the expected answer follows the notebook's data and parameters.

    Returns
    -------
    AnswerBox
        An ``ipywidgets.VBox`` with ``controls`` (part -> control), ``button``, ``result``
        (the feedback, HTML), ``feedback`` (the last :class:`~isq.delivery.checks.Feedback`
        or None), ``submit()`` (what the button does) and ``exercise``.

    Examples
    --------
    >>> box = answer_box("demo.1")
    >>> box.controls["answer"].value = "０。５"  # typed, then Enter (or 提交)
    >>> box.feedback.passed, box.feedback.understood
    (True, '0.5')
    >>> box = answer_box("demo.1", -0.5)  # the code route: checked at once
    >>> box.feedback.passed
    False
    """
    exercise_id = str(exercise_id)
    spec = answer_spec(exercise_id)
    if isinstance(spec, Parts):
        controls = {k: _control(s, spec.labels.get(k, k) + "：") for k, s in spec.parts.items()}
    else:
        controls = {"answer": _control(spec, "答案：")}
    button = w.Button(description="提交", button_style="primary", icon="check", tooltip="检查我的答案")
    result = w.HTML()
    title = w.HTML(f"<b>练习 {html.escape(exercise_id)} 答题框</b>"
                   "<span style='color:#666'>（直接输入，不用写引号；填好后点“提交”）</span>")
    box = AnswerBox([title, *controls.values(), button, result])
    box.exercise, box.controls, box.button, box.result, box.feedback = exercise_id, controls, button, result, None

    def show(fb: Feedback):
        box.feedback = fb
        result.value = fb._repr_html_()
        return fb

    def submit(*_):
        if isinstance(spec, Parts):
            typed = {k: c.value for k, c in controls.items()}
        else:
            typed = controls["answer"].value
        return show(check_text(exercise_id, typed, **context))

    button.on_click(submit)
    box.submit = submit
    single = controls.get("answer")
    if isinstance(single, w.Text) and not isinstance(spec, Parts):
        single.observe(lambda change: submit() if str(change["new"]).strip() else None, names="value")  # Enter
    install_code_route_help()
    if answer is not Ellipsis:
        show(check(exercise_id, answer, **context))
    return box


# --- the code route: answers Python cannot read as written ------------------------------------

_ANSWER_LINE = re.compile(r"^(?P<lhs>\s*answer_\w+\s*=\s*)(?P<rhs>.*?)\s*$")


def _is_python(rhs):
    try:
        tree = ast.parse(rhs, mode="eval")
    except SyntaxError:
        return False
    return not any(isinstance(n, ast.Name) and not n.id.isascii() for n in ast.walk(tree))


def read_answer_line(line):
    """Rewrite one ``answer_N_M = ...`` line that Python cannot read into a :class:`Typed` answer.

    Lines that are valid Python (and use no undefined Chinese names) are returned unchanged.

    >>> read_answer_line('answer_3_2 = 可靠性')
    "answer_3_2 = __import__('isq.delivery.checks').delivery.checks.Typed('可靠性')\\n"
    >>> read_answer_line('answer_3_1 = -1.01  # 在此作答')
    'answer_3_1 = -1.01  # 在此作答'
    """
    m = _ANSWER_LINE.match(line.rstrip("\n"))
    if not m:
        return line
    rhs = m.group("rhs")
    code, _, comment = rhs.partition("#")
    code = code.strip()
    if not code or _is_python(rhs) or _is_python(code):
        return line
    return f"{m.group('lhs')}__import__('isq.delivery.checks').delivery.checks.Typed({code!r})\n"


def _transform(lines):
    return [read_answer_line(line) for line in lines]


def install_code_route_help():
    """In a running IPython kernel, read unreadable ``answer_N_M = ...`` lines as typed text (once)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    ip = get_ipython()
    if ip is None or not hasattr(ip, "input_transformers_cleanup"):
        return False
    if _transform not in ip.input_transformers_cleanup:
        ip.input_transformers_cleanup.append(_transform)
    return True
