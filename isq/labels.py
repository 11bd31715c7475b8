"""Label dictionaries (zh/en) shared by plots, findings and reports.

One vocabulary, written once. ``label(key, lang)`` returns the display name.
"""

from __future__ import annotations

__all__ = ["LABELS", "label", "check_lang", "COLUMN_LABELS", "column_label", "DIMENSIONS", "KANO_CATEGORIES", "IPA_QUADRANTS"]

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

# Journey map, bull's-eye, strategy house, complaint control (Pareto, control charts).
LABELS["zh"].update({
    "pain": "痛点", "itch": "痒点", "delight": "爽点", "neutral": "一般", "mot": "关键时刻 MOT",
    "emotion": "情绪得分", "touchpoint": "触点", "stage": "阶段", "peak_end": "峰终值",
    "before": "改善前", "after": "改善后", "expense": "费用报销", "onboarding": "新员工入职",
    "ring_must": "必须立即做", "ring_should": "应该做", "ring_could": "可以做",
    "bullseye_title": "改善项目牛眼图",
    "roof": "目标", "pillars": "策略", "foundation": "文化与机制",
    "strategy": "策略", "dimension": "维度", "project": "项目", "project_owner": "项目负责人",
    "action": "行动", "owner": "负责人", "due": "完成日期",
    "strategy_house_title": "服务策略屋", "breakdown_title": "策略执行分解",
    "count": "数量", "share": "占比", "cum_share": "累计占比", "vital_few": "关键少数",
    "pareto_title": "投诉原因帕累托图", "category": "类别",
    "value": "比率", "center": "中心线", "ucl": "上控制限 UCL", "lcl": "下控制限 LCL",
    "out_of_control": "失控点", "excluded": "剔除点（不计入控制限）", "subgroup": "子组", "control_chart_title": "投诉率控制图",
    "zone": "区", "month": "月份",
})
LABELS["en"].update({
    "pain": "Pain point", "itch": "Itch point", "delight": "Delight point", "neutral": "Neutral",
    "mot": "Moment of truth", "emotion": "Emotion score", "touchpoint": "Touchpoint",
    "stage": "Stage", "peak_end": "Peak-end", "before": "Before", "after": "After",
    "expense": "Expense claim", "onboarding": "Onboarding",
    "ring_must": "Must do now", "ring_should": "Should do", "ring_could": "Could do",
    "bullseye_title": "Bull's-eye of improvement items",
    "roof": "Goal", "pillars": "Strategies", "foundation": "Culture and mechanisms",
    "strategy": "Strategy", "dimension": "Dimension", "project": "Project",
    "project_owner": "Project owner", "action": "Action", "owner": "Owner", "due": "Due date",
    "strategy_house_title": "Service strategy house", "breakdown_title": "Strategy execution breakdown",
    "count": "Count", "share": "Share", "cum_share": "Cumulative share", "vital_few": "Vital few",
    "pareto_title": "Pareto of complaint causes", "category": "Category",
    "value": "Rate", "center": "Centre line", "ucl": "UCL", "lcl": "LCL",
    "out_of_control": "Out of control", "excluded": "Excluded from the limits", "subgroup": "Subgroup",
    "control_chart_title": "Complaint-rate control chart", "zone": "zone", "month": "Month",
})

# SERVQUAL charts, zone of tolerance and the 5-GAP model.
LABELS["zh"].update({
    "shortboard": "短板", "adequate": "合格服务水平", "desired": "理想服务水平",
    "zone_of_tolerance": "容忍区", "below": "低于容忍区", "within": "容忍区内", "above": "高于容忍区",
    "servqual_radar_title": "服务质量五度：期望与感知", "gap_bars_title": "服务质量差距（感知 − 期望）",
    "zone_title": "服务容忍区", "gap_model_title": "服务质量五差距模型",
    "score": "得分", "gap_1": "差距1 认知", "gap_2": "差距2 标准", "gap_3": "差距3 交付",
    "gap_4": "差距4 沟通", "gap_5": "差距5 服务",
})
LABELS["en"].update({
    "shortboard": "Shortboard", "adequate": "Adequate service", "desired": "Desired service",
    "zone_of_tolerance": "Zone of tolerance", "below": "Below the zone", "within": "Within the zone",
    "above": "Above the zone",
    "servqual_radar_title": "SERVQUAL: expectation and perception",
    "gap_bars_title": "Service-quality gaps (perception − expectation)",
    "zone_title": "Zone of tolerance", "gap_model_title": "The 5-GAP model",
    "score": "Score", "gap_1": "Gap 1 knowledge", "gap_2": "Gap 2 standards",
    "gap_3": "Gap 3 delivery", "gap_4": "Gap 4 communication", "gap_5": "Gap 5 service",
})


