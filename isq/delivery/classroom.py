"""Classroom guards for notebook parameters (a department too small to show, a typo).

A trainer who sets ``department="LEG"`` (法务部, 4 people) must see a clear Chinese note and
the rest of the module, not a traceback: the privacy rule (no group figure from fewer than
``min_group_size`` respondents) then means the module shows the whole company instead.
"""

from __future__ import annotations

from ..errors import IsqError

__all__ = ["group_or_company"]


def group_or_company(data, value, *, column="provider", respondent="respondent", min_group_size=5,
                     lang="zh", names=None):
    """``value`` if the group ``data[column] == value`` is large enough to show, else "".

    "" means the whole company. A group rated by fewer than ``min_group_size`` distinct
    respondents prints a note (Chinese by default) and falls back to the company.

    Parameters
    ----------
    data : DataFrame
        Long answers with ``column`` and ``respondent`` columns (e.g. the demo "servqual").
    value : str
        The department code chosen in the notebook parameters ("" = the company).
    names : dict, optional
        Display names of the codes for the note (e.g. ``data.department_labels(lang)``).

    Raises
    ------
    IsqError
        When ``value`` is not a code found in ``data[column]`` (the codes are listed).

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> group_or_company(sq, "IT")
    'IT'
    >>> group_or_company(sq, "LEG", names={"LEG": "法务部"})
    法务部（LEG）的评价人数少于 5 人，按隐私规则不单独显示；下面显示全公司的结果。
    ''
    """
    value = "" if value is None else str(value).strip()
    if not value:
        return ""
    codes = sorted(map(str, data[column].dropna().unique()))
    if value not in codes:
        raise IsqError(f"`{column}`={value!r} is not in the data; choose one of {', '.join(codes)} "
                       f"or \"\" for the whole company. (没有部门代码 {value!r}；可选：{'、'.join(codes)}，留空为全公司。)")
    n = data.loc[data[column].astype(str) == value, respondent].nunique()
    if n >= min_group_size:
        return value
    name = (names or {}).get(value)
    who = f"{name}（{value}）" if name and lang == "zh" else (f"{name} ({value})" if name else value)
    print(f"{who}的评价人数少于 {min_group_size} 人，按隐私规则不单独显示；下面显示全公司的结果。" if lang == "zh"
          else f"{who} has fewer than {min_group_size} respondents and is not shown on its own (privacy); "
               f"the whole company is shown instead.")
    return ""
