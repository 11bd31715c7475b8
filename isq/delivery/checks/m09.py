"""Checks of module 09 投诉控制 (Pareto and p charts)."""

from __future__ import annotations

import math

from . import close, exercise, fail, ok
from .parse import Items, Number

#: The small table of exercises 9.2 and 9.3: complaints and requests handled in four months.
P_TABLE = {"month": ["1月", "2月", "3月", "4月"], "complaints": [6, 6, 4, 4], "requests": [100, 200, 300, 400]}


def _as_list(answer):
    if isinstance(answer, str):
        return [a.strip() for a in answer.replace("，", ",").replace("、", ",").split(",") if a.strip()]
    return [str(a) for a in answer]


@exercise("9.1", answer=Items())
def _vital_few(answer, complaints=None):
    """Which complaint categories are the vital few (cumulative share reaching 80 %)?"""
    from ...data.demo import load_demo
    from ...models.spc import pareto

    table = pareto(load_demo("complaints") if complaints is None else complaints)
    right = table.loc[table["vital_few"], "category"].tolist()
    given = _as_list(answer)
    if not given:
        return fail("列表是空的。", "请写出类别名称，例如 [\"响应慢\", ...]。")
    unknown = [g for g in given if g not in set(table["category"])]
    if unknown:
        return fail(f"这些不是投诉类别：{'、'.join(unknown)}。",
                    f"类别共有：{'、'.join(table['category'])}。")
    if set(given) == set(right):
        return ok(f"正确！{'、'.join(right)} 合计占投诉的 "
                  f"{table.loc[table['vital_few'], 'share'].sum():.0%}，先解决它们收益最大。")
    if set(given) < set(right):
        cum = table.set_index("category").loc[given, "share"].sum()
        return fail(f"还少了类别：你选的类别累计只占 {cum:.0%}，还没有达到 80%。",
                    "关键少数 = 按数量排序后，累计占比第一次达到 80% 的那个类别为止（包括它）。")
    if set(given) > set(right):
        return fail("多选了：累计占比已经达到 80% 之后的类别属于“次要多数”。",
                    "看 cum_share 列：第一个 ≥ 0.8 的类别是最后一个关键少数。")
    return fail("选的类别不对。", "按 count 从大到小排序，从上往下累加 share，直到累计 ≥ 80%。")


def _pbar():
    return sum(P_TABLE["complaints"]) / sum(P_TABLE["requests"])


def _proportion(answer, right, tol, praise, mistakes, *, asked, otherwise):
    """``answer`` (a proportion) against ``right`` within ``tol``. ``mistakes``: (value, message,
    hint[, tol]) of the typical wrong numbers, tried in order after the percentage mistake."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return fail("请填写一个数字（0–1 之间的比例）。", asked)
    if close(answer, right, tol):
        return ok(praise)
    percent = (right * 100, "这是百分数：控制图里的 p 用 0–1 之间的比例。", f"把 {answer} 除以 100。", tol * 100)
    for value, message, hint, *own in (percent, *mistakes):
        if close(answer, value, own[0] if own else tol):
            return fail(message, hint)
    return fail(f"{answer} 不对。", otherwise)


@exercise("9.2", answer=Number())
def _pbar_check(answer):
    """p̄ of the small table (pooled: total complaints / total requests)."""
    right = _pbar()
    mean_rates = sum(c / n for c, n in zip(P_TABLE["complaints"], P_TABLE["requests"])) / 4
    return _proportion(
        answer, right, 1e-4, f"正确！p̄ = {sum(P_TABLE['complaints'])} ÷ {sum(P_TABLE['requests'])} = {right:.3f}。",
        [(mean_rates, f"{mean_rates:.4f} 是四个月投诉率的简单平均：它让请求量小的月份和大月份权重一样。",
          "p̄ 要合并计算（pooled）：先把投诉数加总，再除以请求数的总和。"),
         (sum(P_TABLE["complaints"]) / 4, "这是每月平均投诉数，不是比例。", "p̄ = Σ 投诉数 ÷ Σ 请求数。", 1e-2)],
        asked="p̄ = 投诉总数 ÷ 受理请求总数。", otherwise="p̄ = (6 + 6 + 4 + 4) ÷ (100 + 200 + 300 + 400)。")


@exercise("9.3", answer=Number())
def _ucl_check(answer):
    """UCL of month 4 (n = 400): p̄ + 3·sqrt(p̄(1 − p̄)/n)."""
    p, n = _pbar(), P_TABLE["requests"][3]
    sigma = math.sqrt(p * (1 - p) / n)
    right = p + 3 * sigma
    mean_rates = sum(c / m for c, m in zip(P_TABLE["complaints"], P_TABLE["requests"])) / 4
    total = sum(P_TABLE["requests"])
    return _proportion(
        answer, right, 2e-4, f"正确！UCL = {p:.3f} + 3 × {sigma:.4f} = {right:.4f}；请求量越大，控制限越窄。",
        [(mean_rates + 3 * math.sqrt(mean_rates * (1 - mean_rates) / n), "中心线用了四个月投诉率的简单平均。",
          "先用练习 9.2 的合并 p̄，再算 UCL。"),
         (p + 2 * sigma, "用了 2 倍标准差：控制限是 3σ（2σ 是警戒区，用于判异规则 2）。", "UCL = p̄ + 3σ。"),
         (p + sigma, "σ 或倍数不对。", "σ = √(p̄(1 − p̄)/n)（别忘了开方），再乘以 3。"),
         (p + 3 * p * (1 - p) / n, "σ 或倍数不对。", "σ = √(p̄(1 − p̄)/n)（别忘了开方），再乘以 3。"),
         (p + 3 * math.sqrt(p * (1 - p) / total), "n 用了四个月请求量的总和：每个月的控制限用当月的请求量 nᵢ。",
          "4 月的 n = 400。")],
        asked="UCL = p̄ + 3·√(p̄(1 − p̄)/n)。", otherwise="UCL = p̄ + 3·√(p̄(1 − p̄)/400)，p̄ 来自练习 9.2。")
