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

import datetime as _dt
from pathlib import Path

import pandas as pd
import yaml

from ..errors import IsqError

__all__ = ["load_strategy", "strategy_breakdown_table", "DEMO_STRATEGY_PATH"]

#: The bundled demo strategy house of 示例集团 (``load_strategy("demo")`` reads it).
DEMO_STRATEGY_PATH = Path(__file__).resolve().parent.parent / "data" / "strategy_house_demo.yaml"
_TOP_KEYS = {"client", "year", "roof", "pillars", "foundation"}
_PILLAR_KEYS = {"name", "dimension", "projects", "description"}
_PROJECT_KEYS = {"name", "dimension", "owner", "actions", "description"}
_ACTION_KEYS = {"what", "owner", "due", "status"}


class _Checker:
    def __init__(self, source):
        self.source = source

    def fail(self, path, msg):
        where = f"strategy file '{self.source}'" if self.source else "strategy"
        raise IsqError(f"{where}: {path}: {msg}")

    def text(self, obj, path):
        if obj is None or (isinstance(obj, str) and not obj.strip()):
            self.fail(path, "expected a non-empty text, got nothing")
        if isinstance(obj, (dict, list)):
            self.fail(path, f"expected a text, got a {type(obj).__name__}")
        return str(obj).strip()

    def mapping(self, obj, path, allowed, required):
        if not isinstance(obj, dict):
            self.fail(path, f"expected a mapping with keys {sorted(required)}, got {type(obj).__name__}")
        unknown = set(obj) - allowed
        if unknown:
            self.fail(f"{path}.{sorted(map(str, unknown))[0]}" if path else sorted(map(str, unknown))[0],
                      f"unknown key; allowed keys are {sorted(allowed)}")
        for k in required:
            if k not in obj:
                self.fail(f"{path}.{k}" if path else k, "required key is missing")
        return obj

    def seq(self, obj, path, *, min_len=1):
        if not isinstance(obj, list):
            self.fail(path, f"expected a list, got {type(obj).__name__}")
        if len(obj) < min_len:
            self.fail(path, f"expected at least {min_len} entr{'y' if min_len == 1 else 'ies'}, got {len(obj)}")
        return obj

    def date(self, obj, path):
        if isinstance(obj, _dt.datetime):
            return obj.date()
        if isinstance(obj, _dt.date):
            return obj
        try:
            return _dt.date.fromisoformat(str(obj).strip())
        except ValueError:
            self.fail(path, f"expected a date YYYY-MM-DD, got {obj!r}")


def load_strategy(path_or_dict, *, departments=None):
    """Read and validate a strategy house with its execution breakdown.

    Parameters
    ----------
    path_or_dict : str, Path or dict
        A YAML file, an already parsed dict, or ``"demo"`` for the bundled 示例集团 house.
    departments : iterable of str, optional
        Allowed owners (e.g. department codes); by default any text is accepted.

    Returns
    -------
    dict
        ``client, year, roof, pillars, foundation, source``; each pillar has ``name,
        dimension, projects``; each project ``name, dimension, owner, actions``; each
        action ``what, owner, due`` (a ``datetime.date``) and ``status``.

    Raises
    ------
    IsqError
        Naming the file and the key path, e.g.
        ``pillars[2].projects[0].actions[1].due: expected a date YYYY-MM-DD``.

    Examples
    --------
    >>> house = isq.load_strategy("demo")
    >>> house["roof"]
    '打造"用心服务、高效协同"的内部服务体系'
    >>> [p["name"] for p in house["pillars"]]
    ['提速 IT 响应', '简化流程', '主动沟通、不推诿']
    """
    source = None
    if isinstance(path_or_dict, dict):
        raw = path_or_dict
    else:
        path = DEMO_STRATEGY_PATH if str(path_or_dict) == "demo" else Path(path_or_dict)
        source = str(path)
        if not path.is_file():
            raise IsqError(f"strategy file '{path}' does not exist (give a YAML file, a dict or \"demo\").")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise IsqError(f"strategy file '{path}' is not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    ck = _Checker(source)
    ck.mapping(raw, "", _TOP_KEYS, ("roof", "pillars"))
    allowed_owner = None if departments is None else {str(d) for d in departments}

    def owner(obj, path, required):
        if obj is None and not required:
            return None
        o = ck.text(obj, path)
        if allowed_owner is not None and o not in allowed_owner:
            ck.fail(path, f"unknown owner {o!r}; expected one of {sorted(allowed_owner)}")
        return o

    house = {
        "client": None if raw.get("client") is None else ck.text(raw["client"], "client"),
        "year": raw.get("year"),
        "roof": ck.text(raw["roof"], "roof"),
        "pillars": [],
        "foundation": [ck.text(f, f"foundation[{i}]")
                       for i, f in enumerate(ck.seq(raw.get("foundation", []), "foundation", min_len=0))],
        "source": source,
    }
    for i, p in enumerate(ck.seq(raw["pillars"], "pillars")):
        pp = f"pillars[{i}]"
        ck.mapping(p, pp, _PILLAR_KEYS, ("name",))
        pillar = {"name": ck.text(p["name"], f"{pp}.name"),
                  "dimension": None if p.get("dimension") is None else ck.text(p["dimension"], f"{pp}.dimension"),
                  "projects": []}
        for j, pr in enumerate(ck.seq(p.get("projects", []), f"{pp}.projects", min_len=0)):
            jp = f"{pp}.projects[{j}]"
            ck.mapping(pr, jp, _PROJECT_KEYS, ("name",))
            project = {"name": ck.text(pr["name"], f"{jp}.name"),
                       "dimension": (pillar["dimension"] if pr.get("dimension") is None
                                     else ck.text(pr["dimension"], f"{jp}.dimension")),
                       "owner": owner(pr.get("owner"), f"{jp}.owner", False), "actions": []}
            for k, a in enumerate(ck.seq(pr.get("actions", []), f"{jp}.actions", min_len=0)):
                kp = f"{jp}.actions[{k}]"
                ck.mapping(a, kp, _ACTION_KEYS, ("what", "owner", "due"))
                project["actions"].append({
                    "what": ck.text(a["what"], f"{kp}.what"),
                    "owner": owner(a["owner"], f"{kp}.owner", True),
                    "due": ck.date(a["due"], f"{kp}.due"),
                    "status": None if a.get("status") is None else ck.text(a["status"], f"{kp}.status"),
                })
            pillar["projects"].append(project)
        house["pillars"].append(pillar)
    return house


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
