"""A tiny example check used by the documentation and tests."""

from . import close, exercise, fail, ok
from .parse import Number


@exercise("demo.1", answer=Number())
def _gap(answer):
    """Perception 5.5, expectation 5.0: what is the gap?"""
    if not isinstance(answer, (int, float)):
        return fail("请填写一个数字。", "差距 = 感知 − 期望。")
    if close(answer, 0.5):
        return ok("正确！感知比期望高 0.5 分。")
    if close(answer, -0.5):
        return fail("符号反了：差距 = 感知 − 期望，感知高于期望时差距为正。")
    return fail(f"{answer} 不对。", "差距 = 感知 − 期望 = 5.5 − 5.0。")
