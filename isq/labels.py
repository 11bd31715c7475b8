"""Label dictionaries (zh/en) shared by plots, findings and reports.

One vocabulary, written once. ``label(key, lang)`` returns the display name.
"""

from __future__ import annotations

__all__ = ["LABELS", "label", "check_lang", "DIMENSIONS", "KANO_CATEGORIES", "IPA_QUADRANTS"]

#: SERVQUAL dimensions in instrument order.
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
#: Kano categories in the order of the M > O > A > I rule, then R, Q.
KANO_CATEGORIES = ("M", "O", "A", "I", "R", "Q")
#: Importance–performance quadrants.
IPA_QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")

LABELS = {
    "zh": {
        # SERVQUAL dimensions (服务质量五度)
        "tangibles": "有形性", "reliability": "可靠性", "responsiveness": "响应性",
        "assurance": "保证性", "empathy": "移情性",
        # Kano
        "A": "魅力型", "O": "期望型", "M": "必备型", "I": "无差异型", "R": "反向型", "Q": "可疑结果",
        "kano_better": "Better 系数（满意影响力）", "kano_worse_abs": "|Worse| 系数（不满意影响力）",
        "kano_share": "占比", "feature": "功能需求",
        # IPA
        "concentrate": "重点改进", "keep_up": "继续保持", "low_priority": "低优先", "overkill": "供给过度",
        # general
        "expectation": "期望", "perception": "感知", "gap": "差距", "importance": "重要性",
        "performance": "表现", "wave": "批次", "pre": "培训前", "post": "培训后",
        "department": "部门", "provider": "服务部门", "n": "样本量",
        "suppressed": "样本不足（少于 {k} 人），不予显示",
    },
    "en": {
        "tangibles": "Tangibles", "reliability": "Reliability", "responsiveness": "Responsiveness",
        "assurance": "Assurance", "empathy": "Empathy",
        "A": "Attractive", "O": "One-dimensional", "M": "Must-be", "I": "Indifferent",
        "R": "Reverse", "Q": "Questionable",
        "kano_better": "Better coefficient (satisfaction)", "kano_worse_abs": "|Worse| coefficient (dissatisfaction)",
        "kano_share": "Share of respondents", "feature": "Feature",
        "concentrate": "Concentrate here", "keep_up": "Keep up the good work",
        "low_priority": "Low priority", "overkill": "Possible overkill",
        "expectation": "Expectation", "perception": "Perception", "gap": "Gap",
        "importance": "Importance", "performance": "Performance", "wave": "Wave",
        "pre": "Before training", "post": "After training",
        "department": "Department", "provider": "Serving department", "n": "n",
        "suppressed": "Fewer than {k} respondents: not shown",
    },
}


def check_lang(lang):
    """Return ``lang`` if it is 'zh' or 'en', else raise a clear error."""
    if lang not in LABELS:
        from .errors import IsqError

        raise IsqError(f"`lang` must be 'zh' or 'en'; got {lang!r}.")
    return lang


def label(key, lang="zh"):
    """Display name of ``key`` in ``lang``; the key itself when there is none."""
    return LABELS[check_lang(lang)].get(key, key)
