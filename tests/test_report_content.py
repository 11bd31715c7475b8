"""What the report says: overview, recommendations, action plan and the content fixes.

The sections run in this process on the demo company (the planted truths of data/README.md:
company shortboard responsiveness −1.30 on the baseline wave; IT the weakest on responsiveness),
with IPython's display captured, so no kernel is needed.
"""

import re

import pandas as pd
import pytest

import isq
from isq.delivery.overview import composite_idea_score


def _render(department="", lang="zh", sections=None, monkeypatch=None):
    import IPython.display

    from isq.delivery.sections import SECTIONS, Report

    import matplotlib

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, *a, **k: shown.append(obj))
    with matplotlib.rc_context():  # the report theme is a kernel's global state: restore it here
        report = Report(department=department, lang=lang)
        for key in sections or SECTIONS:
            report.section(key)
    parts = []
    for obj in shown:
        if hasattr(obj, "data") and isinstance(obj.data, str):
            parts.append(obj.data)
        else:
            parts.append("[figure]")
    return report, "".join(parts)


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def company(request):
    mp = pytest.MonkeyPatch()
    try:
        yield _render(monkeypatch=mp)
    finally:
        mp.undo()


def test_no_section_fails_on_the_demo(company):
    report, html = company
    assert 'class="isq-error"' not in html, re.findall(r'isq-error">([^<]*)', html)


def test_overview_comes_first_with_sample_sizes(company):
    report, html = company
    assert html.index("一页概览") < html.index("执行摘要")
    ov = _text(html[html.index("isq-overview"):html.index("执行摘要")])
    assert "总体服务质量差距" in ov and "短板" in ov and "净推荐值" in ov and "优先改进 1" in ov
    assert "响应性 -1.30" in ov  # planted company shortboard, baseline wave
    assert "160" in ov  # its sample size
    assert "n = 146" in ov  # the later wave beside it, with its own n
    assert "培训后的变化" in ov


def test_exec_summary_recommends_what_who_and_why(company):
    report, html = company
    summary = _text(html[html.index("执行摘要"):html.index("服务质量五度")])
    assert "建议 1：信息技术部改进响应性（短板维度）" in summary  # IT: the planted weakest on responsiveness
    assert "依据：" in summary and "目标：" in summary and "措施：" in summary
    # survey items are named by their wording, not by codes alone
    assert "该部门明确告知我们服务何时完成" in summary


def test_action_plan_closes_the_report(company):
    report, html = company
    plan = html[html.index("行动计划"):html.index("附录：数据质量")]
    header = re.findall(r"<th>([^<]*)</th>", plan)
    assert header == ["优先级", "改进事项", "责任部门", "措施", "目标", "依据"]
    rows = re.findall(r"<tr>(.*?)</tr>", plan, flags=re.S)[1:]
    assert len(rows) >= 3
    measures = [re.findall(r"<td>([^<]*)</td>", r)[3] for r in rows]
    assert len(set(measures)) == len(measures)  # each action has its own measure from the idea list
    assert html.index("行动计划") > html.index("培训前后对比")


def test_heatmap_zone_weighted_alpha_and_training_views(company):
    report, html = company
    text = _text(html)
    for needle in ("容忍区间", "加权后，总体差距为", "Cronbach", "自评与他评", "宽严度校正后", "基线与培训后"):
        assert needle in text, needle
    weighted = isq.servqual_gaps(report._sq_pre(), level="overall", weights=report.tables["weights"])
    assert f"{weighted['weighted']:+.2f}" in text  # the figure isq computes, not a rounded copy


def test_bullseye_score_is_the_composite_not_the_votes():
    ideas = isq.load_demo("ideas")
    s = composite_idea_score(ideas)
    # I01: 14 votes (the maximum), impact 5, cost 1, feasibility 5 -> every part at its best
    assert s.iloc[0] == pytest.approx(100.0)
    top = ideas.loc[s.idxmax(), "idea"]
    assert s.between(0, 100).all() and top == "I01"
    # a cheap, feasible idea with fewer votes can outrank an expensive one with more
    d = pd.DataFrame({"votes": [10, 9], "impact": [3, 3], "cost": [5, 1], "feasibility": [1, 5]})
    assert composite_idea_score(d).iloc[1] > composite_idea_score(d).iloc[0]


def test_department_nps_finding_compares_waves_not_ranks_them(monkeypatch):
    report, html = _render(department="IT", sections=["summary", "satisfaction"], monkeypatch=monkeypatch)
    text = _text(html)
    assert "最高的是" not in text and "post" not in text and "pre" not in text
    assert re.search(r"净推荐值（NPS）由培训前的 -?\d+（n = \d+）变为培训后的 -?\d+", text)


def test_english_tables_have_english_headers(monkeypatch):
    report, html = _render(lang="en", sections=["servqual", "satisfaction", "training"], monkeypatch=monkeypatch)
    headers = re.findall(r"<th>([^<]*)</th>", html)
    assert headers
    raw = [h for h in headers if "_" in h]
    assert not raw, raw
    assert "Serving department" in headers and "Expectation" in headers


def test_peer_ranking_is_one_wave_and_ranks_have_no_gaps(company):
    report, html = company
    part = html[html.index("部门互评"):html.index("体验旅程")]
    tables = re.findall(r"<table.*?</table>", part, flags=re.S)
    assert len(tables) >= 2
    for t in tables[:2]:
        ranks = [c for c in re.findall(r"<tr>\s*<td>([^<]*)</td>", t, flags=re.S)]
        shown = [int(float(r)) for r in ranks if r not in ("—", "")]
        assert shown == list(range(1, len(shown) + 1)), ranks
    # ranking computed on the baseline wave only (waves never mixed)
    peer = report.tables["peer_ratings"]
    base = isq.peer_ranking(peer[peer["wave"] == "pre"])
    fin = base[base["provider"] == "FIN"]["mean"].iloc[0]
    assert f"{fin:.2f}" in part


def test_chinese_tables_have_no_raw_column_names(company):
    report, html = company
    headers = re.findall(r"<th>([^<]*)</th>", html)
    raw = [h for h in headers if re.fullmatch(r"[a-z_]+", h)]
    assert not raw, raw
    assert "适当期望" in headers and "题目内容" in headers
    assert "容忍区内" in html or "低于容忍区" in html  # zone positions labelled, not "within"/"below"


def test_nps_later_wave_beside_the_baseline_and_hidden_departments_stay_hidden(company):
    report, html = company
    part = html[html.index("净推荐值：基线与培训后"):]
    table = re.search(r"<table.*?</table>", part, flags=re.S).group(0)
    assert "培训后 NPS" in table and "基线 NPS" in table
    rows = {re.findall(r"<td>([^<]*)</td>", r)[0]: re.findall(r"<td>([^<]*)</td>", r)
            for r in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]}
    for hidden in ("法务部", "销售部"):  # LEG (small) and SAL (its complement) in the demo
        assert set(rows[hidden][1:]) == {"—"}, rows[hidden]
    sat = report.tables["satisfaction"]
    fin = isq.nps(sat[(sat["wave"] == "post") & (sat["provider"] == "FIN")]["nps"])["nps"]
    assert f"{fin:.0f}" in rows["财务部"]
