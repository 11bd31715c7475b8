"""The demo company 示例集团: a deterministic synthetic data set with planted truths.

Every table of ``docs/demo_company.md`` is generated in memory from one seed
(:data:`SEED`) in well under a second and cached; :func:`load_demo` hands out copies.
``isq demo --out data`` (:func:`isq.data.demo_files.write_demo`) writes the tables as CSV files plus a README
that lists the planted truths (the effects built into the data that the course and the
tests rediscover).

The generator is a small latent-variable model: each respondent has a leniency, each
(respondent, provider) pair a per-dimension impression, and items add noise around named
department-level means (the constants below). Likert answers are rounded and clipped.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ..errors import IsqError
from ._demo_gaps import gap_tables
from ._demo_tools import tool_tables

__all__ = ["load_demo", "demo_tables", "SEED"]

SEED = 20261122

# --- the company ---------------------------------------------------------------------
DEPARTMENTS = [  # code, name_zh, name_en, headcount (every employee answers the survey)
    ("PRD", "生产部", "Production", 48),
    ("SAL", "销售部", "Sales", 36),
    ("IT", "信息技术部", "IT", 20),
    ("FIN", "财务部", "Finance", 16),
    ("HR", "人力资源部", "Human Resources", 14),
    ("PUR", "采购部", "Purchasing", 12),
    ("ADM", "行政部", "Administration", 10),
    ("LEG", "法务部", "Legal", 4),
]
DEPT_CODES = [d[0] for d in DEPARTMENTS]
PROVIDER_POPULARITY = {  # how often a department is chosen as a provider to rate
    "PRD": 0.08, "SAL": 0.08, "IT": 0.24, "FIN": 0.16,
    "HR": 0.17, "PUR": 0.11, "ADM": 0.16, "LEG": 0.0,
}
PROVIDERS_PER_RESPONDENT = 2
LEG_RATERS = 3  # respondents who rate Legal: fewer than 5, so it is suppressed as a provider
MANAGER_SHARE = 0.12
POST_RESPONSE_RATE = 0.90  # wave "post", three months after the training
MISSING_RATE = 0.01  # item non-response in servqual expectation / perception

# --- SERVQUAL --------------------------------------------------------------------------
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
DIMENSION_SIZES = (4, 5, 4, 4, 5)  # SQ01-04, SQ05-09, SQ10-13, SQ14-17, SQ18-22
SQ_ITEMS = [f"SQ{i:02d}" for i in range(1, 23)]
SQ_DIM = np.repeat(np.arange(5), DIMENSION_SIZES)  # dimension index of each item
EXPECTATION_MEAN = np.array([5.3, 6.3, 6.2, 5.9, 5.6])  # latent, before clipping at 7
EXPECTATION_SHIFT = {("IT", "responsiveness"): 0.3}  # customers expect more of IT here
PERCEPTION_MEAN = {  # provider -> latent perception by dimension (pre wave)
    #        tang  rel  resp assur emp
    "PRD": [5.0, 5.5, 5.0, 5.4, 5.0],
    "SAL": [5.1, 5.6, 5.2, 5.5, 5.1],
    "IT": [5.1, 5.4, 4.6, 5.3, 4.9],
    "FIN": [5.3, 6.9, 5.2, 5.8, 5.2],
    "HR": [4.9, 5.5, 5.0, 5.3, 5.0],
    "PUR": [4.8, 5.4, 5.0, 5.2, 4.9],
    "ADM": [5.2, 5.4, 5.1, 5.4, 5.0],
    "LEG": [5.3, 5.5, 5.3, 5.6, 5.1],
}
TRAINING_EFFECT = {  # post - pre perception shift by provider
    "PRD": 0.0, "SAL": 0.1, "IT": 0.75, "FIN": 0.1,
    "HR": 0.7, "PUR": 0.0, "ADM": 0.65, "LEG": 0.0,
}
SD_LENIENCY, SD_PAIR, SD_ITEM = 0.45, 0.6, 0.75  # perception latent components
SD_E_LENIENCY, SD_E_PAIR, SD_E_ITEM = 0.4, 0.55, 0.55 # expectation latent components
ADEQUATE_BELOW_DESIRED = 1.3  # adequate (minimum) level sits this far below expectation
ESTIMATE_BIAS = {("IT", "responsiveness"): -1.5}  # gap 1: staff's estimate - customers'
ESTIMATE_BIAS_DEFAULT = -0.3
IMPORTANCE_MEAN = np.array([4.2, 6.3, 6.1, 5.5, 5.2])  # IPA importance by dimension
WEIGHT_SHARE = np.array([0.10, 0.30, 0.26, 0.18, 0.16])  # 100-point allocation, mean shares
WEIGHT_CONCENTRATION = 25.0

# --- satisfaction, peer and self ratings ---------------------------------------------------
SATISFACTION_OFFSET = {  # provider -> latent satisfaction (0 = average)
    "PRD": -0.1, "SAL": 0.1, "IT": -0.75, "FIN": 0.6,
    "HR": -0.1, "PUR": -0.2, "ADM": 0.0, "LEG": 0.0,
}
PEER_ITEMS = ["PR1", "PR2", "PR3", "PR4"]  # 响应及时, 专业能力, 服务态度, 协作配合
PEER_OFFSET = {
    "PRD": 0.0, "SAL": 0.1, "IT": -0.4, "FIN": 0.35,
    "HR": 0.0, "PUR": -0.1, "ADM": 0.05, "LEG": 0.2,
}
RATER_LENIENCY = {"SAL": 0.6}  # Sales raters are lenient on every provider
SELF_BIAS = {"IT": 1.1}  # a department rating itself; others get SELF_BIAS_DEFAULT
SELF_BIAS_DEFAULT = 0.3

# --- Kano ------------------------------------------------------------------------------------
KANO_FEATURES = [  # feature, name_zh, name_en, planted category
    ("K01", "IT 故障 2 小时内响应", "IT incidents answered within 2 hours", "M"),
    ("K02", "报销进度在线查询", "Online tracking of expense claims", "O"),
    ("K03", "员工自助服务门户", "Employee self-service portal", "A"),
    ("K04", "新员工入职一站式办理", "One-stop onboarding for new hires", "M"),  # close call M/O
    ("K05", "采购申请进度消息提醒", "Purchase-request status notifications", "A"),
    ("K06", "合同模板在线库", "Online contract template library", "O"),
    ("K07", "办公用品当日送达", "Same-day delivery of office supplies", "I"),
    ("K08", "付款准确无差错", "Payments made accurately", "M"),
    ("K09", "各部门服务承诺公示", "Published service commitments of each department", "A"),
    ("K10", "每月服务满意度通报", "Monthly satisfaction bulletin", "I"),
    ("K11", "需求受理专人对接", "A named contact for each request", "O"),
    ("K12", "每日服务打卡汇报", "Mandatory daily service check-in reports", "R"),
]
KANO_CATEGORIES = ("A", "O", "M", "I", "R", "Q")
KANO_CATEGORY_PROBS = {  # feature -> probabilities of A, O, M, I, R, Q
    "K01": [0.08, 0.22, 0.52, 0.14, 0.02, 0.02],
    "K02": [0.16, 0.48, 0.17, 0.16, 0.02, 0.01],
    "K03": [0.47, 0.14, 0.07, 0.27, 0.03, 0.02],
    "K04": [0.12, 0.33, 0.36, 0.15, 0.03, 0.01],  # M - O = 0.03 <= tie band 0.06
    "K05": [0.44, 0.12, 0.06, 0.33, 0.04, 0.01],
    "K06": [0.18, 0.42, 0.12, 0.24, 0.03, 0.01],
    "K07": [0.20, 0.10, 0.06, 0.57, 0.05, 0.02],
    "K08": [0.05, 0.25, 0.56, 0.11, 0.02, 0.01],
    "K09": [0.46, 0.10, 0.05, 0.32, 0.05, 0.02],
    "K10": [0.16, 0.07, 0.05, 0.62, 0.08, 0.02],
    "K11": [0.20, 0.45, 0.14, 0.18, 0.02, 0.01],
    "K12": [0.05, 0.02, 0.02, 0.33, 0.55, 0.03],
}
KANO_CELL_WEIGHTS = {  # category -> {(functional, dysfunctional): weight} (METHODS.md table)
    "A": {(1, 2): 0.15, (1, 3): 0.55, (1, 4): 0.30},
    "O": {(1, 5): 1.0},
    "M": {(2, 5): 0.30, (3, 5): 0.20, (4, 5): 0.50},
    "I": {(3, 3): 0.40, (2, 3): 0.08, (3, 2): 0.08, (2, 2): 0.04, (4, 4): 0.12,
          (3, 4): 0.12, (4, 3): 0.08, (2, 4): 0.04, (4, 2): 0.04},
    "R": {(5, 1): 0.35, (5, 2): 0.10, (5, 3): 0.15, (5, 4): 0.05, (2, 1): 0.05,
          (3, 1): 0.20, (4, 1): 0.10},
    "Q": {(1, 1): 0.5, (5, 5): 0.5},
}
KANO_IMPORTANCE = {"M": 8.0, "O": 7.0, "A": 6.0, "I": 4.0, "R": 2.5}  # self-stated, 1-9

# --- journeys: journey, stage_order, stage, order, touchpoint, mot, mean before, mean after ----
JOURNEY_TOUCHPOINTS = [
    ("expense", 1, "提交申请", 1, "填写报销单", False, -0.5, 0.3),
    ("expense", 1, "提交申请", 2, "粘贴发票", False, -1.3, -0.2),
    ("expense", 2, "审批", 3, "提交审批", False, 0.0, 0.4),
    ("expense", 2, "审批", 4, "等待审批", True, -2.45, -0.7),
    ("expense", 2, "审批", 5, "被退回修改", True, -1.8, -0.9),
    ("expense", 3, "付款", 6, "财务审核", False, -0.6, -0.2),
    ("expense", 3, "付款", 7, "到账通知", True, 0.8, 1.2),
    ("onboarding", 1, "入职前", 1, "收到录用通知", False, 1.2, None),
    ("onboarding", 1, "入职前", 2, "准备入职材料", False, -0.8, None),
    ("onboarding", 2, "入职当天", 3, "办理入职手续", False, -1.4, None),
    ("onboarding", 2, "入职当天", 4, "领取电脑与账号", True, -2.1, None),
    ("onboarding", 2, "入职当天", 5, "部门欢迎", True, 1.6, None),
    ("onboarding", 3, "第一周", 6, "岗前培训", False, 0.3, None),
    ("onboarding", 3, "第一周", 7, "导师辅导", False, 1.0, None),
]
JOURNEY_PARTICIPANTS = 12

# --- complaints and requests -----------------------------------------------------------------
MONTHS = pd.period_range("2024-01", "2025-12", freq="M")
REQUESTS_PER_MONTH = {  # mean service requests handled per month
    "PRD": 650, "SAL": 420, "IT": 1250, "FIN": 900,
    "HR": 700, "PUR": 520, "ADM": 820, "LEG": 220,
}
COMPLAINT_RATE = {  # complaints per request, in control
    "PRD": 0.006, "SAL": 0.006, "IT": 0.012, "FIN": 0.005,
    "HR": 0.008, "PUR": 0.009, "ADM": 0.007, "LEG": 0.005,
}
SPECIAL_CAUSE = ("IT", "2025-03", 0.04)  # system migration: one out-of-control month
COMPLAINT_CATEGORIES = {  # category -> share (vital few: the first three reach 80 %)
    "响应慢": 0.40, "流程繁琐": 0.26, "推诿扯皮": 0.18, "信息不透明": 0.07,
    "差错返工": 0.05, "态度生硬": 0.03, "其他": 0.01,
}
SEVERITY_PROBS = [0.55, 0.33, 0.12]  # severity 1, 2, 3

# --- ideas (workshop output, written by hand) -------------------------------------------------
IDEAS = [  # idea, title_zh, title_en, team, dimension, votes, impact, cost, feasibility
    ("I01", "IT 服务台首问负责制", "First-contact ownership at the IT service desk", "T1", "responsiveness", 14, 5, 1, 5),
    ("I02", "报销审批 48 小时时限承诺", "48-hour approval commitment for expense claims", "T2", "responsiveness", 13, 5, 2, 5),
    ("I03", "报销进度在线查询", "Online tracking of expense claims", "T2", "reliability", 9, 4, 3, 4),
    ("I04", "服务承诺公示墙", "Wall of published service commitments", "T3", "assurance", 6, 3, 1, 5),
    ("I05", "员工自助服务门户", "Employee self-service portal", "T1", "empathy", 8, 4, 5, 2),
    ("I06", "采购申请进度提醒", "Purchase-request status reminders", "T4", "responsiveness", 7, 3, 2, 4),
    ("I07", "新员工入职一站式办理", "One-stop onboarding desk", "T3", "empathy", 10, 4, 3, 4),
    ("I08", "合同模板在线库", "Online contract template library", "T4", "reliability", 4, 3, 2, 4),
    ("I09", "每周服务例会", "Weekly service stand-up", "T1", "responsiveness", 3, 2, 1, 5),
    ("I10", "重新装修接待区", "Refurbish the reception area", "T3", "tangibles", 5, 2, 5, 3),
    ("I11", "发票拍照自动识别", "Invoice photo recognition", "T2", "reliability", 11, 4, 4, 3),
    ("I12", "需求受理专人对接", "A named contact for each request", "T4", "empathy", 8, 4, 2, 4),
    ("I13", "每日服务打卡汇报", "Mandatory daily check-in reports", "T3", "assurance", 1, 1, 2, 5),
    ("I14", "服务满意度月度通报", "Monthly satisfaction bulletin", "T4", "assurance", 2, 2, 1, 5),
    ("I15", "IT 知识库与常见问题", "IT knowledge base and FAQ", "T1", "responsiveness", 9, 4, 2, 4),
]

# --- training (Kirkpatrick levels 1-2) ----------------------------------------------------
TRAINING_PRE_MEAN, TRAINING_PRE_SD = 62.0, 11.0
TRAINING_GAIN_MEAN, TRAINING_GAIN_SD = 16.0, 8.0
REACTION_PROBS = {5: 0.45, 4: 0.42, 3: 0.11, 2: 0.02}

TABLES = (
    "departments", "respondents", "servqual", "servqual_estimates", "weights", "ipa",
    "kano", "kano_features", "satisfaction", "peer_ratings", "self_ratings", "journey",
    "complaints", "requests", "ideas", "training",
    "standards", "delivery", "promises", "commitment_tracking",
    "process_steps", "hall_checks", "execution_followup", "five_star", "logical_levels", "value_loop",
)


# --- helpers ---------------------------------------------------------------------------
def _likert(latent, low, high):
    """Round a latent score to the nearest whole answer and clip it to the scale."""
    return np.clip(np.rint(latent), low, high).astype(np.int64)


def _quota(probs, n):
    """Whole counts summing to ``n`` closest to ``n * probs`` (largest remainder)."""
    raw = np.asarray(probs, dtype=float) * n / np.sum(probs)
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts


def _lookup(mapping, keys, default=0.0):
    return np.array([mapping.get(k, default) for k in keys], dtype=float)


def _with_missing(rng, values):
    out = values.astype(float)
    out[rng.random(out.shape) < MISSING_RATE] = np.nan
    return out


# --- tables ------------------------------------------------------------------------------
def _respondents(rng):
    dept = np.repeat(DEPT_CODES, [d[3] for d in DEPARTMENTS])
    n = len(dept)
    first = np.r_[True, dept[1:] != dept[:-1]]  # each department's head is a manager
    manager = first | (rng.random(n) < MANAGER_SHARE)
    tenure = np.round(np.clip(rng.gamma(2.0, 3.5, n), 0.3, 35.0), 1)
    return pd.DataFrame({
        "respondent": [f"R{i:03d}" for i in range(1, n + 1)],
        "department": dept,
        "level": np.where(manager, "manager", "staff"),
        "tenure_years": tenure,
    })


def _pairs(rng, resp):
    """Each respondent rates two providers, never their own department (Gumbel top-2)."""
    n, k = len(resp), len(DEPT_CODES)
    own = resp["department"].to_numpy()
    with np.errstate(divide="ignore"):
        logw = np.log(_lookup(PROVIDER_POPULARITY, DEPT_CODES))
    keys = logw + rng.gumbel(size=(n, k))
    keys[own[:, None] == np.array(DEPT_CODES)[None, :]] = -np.inf
    chosen = np.argsort(-keys, axis=1, kind="stable")[:, :PROVIDERS_PER_RESPONDENT]
    providers = np.array(DEPT_CODES)[chosen]
    leg_raters = rng.choice(np.flatnonzero(own != "LEG"), LEG_RATERS, replace=False)
    providers[leg_raters, 1] = "LEG"
    return pd.DataFrame({
        "respondent": np.repeat(resp["respondent"].to_numpy(), PROVIDERS_PER_RESPONDENT),
        "department": np.repeat(own, PROVIDERS_PER_RESPONDENT),
        "provider": providers.ravel(),
        "r": np.repeat(np.arange(n), PROVIDERS_PER_RESPONDENT),
    })


def _servqual(rng, pairs, latent):
    """Pre and post waves, 22 items per (respondent, provider); also the IPA table."""
    rows = []
    item_p = rng.normal(0, 0.12, 22)
    item_e = rng.normal(0, 0.10, 22)
    for wave, sel in (("pre", latent["all"]), ("post", latent["post_pair"])):
        idx = np.flatnonzero(sel)
        m = len(idx)
        p = np.repeat(idx, 22)
        it = np.tile(np.arange(22), m)
        d = SQ_DIM[it]
        prov = pairs["provider"].to_numpy()[p]
        r = pairs["r"].to_numpy()[p]
        dim_names = np.array(DIMENSIONS)[d]
        keys = list(zip(prov, dim_names))
        post = wave == "post"
        perc = (np.array([PERCEPTION_MEAN[x] for x in prov])[np.arange(len(p)), d]
                + item_p[it] + latent["u"][r] + latent["v"][p, d]
                + post * (_lookup(TRAINING_EFFECT, prov) + latent["drift"][p, d])
                + rng.normal(0, SD_ITEM, len(p)))
        exp_latent = (EXPECTATION_MEAN[d] + _lookup(EXPECTATION_SHIFT, keys) + item_e[it]
                      + latent["ue"][r] + latent["ve"][p, d] + rng.normal(0, SD_E_ITEM, len(p)))
        expectation = _likert(exp_latent, 1, 7)
        adequate = np.minimum(
            _likert(exp_latent - ADEQUATE_BELOW_DESIRED + rng.normal(0, 0.5, len(p)), 1, 7),
            expectation)
        rows.append(pd.DataFrame({
            "respondent": pairs["respondent"].to_numpy()[p],
            "department": pairs["department"].to_numpy()[p],
            "provider": prov,
            "wave": wave,
            "item": np.array(SQ_ITEMS)[it],
            "dimension": dim_names,
            "expectation": _with_missing(rng, expectation),
            "perception": _with_missing(rng, _likert(perc, 1, 7)),
            "adequate": adequate,
        }))
    servqual = pd.concat(rows, ignore_index=True)

    pre = servqual[servqual["wave"] == "pre"]
    d = SQ_DIM[pre["item"].str.slice(2).astype(int).to_numpy() - 1]
    imp_r = rng.normal(0, 0.35, len(latent["u"]))
    it_resp = (pre["provider"].to_numpy() == "IT") & (d == 2)
    importance = _likert(IMPORTANCE_MEAN[d] + 0.3 * it_resp + imp_r[latent["pre_r"]]
                         + rng.normal(0, 0.6, len(pre)), 1, 7)
    ipa = pd.DataFrame({
        "respondent": pre["respondent"].to_numpy(),
        "department": pre["department"].to_numpy(),
        "provider": pre["provider"].to_numpy(),
        "attribute": pre["item"].to_numpy(),
        "dimension": pre["dimension"].to_numpy(),
        "importance": importance,
        "performance": pre["perception"].to_numpy(),
    })
    return servqual, ipa


def _estimates(rng, resp, latent):
    n = len(resp)
    r = np.repeat(np.arange(n), 22)
    it = np.tile(np.arange(22), n)
    d = SQ_DIM[it]
    own = resp["department"].to_numpy()[r]
    keys = list(zip(own, np.array(DIMENSIONS)[d]))
    est = (EXPECTATION_MEAN[d] + _lookup(EXPECTATION_SHIFT, keys)
           + _lookup(ESTIMATE_BIAS, keys, ESTIMATE_BIAS_DEFAULT)
           + latent["ue"][r] + rng.normal(0, 0.4, (n, 5))[r, d] + rng.normal(0, 0.6, len(r)))
    return pd.DataFrame({
        "respondent": resp["respondent"].to_numpy()[r],
        "provider": own,
        "item": np.array(SQ_ITEMS)[it],
        "dimension": np.array(DIMENSIONS)[d],
        "estimated_expectation": _likert(est, 1, 7),
    })


def _weights(rng, resp):
    n = len(resp)
    raw = rng.dirichlet(WEIGHT_SHARE * WEIGHT_CONCENTRATION, n) * 100
    points = np.floor(raw).astype(np.int64)
    order = np.argsort(-(raw - points), axis=1, kind="stable")
    rank = np.argsort(order, axis=1, kind="stable")
    points += rank < (100 - points.sum(axis=1))[:, None]
    return pd.DataFrame({
        "respondent": np.repeat(resp["respondent"].to_numpy(), 5),
        "department": np.repeat(resp["department"].to_numpy(), 5),
        "dimension": np.tile(DIMENSIONS, n),
        "points": points.ravel(),
    })


def _kano(rng, resp):
    n = len(resp)
    frames = []
    for code, _, _, planted in KANO_FEATURES:
        cell_p = np.zeros(25)
        for cat, pc in zip(KANO_CATEGORIES, KANO_CATEGORY_PROBS[code]):
            for (f, dy), w in KANO_CELL_WEIGHTS[cat].items():
                cell_p[(f - 1) * 5 + dy - 1] += pc * w
        cells = rng.permutation(np.repeat(np.arange(25), _quota(cell_p, n)))
        frames.append(pd.DataFrame({
            "respondent": resp["respondent"].to_numpy(),
            "department": resp["department"].to_numpy(),
            "feature": code,
            "functional": cells // 5 + 1,
            "dysfunctional": cells % 5 + 1,
            "importance": _likert(KANO_IMPORTANCE[planted] + rng.normal(0, 1.2, n), 1, 9),
        }))
    kano = pd.concat(frames, ignore_index=True)
    return kano.sort_values(["respondent", "feature"], kind="stable", ignore_index=True)


def _satisfaction(rng, pairs, latent):
    frames = []
    for wave, sel in (("pre", latent["all"]), ("post", latent["post_pair"])):
        idx = np.flatnonzero(sel)
        prov = pairs["provider"].to_numpy()[idx]
        z = (_lookup(SATISFACTION_OFFSET, prov) + latent["u"][pairs["r"].to_numpy()[idx]]
             + 0.5 * latent["v"][idx].mean(axis=1) + rng.normal(0, 0.4, len(idx))
             + (wave == "post") * _lookup(TRAINING_EFFECT, prov))
        frames.append(pd.DataFrame({
            "respondent": pairs["respondent"].to_numpy()[idx],
            "department": pairs["department"].to_numpy()[idx],
            "provider": prov,
            "wave": wave,
            "nps": _likert(7.3 + 1.7 * z + rng.normal(0, 1.1, len(idx)), 0, 10),
            "csat": _likert(3.7 + 0.8 * z + rng.normal(0, 0.6, len(idx)), 1, 5),
            "ces": _likert(4.9 + 1.1 * z + rng.normal(0, 0.9, len(idx)), 1, 7),
        }))
    return pd.concat(frames, ignore_index=True)


def _peer(rng, resp, pairs, latent):
    frames = []
    item_off = np.array([-0.1, 0.15, 0.05, -0.1])
    for wave, sel in (("pre", latent["all"]), ("post", latent["post_pair"])):
        idx = np.repeat(np.flatnonzero(sel), 4)
        it = np.tile(np.arange(4), int(sel.sum()))
        prov = pairs["provider"].to_numpy()[idx]
        rater = pairs["department"].to_numpy()[idx]
        score = (3.5 + _lookup(PEER_OFFSET, prov) + _lookup(RATER_LENIENCY, rater)
                 + (wave == "post") * 0.5 * _lookup(TRAINING_EFFECT, prov)
                 + 0.6 * latent["u"][pairs["r"].to_numpy()[idx]] + item_off[it]
                 + rng.normal(0, 0.6, len(idx)))
        frames.append(pd.DataFrame({
            "respondent": pairs["respondent"].to_numpy()[idx],
            "rater_department": rater,
            "provider": prov,
            "wave": wave,
            "item": np.array(PEER_ITEMS)[it],
            "score": _likert(score, 1, 5),
        }))
    peer = pd.concat(frames, ignore_index=True)
    n = len(resp)
    r = np.repeat(np.arange(n), 4)
    it = np.tile(np.arange(4), n)
    dept = resp["department"].to_numpy()[r]
    self_score = (3.5 + _lookup(PEER_OFFSET, dept) + _lookup(SELF_BIAS, dept, SELF_BIAS_DEFAULT)
                  + 0.6 * latent["u"][r] + item_off[it] + rng.normal(0, 0.6, len(r)))
    self_ratings = pd.DataFrame({
        "respondent": resp["respondent"].to_numpy()[r],
        "department": dept,
        "item": np.array(PEER_ITEMS)[it],
        "score": _likert(self_score, 1, 5),
    })
    return peer, self_ratings


def _journey(rng):
    tp = pd.DataFrame(JOURNEY_TOUCHPOINTS, columns=[
        "journey", "stage_order", "stage", "order", "touchpoint", "mot", "before", "after"])
    frames = []
    first_id = {"expense": 1, "onboarding": 1 + JOURNEY_PARTICIPANTS}
    for (journey, version), steps in (
        (("expense", "before"), tp[tp["journey"] == "expense"]),
        (("expense", "after"), tp[tp["journey"] == "expense"]),
        (("onboarding", "before"), tp[tp["journey"] == "onboarding"]),
    ):
        k, n = len(steps), JOURNEY_PARTICIPANTS
        person = np.repeat(np.arange(n), k)
        step = np.tile(np.arange(k), n)
        mean = steps[version].to_numpy(dtype=float)[step]
        score = _likert(mean + rng.normal(0, 0.3, n)[person] + rng.normal(0, 0.6, n * k), -3, 3)
        frames.append(pd.DataFrame({
            "participant": [f"P{first_id[journey] + i:02d}" for i in person],
            "journey": journey,
            "version": version,
            "stage": steps["stage"].to_numpy()[step],
            "stage_order": steps["stage_order"].to_numpy()[step],
            "touchpoint": steps["touchpoint"].to_numpy()[step],
            "order": steps["order"].to_numpy()[step],
            "score": score,
            "mot": steps["mot"].to_numpy(dtype=bool)[step],
        }))
    return pd.concat(frames, ignore_index=True)


def _complaints(rng):
    months = MONTHS.strftime("%Y-%m").to_numpy()
    m, k = len(months), len(DEPT_CODES)
    season = 1 + 0.08 * np.sin(np.arange(m) * 2 * np.pi / 12)
    n = np.rint(_lookup(REQUESTS_PER_MONTH, DEPT_CODES)[None, :] * season[:, None]
                * rng.normal(1, 0.07, (m, k))).astype(np.int64)
    rate = np.broadcast_to(_lookup(COMPLAINT_RATE, DEPT_CODES), (m, k))
    sigma = np.sqrt(n * rate * (1 - rate))
    count = np.clip(rng.binomial(n, rate), np.ceil(n * rate - 2 * sigma),
                    np.floor(n * rate + 2 * sigma)).astype(np.int64)
    dept, month, special_rate = SPECIAL_CAUSE
    i, j = list(months).index(month), DEPT_CODES.index(dept)
    count[i, j] = int(round(n[i, j] * special_rate))
    requests = pd.DataFrame({
        "month": np.repeat(months, k),
        "department": np.tile(DEPT_CODES, m),
        "requests": n.ravel(),
    })

    total = int(count.sum())
    cm = np.repeat(np.repeat(np.arange(m), k), count.ravel())
    cd = np.repeat(np.tile(np.arange(k), m), count.ravel())
    cats = np.array(list(COMPLAINT_CATEGORIES))
    category = cats[rng.permutation(np.repeat(np.arange(len(cats)),
                                              _quota(list(COMPLAINT_CATEGORIES.values()), total)))]
    start = MONTHS.to_timestamp().to_numpy()[cm]
    days = MONTHS.days_in_month.to_numpy()[cm]
    date = start + (rng.random(total) * days).astype("timedelta64[D]")
    complaints = pd.DataFrame({
        "date": pd.to_datetime(date),
        "month": months[cm],
        "department": np.array(DEPT_CODES)[cd],
        "category": category,
        "severity": rng.choice(np.arange(1, 4), total, p=SEVERITY_PROBS),
    }).sort_values(["date", "department"], kind="stable", ignore_index=True)
    complaints.insert(0, "complaint_id", [f"C{i:04d}" for i in range(1, total + 1)])
    return complaints, requests


def _training(rng, resp, post):
    sel = resp[post].reset_index(drop=True)
    n = len(sel)
    pre = np.clip(np.rint(rng.normal(TRAINING_PRE_MEAN, TRAINING_PRE_SD, n)), 0, 100)
    gain = rng.normal(TRAINING_GAIN_MEAN, TRAINING_GAIN_SD, n)
    return pd.DataFrame({
        "respondent": sel["respondent"],
        "department": sel["department"],
        "pre_score": pre.astype(np.int64),
        "post_score": np.clip(np.rint(pre + gain), 0, 100).astype(np.int64),
        "reaction": rng.choice(list(REACTION_PROBS), n, p=list(REACTION_PROBS.values())),
    })


@functools.lru_cache(maxsize=1)
def _generate():
    streams = dict(zip(
        ["resp", "pairs", "latent", "servqual", "estimates", "weights", "kano",
         "satisfaction", "peer", "journey", "complaints", "training"],
        np.random.default_rng(SEED).spawn(12),
    ))
    resp = _respondents(streams["resp"])
    pairs = _pairs(streams["pairs"], resp)
    g = streams["latent"]
    n, m = len(resp), len(pairs)
    post = g.random(n) < POST_RESPONSE_RATE
    latent = {
        "u": g.normal(0, SD_LENIENCY, n), "v": g.normal(0, SD_PAIR, (m, 5)),
        "drift": g.normal(0, 0.2, (m, 5)),
        "ue": g.normal(0, SD_E_LENIENCY, n), "ve": g.normal(0, SD_E_PAIR, (m, 5)),
        "all": np.ones(m, dtype=bool), "post_pair": post[pairs["r"].to_numpy()],
        "pre_r": np.repeat(pairs["r"].to_numpy(), 22),
    }
    servqual, ipa = _servqual(streams["servqual"], pairs, latent)
    peer, self_ratings = _peer(streams["peer"], resp, pairs, latent)
    complaints, requests = _complaints(streams["complaints"])
    tables = {
        "departments": pd.DataFrame(DEPARTMENTS, columns=["department", "name_zh", "name_en",
                                                          "headcount"]),
        "respondents": resp,
        "servqual": servqual,
        "servqual_estimates": _estimates(streams["estimates"], resp, latent),
        "weights": _weights(streams["weights"], resp),
        "ipa": ipa,
        "kano": _kano(streams["kano"], resp),
        "kano_features": pd.DataFrame([f[:3] for f in KANO_FEATURES],
                                      columns=["feature", "name_zh", "name_en"]),
        "satisfaction": _satisfaction(streams["satisfaction"], pairs, latent),
        "peer_ratings": peer,
        "self_ratings": self_ratings,
        "journey": _journey(streams["journey"]),
        "complaints": complaints,
        "requests": requests,
        "ideas": pd.DataFrame(IDEAS, columns=["idea", "title_zh", "title_en", "team", "dimension",
                                              "votes", "impact", "cost", "feasibility"]),
        "training": _training(streams["training"], resp, post),
    }
    # gaps 2-4: extra streams after the first twelve, so the tables above never change
    rng_delivery, rng_tracking = np.random.default_rng(SEED).spawn(14)[12:]
    tables.update(gap_tables(rng_delivery, rng_tracking, estimates=tables["servqual_estimates"],
                             requests=requests, depts=DEPT_CODES))
    tables.update(tool_tables())  # hand-written room-tool tables (no randomness)
    return tables


def demo_tables():
    """Names of the demo company's tables, in the order of ``docs/demo_company.md``.

    Examples
    --------
    >>> isq.demo_tables()[:3]
    ('departments', 'respondents', 'servqual')
    """
    return TABLES


def load_demo(name):
    """One table of the demo company 示例集团, generated in memory (no file needed).

    Parameters
    ----------
    name : str
        A table name from :func:`demo_tables`, e.g. ``"servqual"``, ``"kano"``,
        ``"satisfaction"``, ``"complaints"``. Columns are listed in
        ``docs/demo_company.md``.

    Returns
    -------
    pandas.DataFrame
        A fresh copy in long (tidy) form: changing it never changes later calls.
        Likert answers are whole numbers (float only where answers can be missing,
        as in servqual ``expectation``/``perception``).

    Raises
    ------
    IsqError
        If ``name`` is not a demo table; the message lists the valid names.

    Notes
    -----
    Deterministic: ``numpy.random.default_rng(SEED)`` with ``SEED = 20261122``; the same
    version of isq always returns the same numbers. The planted truths are listed in
    ``data/README.md``.

    Examples
    --------
    >>> sq = isq.load_demo("servqual")
    >>> sq.columns.tolist()[:6]
    ['respondent', 'department', 'provider', 'wave', 'item', 'dimension']
    >>> sorted(sq["wave"].unique())
    ['post', 'pre']
    >>> isq.load_demo("departments").shape
    (8, 4)
    """
    if not isinstance(name, str) or name not in TABLES:
        raise IsqError(
            f"Unknown demo table {name!r}. Valid names: {', '.join(TABLES)}. "
            f"(没有名为 {name!r} 的示例数据表。)"
        )
    return _generate()[name].copy()
