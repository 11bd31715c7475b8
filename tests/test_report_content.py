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
    # NPS counts one answer per respondent and serving department: both numbers are named
    assert "320 份评价（160 人）" in ov


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


# --------------------------------------------------------------------------- five gaps, captions, waves
def _captions(html, word):
    return [int(n) for n in re.findall(rf"<figcaption[^>]*>(?:<b>)?{word} (\d+)", html)]


def test_five_gaps_of_a_department_match_gap_model(monkeypatch):
    report, html = _render(department="IT", sections=["gap_model"], monkeypatch=monkeypatch)
    d = isq.open_data()
    sq = d["servqual"]
    truth = isq.gap_model(sq[sq["wave"] == "pre"], estimates=d["servqual_estimates"], standards=d["standards"],
                          delivery=d["delivery"], promises=d["promises"])
    truth = truth[truth["provider"] == "IT"].set_index(["dimension", "gap"])["value"]
    drawn = report.chart_data["five_gaps"].set_index(["dimension", "gap"])["value"]
    assert sorted(set(drawn.index.get_level_values("gap"))) == [1, 2, 3, 4, 5]
    pd.testing.assert_series_equal(drawn.sort_index(), truth.sort_index(), check_names=False)
    assert drawn.loc[("responsiveness", 1)] == pytest.approx(-1.39, abs=0.005)  # the docstring's planted value
    text = _text(html)
    # IT's gap to close first (gap 1, responsiveness) with the course's remedy
    assert "信息技术部：先补差距1 认知差距（响应性 -1.39）" in text
    assert isq.GAP_REMEDIES[1]["zh"] in text


def test_company_five_gaps_and_the_action_plan_use_the_diagnosis(company):
    report, html = company
    drawn = report.chart_data["five_gaps"]
    assert set(drawn["provider"]) == {"ADM", "FIN", "HR", "IT", "PRD", "PUR"}  # LEG and SAL hidden
    diag = report._gap_diagnosis().set_index("provider")["worst_gap"]
    assert diag[["IT", "HR", "PRD", "ADM"]].tolist() == [1, 2, 3, 4]  # planted in the demo (data/README.md)
    plan = _text(html[html.index("行动计划（由"):html.index("附录：数据质量")])
    for g in (1, 2, 3, 4):
        assert isq.GAP_REMEDIES[g]["zh"] in plan
    assert "5-GAP 诊断：根源在差距1 认知" in plan  # the shortboard owner (IT)'s gap to close first
    assert "法务部" not in plan and "销售部" not in plan


@pytest.mark.parametrize("lang,fig,tab", [("zh", "图", "表"), ("en", "Figure", "Table")])
def test_captions_are_numbered_in_order_and_hold_their_figure(lang, fig, tab, monkeypatch, company):
    report, html = company if lang == "zh" else _render(lang=lang, monkeypatch=monkeypatch)
    figures = _captions(html, fig)
    tables = _captions(html, tab)
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 14
    assert tables == list(range(1, len(tables) + 1)) and len(tables) >= 20
    # every chart is one <figure> with its caption, kept on one page; every caption gives its n
    blocks = re.findall(r"<figure class='isq-figure'[^>]*>(.*?)</figure>", html, flags=re.S)
    assert len(blocks) == len(figures) == html.count("data:image/png;base64,")
    assert all("<img" in b and "<figcaption" in b for b in blocks)
    assert html.count("page-break-inside: avoid") == len(figures) + len(tables)
    assert all("n = " in c for c in re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html)
               if re.match(rf"{fig} ", c))
    if lang == "en":
        caps = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html)
        assert not [c for c in caps if re.search(r"[\u4e00-\u9fff]", c)]


def test_servqual_chart_shows_both_waves_and_states_the_change(company):
    report, html = company
    data = report.chart_data["servqual"]
    assert set(data["wave"]) == {"pre", "post"}
    sq = report.tables["servqual"]
    post = isq.servqual_gaps(sq[sq["wave"] == "post"], level="dimension").set_index("dimension")["gap"]
    drawn = data[data["wave"] == "post"].set_index("dimension")["gap"]
    assert drawn.round(6).to_dict() == post.round(6).to_dict()
    assert drawn["responsiveness"] == pytest.approx(-0.85, abs=0.005)
    assert "与基线相比，5 个维度中有 5 个维度的差距改善；变化最大的是响应性（-1.30 → -0.85）" in _text(html)
    # NPS and peer charts: both waves, hidden departments left out
    for name in ("nps_waves", "peer_waves"):
        frame = report.chart_data[name]
        assert set(frame["wave"]) == {"pre", "post"}
        assert not {"法务部", "销售部"} & set(frame["provider"])


def test_ipa_and_kano_draw_the_later_wave_as_arrows(monkeypatch):
    import IPython.display

    from isq.delivery.sections import Report

    import matplotlib

    monkeypatch.setattr(IPython.display, "display", lambda obj, *a, **k: None)
    with matplotlib.rc_context():
        report = Report()
        for name in ("ipa", "kano"):  # split the demo's respondents into two waves
            t = report.tables[name]
            odd = t["respondent"].str[-1].astype(int) % 2 == 1
            report.tables[name] = t.assign(wave=odd.map({True: "pre", False: "post"}))
        report.section("ipa")
        report.section("kano")
    ipa = report.chart_data["ipa"]
    assert set(ipa["wave"]) == {"pre", "post"}
    t = report.tables["ipa"]
    post = isq.ipa(t[t["wave"] == "post"]).set_index("attribute")["performance_mean"]
    drawn = ipa[ipa["wave"] == "post"].set_index("attribute")["performance_mean"]
    assert drawn.round(6).to_dict() == post.round(6).to_dict()
    assert set(report.chart_data["kano"]["wave"]) == {"pre", "post"}


def test_counts_and_ranks_are_whole_numbers_in_tables(company):
    report, html = company
    part = html[html.index("Cronbach"):]
    table = re.search(r"<table.*?</table>", part, flags=re.S).group(0)
    row = re.findall(r"<td>([^<]*)</td>", re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[0])
    assert row[-2:] == ["320", "4"], row  # n (respondent × provider) and items, not 320.00 / 4.00
    ranks = re.findall(r"<tr>\s*<td>([^<]*)</td>", html[html.index("优先改善决策（前 10 项）"):], flags=re.S)[:3]
    assert ranks == ["1", "2", "3"], ranks