# Satisfaction metrics (NPS, CSAT, CES 2.0) charts.
LABELS["zh"].update({
    "promoters": "推荐者 (9–10)", "passives": "中立者 (7–8)", "detractors": "贬损者 (0–6)",
    "answer_share": "回答占比", "nps_title": "NPS 净推荐值", "nps_axis": "推荐意愿 (0–10)",
    "csat_axis": "满意度 CSAT (1–5)", "ces_axis": "费力度 CES 2.0 (1–7，越高越容易)",
    "small_n": "样本少", "iso_line": "重要性 = 表现", "no_kano": "卡诺未分类",
})
LABELS["en"].update({
    "promoters": "Promoters (9–10)", "passives": "Passives (7–8)",
    "detractors": "Detractors (0–6)", "answer_share": "Share of answers",
    "nps_title": "Net Promoter Score", "nps_axis": "Likelihood to recommend (0–10)",
    "csat_axis": "CSAT (1–5)", "ces_axis": "CES 2.0 (1–7, higher = easier)",
    "small_n": "small n", "iso_line": "importance = performance", "no_kano": "no Kano category",
})

# Peer ratings (部门互评), service phrases, conflict modes, team scoreboard.
LABELS["zh"].update({
    "peer_rater": "评价部门（内部客户）", "peer_provider": "被评部门（服务方）",
    "peer_matrix_title": "部门互评矩阵（平均分）", "peer_ranking_title": "部门互评排名",
    "insufficient": "样本不足", "mean_score": "平均分", "interval": "{p:.0%} 置信区间",
    "explicit": "显性", "implicit": "隐性",
    "assertiveness": "自我主张（坚持己见）", "cooperativeness": "合作性（关注对方）",
    "competing": "竞争", "collaborating": "合作", "compromising": "妥协",
    "avoiding": "回避", "accommodating": "迁就", "conflict_map_title": "冲突处理模式图",
    "scoreboard_title": "团队积分榜", "total_points": "总积分", "rank_fmt": "第{rank}名",
    "mvp_fmt": "MVP：{member}（{team}，{points:g} 分）",
})
LABELS["en"].update({
    "peer_rater": "Rating department (internal customer)",
    "peer_provider": "Rated department (provider)",
    "peer_matrix_title": "Department-to-department ratings (mean)",
    "peer_ranking_title": "Peer-rating ranking", "insufficient": "Too few",
    "mean_score": "Mean score", "interval": "{p:.0%} confidence interval",
    "explicit": "Explicit", "implicit": "Implicit",
    "assertiveness": "Assertiveness", "cooperativeness": "Cooperativeness",
    "competing": "Competing", "collaborating": "Collaborating", "compromising": "Compromising",
    "avoiding": "Avoiding", "accommodating": "Accommodating",
    "conflict_map_title": "Conflict-handling modes",
    "scoreboard_title": "Team scoreboard", "total_points": "Total points", "rank_fmt": "#{rank}",
    "mvp_fmt": "MVP: {member} ({team}, {points:g} points)",
})


# Internal service network (谁服务谁), course widgets.
LABELS["zh"].update({
    "network_title": "谁服务谁：内部服务网络",
    "network_note": "箭头：服务部门 → 内部客户；线越粗，评价人数越多；灰色虚线：少于最小人数，不予显示",
    "room_votes": "现场投票",
})
LABELS["en"].update({
    "network_title": "Who serves whom: the internal service network",
    "network_note": "Arrow: provider → internal customer; wider = more raters; grey dashed: too few raters to show",
    "room_votes": "Votes in the room",
})

