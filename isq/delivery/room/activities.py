"""Room activities (课堂互动活动): what a phone is asked, how an answer is checked, and the
tidy table the answers become.

Every activity is built from isq's own instruments (``isq/data/instruments``, the conflict
exercise, the self-assessments, the worksheets), so a phone can only send what the models
accept. An activity is described to the phone as JSON (:meth:`Activity.spec`): a list of
questions, each with parts (a scale, a choice, a short text ...). An answer is one
question's parts; :func:`check_answer` validates it against the spec and says in Chinese
(and English) what was wrong. :data:`FRAMES` turns the stored answers into exactly the
columns of the matching demo table (``isq.load_demo("kano")`` ...), plus ``team``.

Activity names follow the demo tables and the workshop folder: ``kano``, ``servqual``,
``ipa``, ``satisfaction``, ``peer_ratings``, ``self_ratings``, ``conflict``, ``phrases``,
``ideas``, ``votes``, ``journey``, ``quiz``, ``worksheet`` and the self-assessments
``wheel``, ``standards``, ``levels``, ``knowledge``, ``thinking``, ``patrol``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...errors import IsqError

__all__ = [
    "ACTIVITIES", "ASSESSMENT_ACTIVITIES", "MAX_TEXT", "MAX_LONG_TEXT", "AnswerError",
    "RoomContext", "build_spec", "check_answer", "answer_key",
]

#: Longest short text (phrases, idea titles, worksheet text fields), in characters.
MAX_TEXT = 200
#: Longest long text (worksheet long_text fields), in characters.
MAX_LONG_TEXT = 2000
#: Most phrase / idea entries one participant may send in one activity.
MAX_SLOTS = 5
#: Self-assessments a team can fill in from phones (``assessments/<name>/<team>.csv``).
ASSESSMENT_ACTIVITIES = ("wheel", "standards", "levels", "knowledge", "thinking", "patrol")
#: Every activity name.
ACTIVITIES = ("kano", "servqual", "ipa", "satisfaction", "peer_ratings", "self_ratings", "conflict",
              "phrases", "ideas", "votes", "journey", "quiz", "worksheet", *ASSESSMENT_ACTIVITIES)


class AnswerError(IsqError):
    """An answer that does not fit the activity; ``zh`` is shown on the phone."""

    def __init__(self, zh, en):
        super().__init__(f"{en} ({zh})")
        self.zh, self.en = zh, en

    def message(self, lang="zh"):
        return self.zh if lang == "zh" else self.en


@dataclass
class RoomContext:
    """What an activity needs to know about the room: teams and their departments.

    ``teams`` maps team name -> department code (or None); ``departments`` maps codes to
    zh/en names. Built by :func:`isq.delivery.room.store.room_context`.
    """

    teams: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)  # code -> {"zh", "en"}
    free_teams: bool = False
    ideas: list = field(default_factory=list)  # [{"idea", "title", "dimension", "team"}]

    def department_options(self, lang, exclude=None):
        codes = [c for c in dict.fromkeys(list(self.departments)) if c != exclude]
        return [{"value": c, "label": self.departments[c].get(lang) or c} for c in codes]


def _t(lang, zh, en):
    return zh if lang == "zh" else en


# ----------------------------------------------------------------------------- parts
def _scale_part(name, label, scale, lang, required=True):
    labels = {str(c): (v.get(lang) or v.get("zh") or "") for c, v in scale.labels.items()}
    return {"name": name, "label": label, "type": "scale", "min": scale.min, "max": scale.max,
            "labels": labels, "required": required}


def _range_part(name, label, lo, hi, lang, labels=None, required=True):
    return {"name": name, "label": label, "type": "scale", "min": lo, "max": hi,
            "labels": labels or {}, "required": required}


def _choice_part(name, label, options, required=True):
    return {"name": name, "label": label, "type": "choice", "options": options, "required": required}


def _text_part(name, label, *, maxlength=MAX_TEXT, required=True, long=False):
    return {"name": name, "label": label, "type": "long_text" if long else "text",
            "maxlength": maxlength, "required": required}


# ----------------------------------------------------------------------------- specs
def _instrument(name):
    from ...data.instruments import load_instrument

    return load_instrument(name)


def _kano(ctx, opts, lang):
    ins = _instrument("kano")
    feats = opts.get("features") or ins.item_codes
    qs = []
    for code in feats:
        it = ins.item(code)
        parts = [_scale_part(p, ins.wording(code, p, lang), ins.scale_for(code, p), lang,
                             required=ins.parts[p].required)
                 for p in ("functional", "dysfunctional")]
        if opts.get("importance"):
            parts.append(_scale_part("importance", ins.wording(code, "importance", lang),
                                     ins.scale_for(code, "importance"), lang, required=False))
        qs.append({"id": code, "label": getattr(it, lang), "parts": parts})
    return {"title": _t(lang, "KANO 需求分析", "Kano needs analysis"),
            "intro": _t(lang, "每项服务回答两个问题：提供时和不提供时您的感受。",
                        "Two questions per service: how you feel if it is offered, and if not."),
            "questions": qs}


def _servqual(ctx, opts, lang):
    ins = _instrument("servqual")
    perception_only = bool(opts.get("perception_only"))
    qs = []
    for it in ins.items:
        parts = [] if perception_only else [
            _scale_part("expectation", _t(lang, "期望", "Expectation"), ins.scale_for(it.code, "expectation"), lang)]
        parts.append(_scale_part("perception", _t(lang, "感知", "Perception"),
                                 ins.scale_for(it.code, "perception"), lang))
        qs.append({"id": it.code, "label": getattr(it, lang), "group": it.dimension, "parts": parts})
    return {"title": _t(lang, "服务质量五度（SERVQUAL）", "SERVQUAL five dimensions"),
            "intro": _t(lang, "1 = 非常不同意，7 = 非常同意。" + ("" if perception_only else "先答期望，再答感知。"),
                        "1 = strongly disagree, 7 = strongly agree."),
            "questions": qs}


def _ipa(ctx, opts, lang):
    ins = _instrument("importance")
    items = opts.get("attributes") or ins.item_codes
    qs = [{"id": c, "label": getattr(ins.item(c), lang), "group": ins.item(c).dimension,
           "parts": [_scale_part("importance", _t(lang, "重要性", "Importance"), ins.scale_for(c, "importance"), lang),
                     _scale_part("performance", _t(lang, "表现", "Performance"), ins.scale_for(c, "performance"), lang)]}
          for c in items]
    return {"title": _t(lang, "重要性与表现", "Importance and performance"),
            "intro": _t(lang, "每个服务要素：它有多重要？目前做得怎样？", "For each attribute: how important, how well done?"),
            "questions": qs}


def _provider_part(ctx, opts, lang, exclude=None):
    return _choice_part("provider", _t(lang, "您评价的服务部门", "Department rated"),
                        ctx.department_options(lang, exclude=exclude))


def _satisfaction(ctx, opts, lang):
    ins = _instrument("satisfaction")
    parts = [] if opts.get("provider") else [_provider_part(ctx, opts, lang)]
    for it in ins.items:
        parts.append(_scale_part(it.column, getattr(it, lang), ins.scales[it.scale], lang))
    return {"title": _t(lang, "满意度、推荐度与费力度", "Satisfaction, NPS and effort"),
            "intro": _t(lang, "请为一个为您提供服务的部门打分。", "Rate one department that serves you."),
            "questions": [{"id": "S", "label": _t(lang, "总体评价", "Overall"), "parts": parts,
                           "key_part": None if opts.get("provider") else "provider"}]}


def _peer(ctx, opts, lang, self_rating=False):
    ins = _instrument("peer_ratings")
    scale = ins.scales["rate5"]
    parts = [] if (self_rating or opts.get("provider")) else [_provider_part(ctx, opts, lang)]
    parts += [_scale_part(it.code, getattr(it, lang), scale, lang) for it in ins.items]
    title = (_t(lang, "本部门自评", "Self-rating of our department") if self_rating
             else _t(lang, "部门互评", "Department-to-department ratings"))
    keyed = not (self_rating or opts.get("provider"))
    return {"title": title, "intro": _t(lang, "1 = 很差，5 = 很好。", "1 = very poor, 5 = very good."),
            "questions": [{"id": "PR", "label": title, "parts": parts,
                           "key_part": "provider" if keyed else None}]}


def _conflict(ctx, opts, lang):
    from ...models.conflict import load_conflict_items

    ex = load_conflict_items()
    labels = {int(k): v for k, v in ex.labels.get(lang, ex.labels.get("zh", {})).items()}
    qs = [{"id": r.code, "label": getattr(r, lang),
           "parts": [_range_part("score", _t(lang, "符合程度", "How much like me"), ex.low, ex.high, lang,
                                 labels={str(k): v for k, v in labels.items()})]}
          for r in ex.items.itertuples()]
    return {"title": _t(lang, "冲突处理方式自我觉察", "Conflict-handling self-reflection"),
            "intro": _t(lang, "凭第一感觉作答，没有对错。", "Answer with your first feeling; there are no right answers."),
            "questions": qs}


def _slots(ctx, opts, lang, parts, label):
    n = min(int(opts.get("slots", 3)), MAX_SLOTS)
    return [{"id": str(i), "label": f"{label} {i}", "parts": parts, "optional": True} for i in range(1, n + 1)]


def _phrases(ctx, opts, lang):
    parts = [_choice_part("kind", _t(lang, "类型", "Kind"),
                          [{"value": "avoid", "label": _t(lang, "服务禁语", "Phrase to avoid")},
                           {"value": "use", "label": _t(lang, "规范用语", "Phrase to use")}]),
             _text_part("text", _t(lang, "原话", "Wording")),
             _text_part("better", _t(lang, "更好的说法（禁语必填）", "Better wording (for a phrase to avoid)"),
                        required=False)]
    return {"title": _t(lang, "服务用语收集", "Service phrases"),
            "intro": _t(lang, "写下您听到过的服务禁语和更好的说法。", "Write phrases you have heard and a better wording."),
            "questions": _slots(ctx, opts, lang, parts, _t(lang, "用语", "Phrase"))}


def _dimension_options(lang):
    from ...labels import DIMENSIONS, label

    return [{"value": d, "label": label(d, lang)} for d in DIMENSIONS]


def _ideas(ctx, opts, lang):
    parts = [_text_part("title", _t(lang, "改善项目", "Improvement idea"), maxlength=60),
             _choice_part("dimension", _t(lang, "服务质量维度", "Service quality dimension"), _dimension_options(lang))]
    return {"title": _t(lang, "改善项目征集", "Improvement ideas"),
            "intro": _t(lang, "每条一句话，选一个维度。", "One sentence each, with a dimension."),
            "questions": _slots(ctx, opts, lang, parts, _t(lang, "项目", "Idea"))}


def _votes(ctx, opts, lang):
    k = int(opts.get("votes", 3))
    options = [{"value": i["idea"], "label": i["title"]} for i in ctx.ideas]
    return {"title": _t(lang, "改善项目投票（牛眼图）", "Vote for improvement ideas (bull's-eye)"),
            "intro": _t(lang, f"最多选 {k} 项您认为最值得先做的改善。", f"Choose up to {k} ideas to do first."),
            "questions": [{"id": "votes", "label": _t(lang, "我的选择", "My choice"),
                           "parts": [{"name": "ideas", "label": _t(lang, "改善项目", "Ideas"), "type": "multi",
                                      "options": options, "max": k, "required": True}]}]}


def journey_touchpoints(journey="expense", version="before"):
    """The touchpoints of a demo journey (``stage, stage_order, touchpoint, order``)."""
    from ...data.demo import load_demo

    j = load_demo("journey")
    j = j[(j["journey"] == journey) & (j["version"] == version)]
    if j.empty:
        raise IsqError(f"Unknown journey {journey!r} / version {version!r}; the demo has "
                       f"{', '.join(sorted(set(load_demo('journey')['journey'])))}. (没有这个旅程。)")
    return j.drop_duplicates("order").sort_values("order")[["stage", "stage_order", "touchpoint", "order"]]


def _journey(ctx, opts, lang):
    tp = journey_touchpoints(opts.get("journey", "expense"), opts.get("version", "before"))
    qs = [{"id": str(r.order), "label": f"{r.stage} · {r.touchpoint}",
           "parts": [_range_part("score", _t(lang, "体验（−3 很差 … +3 很好）", "Experience (−3 … +3)"), -3, 3, lang,
                                 labels={"-3": _t(lang, "很差", "awful"), "0": _t(lang, "一般", "neutral"),
                                         "3": _t(lang, "很好", "great")}),
                     {"name": "mot", "label": _t(lang, "这是关键时刻（MOT）", "A moment of truth"),
                      "type": "bool", "required": False}]}
          for r in tp.itertuples()]
    return {"title": _t(lang, "体验旅程打分", "Journey touchpoint scores"),
            "intro": _t(lang, "回想最近一次经历，为每个触点打分。", "Think of your last experience; score each touchpoint."),
            "questions": qs}


def _assessment(name):
    def build(ctx, opts, lang):
        from ...models.assessments import load_assessment

        items = load_assessment(name)
        lo, hi = items.attrs["scale"]
        title = items.attrs["name_zh"] if lang == "zh" else items.attrs["name_en"]
        periods = {"past": _t(lang, "过去", "Past"), "present": _t(lang, "现在", "Present"),
                   "future": _t(lang, "未来目标", "Future")}
        qs = []
        for r in items.itertuples():
            text = r.text_zh if lang == "zh" else r.text_en
            if name == "wheel":
                parts = [_range_part(p, lab, lo, hi, lang) for p, lab in periods.items()]
            else:
                parts = [_range_part("score", _t(lang, "得分", "Score"), lo, hi, lang)]
            qs.append({"id": r.item, "label": text, "parts": parts})
        return {"title": title, "intro": _t(lang, f"{lo} 分最低，{hi} 分最高；本组的平均分写入成果。",
                                            f"{lo} lowest, {hi} highest; the team mean is saved."),
                "questions": qs}
    return build


def _quiz(ctx, opts, lang):
    if not opts.get("question") or not opts.get("options"):
        raise IsqError("A quiz activity needs options `question` and `options` (a list) and `answer` "
                       "(the correct option's index, from 0). (抢答题需要题目、选项和正确答案。)")
    options = [{"value": str(i), "label": str(o)} for i, o in enumerate(opts["options"])]
    points = opts.get("points", 10)
    return {"title": _t(lang, "抢答题", "Quiz"),
            "intro": _t(lang, f"答对为本组加 {points} 分。", f"A correct answer scores {points} points for your team."),
            "questions": [{"id": str(opts.get("id", "q1")), "label": str(opts["question"]),
                           "parts": [_choice_part("answer", _t(lang, "答案", "Answer"), options)]}]}


def _worksheet(ctx, opts, lang):
    from ..workshop import worksheet_schema

    name = opts.get("worksheet")
    if not name:
        raise IsqError("A worksheet activity needs the option `worksheet` (e.g. 'abcde'). (请指定工作表。)")
    spec = worksheet_schema(name)
    parts = []
    for f in spec["fields"]:
        lab = f["zh"] if lang == "zh" else f["en"]
        if f["type"] in ("text", "date"):
            parts.append(_text_part(f["name"], lab, maxlength=MAX_TEXT, required=False))
        elif f["type"] == "long_text":
            parts.append(_text_part(f["name"], lab, maxlength=MAX_LONG_TEXT, required=False, long=True))
        elif f["type"] == "choice":
            parts.append(_choice_part(f["name"], lab, [{"value": o, "label": o} for o in f["options"]], required=False))
        elif f["type"] == "number":
            parts.append({"name": f["name"], "label": lab, "type": "number", "min": f.get("min"),
                          "max": f.get("max"), "required": False})
        # table fields are filled in the notebook (isq.worksheet), not on a phone
    return {"title": spec["title_zh"] if lang == "zh" else spec["title_en"],
            "intro": _t(lang, "本组共同填写；同一字段以最后提交的为准。",
                        "Your team fills this in together; the last answer per field is kept."),
            "team_level": True,
            "questions": [{"id": name, "label": spec["title_zh"] if lang == "zh" else spec["title_en"],
                           "parts": parts}]}


_BUILDERS = {
    "kano": _kano, "servqual": _servqual, "ipa": _ipa, "satisfaction": _satisfaction,
    "peer_ratings": _peer, "self_ratings": lambda c, o, l: _peer(c, o, l, self_rating=True),
    "conflict": _conflict, "phrases": _phrases, "ideas": _ideas, "votes": _votes,
    "journey": _journey, "quiz": _quiz, "worksheet": _worksheet,
    **{name: _assessment(name) for name in ASSESSMENT_ACTIVITIES},
}


def build_spec(activity, ctx=None, options=None, lang="zh"):
    """The JSON description of an activity a phone renders (title, intro, questions/parts).

    Examples
    --------
    >>> spec = build_spec("kano")
    >>> len(spec["questions"]), [p["name"] for p in spec["questions"][0]["parts"]]
    (12, ['functional', 'dysfunctional'])
    """
    if activity not in _BUILDERS:
        raise IsqError(f"Unknown activity {activity!r}; choose one of {', '.join(ACTIVITIES)}. "
                       f"(没有名为 {activity!r} 的课堂活动。)")
    spec = _BUILDERS[activity](ctx or RoomContext(), dict(options or {}), lang)
    spec.setdefault("team_level", False)
    spec["activity"] = activity
    return spec


# ----------------------------------------------------------------------------- answers
def _check_part(part, value, lang):
    """One part's value, cleaned; AnswerError naming the part otherwise."""
    lab = part["label"]
    kind = part["type"]
    if value is None or value == "" or value == []:
        if part.get("required", True):
            raise AnswerError(f"请回答：{lab}", f"Please answer: {lab}")
        return None
    if kind in ("scale", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise AnswerError(f"{lab}：请填写数字", f"{lab}: expected a number")
        try:
            x = float(value)
        except ValueError:
            raise AnswerError(f"{lab}：请填写数字", f"{lab}: expected a number") from None
        lo, hi = part.get("min"), part.get("max")
        if not math.isfinite(x) or (lo is not None and x < lo) or (hi is not None and x > hi):
            raise AnswerError(f"{lab}：应在 {lo} 到 {hi} 之间", f"{lab}: must be from {lo} to {hi}")
        if kind == "scale" and not x.is_integer():
            raise AnswerError(f"{lab}：请选择 {lo}–{hi} 的整数", f"{lab}: choose a whole number {lo}–{hi}")
        return int(x) if x.is_integer() else x
    if kind == "choice":
        allowed = [o["value"] for o in part["options"]]
        if str(value) not in allowed:
            raise AnswerError(f"{lab}：请从给出的选项中选择", f"{lab}: choose one of the options")
        return str(value)
    if kind == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswerError(f"{lab}：请选择选项", f"{lab}: expected a list of options")
        allowed = {o["value"] for o in part["options"]}
        if len(set(value)) != len(value) or not set(value) <= allowed:
            raise AnswerError(f"{lab}：选项无效或重复", f"{lab}: unknown or repeated option")
        if len(value) > part["max"]:
            raise AnswerError(f"{lab}：最多选 {part['max']} 项", f"{lab}: choose at most {part['max']}")
        return list(value)
    if kind in ("text", "long_text"):
        if not isinstance(value, str):
            raise AnswerError(f"{lab}：请填写文字", f"{lab}: expected text")
        text = value.strip()
        if len(text) > part["maxlength"]:
            raise AnswerError(f"{lab}：最多 {part['maxlength']} 个字（现在 {len(text)} 个）",
                              f"{lab}: at most {part['maxlength']} characters (got {len(text)})")
        if not text and part.get("required", True):
            raise AnswerError(f"请回答：{lab}", f"Please answer: {lab}")
        return text or None
    if kind == "bool":
        if not isinstance(value, bool):
            raise AnswerError(f"{lab}：请勾选或不勾选", f"{lab}: expected true or false")
        return value
    raise AnswerError("未知的题型", f"unknown part type {kind!r}")  # pragma: no cover


def check_answer(spec, question, value, lang="zh"):
    """Validate one answer ``{part: value}`` to ``question`` of ``spec``; return it cleaned.

    Raises
    ------
    AnswerError
        With a Chinese message for the phone (``.zh``) and an English one (``.en``).

    Examples
    --------
    >>> spec = build_spec("kano")
    >>> check_answer(spec, "K01", {"functional": 1, "dysfunctional": "5"})
    {'functional': 1, 'dysfunctional': 5}
    >>> check_answer(spec, "K01", {"functional": 8, "dysfunctional": 5})
    Traceback (most recent call last):
    ...
    isq.delivery.room.activities.AnswerError: ... must be from 1 to 5 (...应在 1 到 5 之间)
    """
    q = next((q for q in spec["questions"] if q["id"] == question), None)
    if q is None:
        raise AnswerError(f"没有这道题：{str(question)[:40]}", f"no question {str(question)[:40]!r} in this activity")
    if not isinstance(value, dict):
        raise AnswerError("答案格式不正确", "an answer must be a mapping of parts")
    names = {p["name"] for p in q["parts"]}
    unknown = set(value) - names
    if unknown:
        raise AnswerError("答案中有多余的内容", f"unknown part(s): {', '.join(sorted(map(str, unknown)))[:80]}")
    clean = {p["name"]: _check_part(p, value.get(p["name"]), lang) for p in q["parts"]}
    if spec["activity"] == "phrases" and clean.get("kind") == "avoid" and not clean.get("better"):
        raise AnswerError("服务禁语请同时写下更好的说法", "for a phrase to avoid, also write a better wording")
    return {k: v for k, v in clean.items() if v is not None}


def answer_key(spec, question, clean):
    """The stored question key: the question id, or ``id:<value>`` for a keyed question
    (e.g. satisfaction per rated department), so re-submitting replaces only that one."""
    q = next(q for q in spec["questions"] if q["id"] == question)
    kp = q.get("key_part")
    return f"{question}:{clean[kp]}" if kp else question
