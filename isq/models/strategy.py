"""Service strategy house (策略屋) and strategy execution breakdown (执行分解).

A strategy house is written in YAML (see ``isq/data/strategy_house_demo.yaml``)::

    roof: 打造"用心服务、高效协同"的内部服务体系     # the goal (目标)
    pillars:                                        # the strategies (策略)
      - name: 提速 IT 响应
        dimension: responsiveness                   # optional
        projects:
          - name: IT 服务台分级响应
            owner: IT                               # optional
            actions:
              - {what: 制定故障分级标准, owner: IT, due: 2026-03-31}
    foundation:                                     # culture and mechanisms (文化与机制)
      - 内部客户意识：下道工序就是客户

:func:`load_strategy` validates it and names the file and key path of every mistake.
"""

from __future__ import annotations

import pandas as pd

from ..data.loaders import DEMO_STRATEGY_PATH, load_strategy

__all__ = ["load_strategy", "strategy_breakdown_table", "DEMO_STRATEGY_PATH"]

def strategy_breakdown_table(house, *, lang=None):
    """The execution breakdown as a tidy table (one row per action), ready for Excel.

    Parameters
    ----------
    house : dict, str or Path
        Output of :func:`load_strategy` (or anything it accepts).
    lang : {None, "zh", "en"}
        None keeps the snake_case column names; "zh"/"en" gives display headers.

    Returns
    -------
    DataFrame
        ``strategy_no, strategy, dimension, project_no, project, project_owner, action_no,
        action, owner, due, status``. A project without actions gives one row with empty
        action fields; ``due`` is datetime64.

    Examples
    --------
    >>> t = isq.strategy_breakdown_table("demo")
    >>> t.shape[0], t["owner"].iloc[0], str(t["due"].max().date())
    (14, 'IT', '2026-09-30')
    """
    if not (isinstance(house, dict) and "pillars" in house and "source" in house):
        house = load_strategy(house)
    rows = []
    for i, p in enumerate(house["pillars"], 1):
        projects = p["projects"] or [{"name": None, "dimension": p["dimension"], "owner": None, "actions": []}]
        for j, pr in enumerate(projects, 1):
            actions = pr["actions"] or [{"what": None, "owner": None, "due": None, "status": None}]
            for k, a in enumerate(actions, 1):
                rows.append({
                    "strategy_no": i, "strategy": p["name"], "dimension": pr["dimension"],
                    "project_no": f"{i}.{j}", "project": pr["name"], "project_owner": pr["owner"],
                    "action_no": f"{i}.{j}.{k}" if a["what"] else None, "action": a["what"],
                    "owner": a["owner"], "due": a["due"], "status": a["status"],
                })
    out = pd.DataFrame(rows)
    out["due"] = pd.to_datetime(out["due"])
    if lang is not None:
        from ..labels import label

        heads = {"strategy_no": {"zh": "序号", "en": "No."}, "project_no": {"zh": "项目编号", "en": "Project no."},
                 "action_no": {"zh": "行动编号", "en": "Action no."}, "status": {"zh": "状态", "en": "Status"}}
        out = out.rename(columns={c: heads[c][lang] if c in heads else label(c, lang) for c in out.columns})
        if lang == "zh" or lang == "en":
            dim_col = label("dimension", lang)
            out[dim_col] = out[dim_col].map(lambda d: label(d, lang) if isinstance(d, str) else d)
    return out