def check_lang(lang):
    """Return ``lang`` if it is 'zh' or 'en', else raise a clear error."""
    if lang not in LABELS:
        from .errors import IsqError

        raise IsqError(f"`lang` must be 'zh' or 'en'; got {lang!r}.")
    return lang


def label(key, lang="zh"):
    """Display name of ``key`` in ``lang``; the key itself when there is none."""
    return LABELS[check_lang(lang)].get(key, key)


#: Display names of result columns (report tables, workbook sheets). Keys are isq's output columns.
COLUMN_LABELS = {
    "zh": {
        "dimension": "维度", "item": "题项", "provider": "服务部门", "department": "部门", "wave": "批次",
        "n": "样本量", "expectation_mean": "期望均值", "perception_mean": "感知均值", "gap": "差距",
        "gap_ci_low": "差距下限", "gap_ci_high": "差距上限", "feature": "功能/服务", "category": "类别",
        "category_rule": "类别（M>O>A>I）", "better": "满意系数 Better", "worse": "不满系数 Worse",
        "rank": "排名", "attribute": "题项", "quadrant": "象限", "importance_mean": "重要性",
        "performance_mean": "表现", "priority": "优先指数", "score": "综合得分", "nps": "NPS",
        "nps_ci_low": "NPS 下限", "nps_ci_high": "NPS 上限", "csat": "满意率", "csat_mean": "满意度均值",
        "ces_mean": "费力度均值", "ces_agree": "认为容易的比例", "mean": "均值", "ci_low": "下限", "ci_high": "上限",
        "n_pairs": "配对人数", "mean_before": "培训前", "mean_after": "培训后", "diff": "变化",
        "effect": "效应量", "effect_ci_low": "效应量下限", "effect_ci_high": "效应量上限", "p_adj": "p（Holm 校正）",
        "significant": "显著", "journey": "旅程", "version": "版本", "peak_touchpoint": "峰值触点", "peak": "峰值",
        "end_touchpoint": "终点触点", "end": "终值", "peak_end": "峰终值", "label": "改善项目", "sector": "类别",
        "ring": "圈层", "category_share": "占比", "count": "数量", "share": "占比", "cum_share": "累计占比",
        "vital_few": "关键少数", "file": "文件", "table": "数据表", "rows_read": "读取行数", "rows_kept": "保留行数",
        "rows_excluded": "排除行数", "problem": "问题", "column": "列", "reason": "原因", "rows": "行数",
        "month": "月份", "rate": "投诉率", "ucl": "控制上限", "knowledge": "差距 1", "value": "数值",
    },
    "en": {},
}


def column_label(column, lang="zh"):
    """Display name of a result column in ``lang`` (the column itself when there is none)."""
    return COLUMN_LABELS[check_lang(lang)].get(column, column)

# Team self-assessments (课堂自评) and the course-outcomes booklet.
LABELS["zh"].update({
    "past": "过去", "present": "现在", "future": "未来",
    "wheel_title": "内部服务平衡轮", "standards_title": "五项满意标准自评",
    "levels_title": "服务意识与服务体验的层次", "knowledge_title": "知识管理成熟度",
    "thinking_title": "管理思维反思", "patrol_title": "服务巡视得分趋势",
    "patrol_weakest_title": "巡视最弱项", "visit": "巡视次数", "patrol_percent": "得分率",
    "self_score": "自评得分", "maturity_level": "成熟度等级", "level_none": "未达基本",
    "team": "团队",
})
LABELS["en"].update({
    "past": "Past", "present": "Present", "future": "Future",
    "wheel_title": "Internal service balance wheel", "standards_title": "Five satisfaction standards",
    "levels_title": "Levels of service awareness and experience",
    "knowledge_title": "Knowledge-management maturity", "thinking_title": "Management thinking",
    "patrol_title": "Service patrol score over visits", "patrol_weakest_title": "Weakest patrol items",
    "visit": "Visit", "patrol_percent": "Share of maximum", "self_score": "Self-rating",
    "maturity_level": "Maturity level", "level_none": "Below basic", "team": "Team",
})
