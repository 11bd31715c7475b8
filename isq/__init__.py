"""isq — Internal Service Quality (内部服务质量).

Models and calculations for teaching and diagnosing internal customer service.
Flat public namespace: ``import isq; isq.kano_summary(...)``.

Layers (imports go downward only): data -> models -> presentation (plots, findings)
-> delivery (widgets, checks, course, report, CLI).

``import isq`` is kept light: data and model functions are imported eagerly (they need
only numpy, pandas and yaml at import time); plotting, widgets and the report pipeline
are listed explicitly in ``_LAZY`` and imported on first use, so matplotlib, scipy,
papermill and ipywidgets load only when needed.
"""

__version__ = "0.1.0"

from .errors import IsqError, IsqDataError, IsqInstrumentError
from . import findings, labels

# --- data layer -------------------------------------------------------------------
# (data-layer re-exports)
from .data.demo import load_demo, demo_tables
from .data.instruments import load_instrument, Instrument
from .data.survey import read_survey, SurveyImport, ImportReport
from .data.folder import read_data_folder, demo_folder, open_data
from .data.privacy import (
    suppress_small_groups, mask_small_groups, check_min_group_size, is_suppressed,
)
from .data.loaders import (  # the content-file readers (models import them from here)
    load_phrases, load_strategy, load_conflict_items, PhraseLibrary, ConflictExercise,
)

# --- models -----------------------------------------------------------------------
# (model re-exports)
from .models.compare import compare_groups, compare_waves, hedges_g, rank_biserial
from .models.kano import kano_classify, kano_summary
from .models.kano_extensions import kano_continuous, kano_bootstrap, kano_compare
from .models.satisfaction import wilson_ci, nps, csat, ces, satisfaction_by
from .models.reliability import cronbach_alpha, item_analysis, alpha_by_dimension
from .models.ipa import ipa
from .models.priority import priority_decision
from .models.spc import control_chart, control_chart_phase1, pareto, complaint_rates
from .models.journey import peak_end, journey_summary, journey_peak_end, compare_journeys
from .models.portfolio import bullseye, bullseye_table
from .models.strategy import load_strategy, strategy_breakdown_table
from .models.servqual import servqual_gaps, servperf
from .models.servqual_zone import servqual_zone, servqual_shortboard
from .models.gap import gap_model, gap_inputs, gap_diagnosis, GAP_REMEDIES
from .models.peer import peer_matrix, peer_reciprocity, peer_self_vs_others
from .models.peer_scores import peer_leniency, peer_adjusted, peer_ranking, assessment_score
from .models.phrases import (
    PhraseLibrary, load_phrases, check_phrases, add_phrases, count_phrases, normalize_phrase_text,
)
from .models.conflict import conflict_profile, conflict_mode, load_conflict_items, ConflictExercise
from .models.scoreboard import Scoreboard
from .models.assessments import (
    load_assessment, assessment_names, score_balance_wheel, score_standards, place_service_level,
    score_knowledge, score_thinking, score_patrol, patrol_weakest,
)
from .models.tools import (
    process_handoffs, hall_diagnosis, execution_tracker, five_star_check, logical_levels_profile,
    cocreation_plan, value_loop, EXECUTION_STAGES, FIVE_STAR_POINTS, LOGICAL_LEVELS,
)
from .models.awareness import (
    RATED_ITEMS, TEAM_GANG, rating_profile, rating_summary, team_gang_sort, communication_readiness,
)
from .models.commitments import (
    SMART_CRITERIA, ON_TIME_TARGET, smart_check, smart_summary, on_time_share, on_time_chart, on_time_kpi,
)

# --- presentation and delivery: imported on first attribute access -----------------
# name -> module. Add each public plotting / delivery name here explicitly.
_LAZY = {
    # theme
    "use_theme": "isq.plots.theme",
    "theme": "isq.plots.theme",
    "register_cjk_font": "isq.plots.theme",
    "PALETTES": "isq.plots.theme",
    # (lazy re-exports)
    "run_report": "isq.delivery.report",
    "check": "isq.delivery.checks",
    "check_text": "isq.delivery.checks",
    "answer_box": "isq.delivery.widgets.answer",
    "live_plot": "isq.delivery.widgets",
    "ipa_crosshair_widget": "isq.delivery.widgets.ipa",
    "build_course": "isq.delivery.course",
    "programme_names": "isq.delivery.programmes",
    "load_programme": "isq.delivery.programmes",
    "programme_timetable": "isq.delivery.programmes",
    "programme_sessions": "isq.delivery.programmes",
    "show_programme": "isq.delivery.programmes",
    "programme_overview": "isq.delivery.programmes",
    "build_slides": "isq.delivery.slides",
    "tag_slides": "isq.delivery.slides",
    "build_handouts": "isq.delivery.handouts",
    "conflict_questionnaire": "isq.delivery.widgets.conflict",
    "conflict_example_room": "isq.delivery.widgets.conflict",
    "open_scoreboard": "isq.delivery.widgets.scoreboard",
    "scoreboard_widget": "isq.delivery.widgets.scoreboard",
    "plot_kano_better_worse": "isq.plots.kano",
    "plot_kano_categories": "isq.plots.kano",
    "plot_servqual_radar": "isq.plots.servqual",
    "plot_gap_bars": "isq.plots.servqual",
    "plot_zone_of_tolerance": "isq.plots.servqual",
    "plot_gap_model": "isq.plots.servqual",
    "plot_ipa": "isq.plots.ipa",
    "plot_nps_bars": "isq.plots.satisfaction",
    "plot_score_distribution": "isq.plots.satisfaction",
    "plot_pareto": "isq.plots.spc",
    "plot_control_chart": "isq.plots.spc",
    "plot_journey_map": "isq.plots.journey",
    "plot_bullseye": "isq.plots.portfolio",
    "plot_strategy_house": "isq.plots.strategy",
    "plot_breakdown_tree": "isq.plots.strategy",
    "plot_peer_heatmap": "isq.plots.peer",
    "plot_peer_ranking": "isq.plots.peer",
    "plot_conflict_map": "isq.plots.conflict",
    "plot_scoreboard": "isq.plots.scoreboard",
    "worksheet": "isq.delivery.forms",
    "load_worksheets": "isq.delivery.workshop",
    "workshop_folder": "isq.delivery.workshop",
    "load_workshop": "isq.delivery.workshop",
    "write_demo_workshop": "isq.delivery._workshop_demo",
    "build_outcomes": "isq.delivery.outcomes",
    "plot_balance_wheel": "isq.plots.assessments",
    "plot_standards": "isq.plots.assessments",
    "plot_service_levels": "isq.plots.assessments",
    "plot_knowledge_maturity": "isq.plots.assessments",
    "plot_thinking": "isq.plots.assessments",
    "plot_patrol_trend": "isq.plots.assessments",
    "plot_patrol_weakest": "isq.plots.assessments",
    "plot_five_gaps": "isq.plots.gaps",
    "plot_process_map": "isq.plots.tools",
    "plot_hall_diagnosis": "isq.plots.tools",
    "plot_execution_tracker": "isq.plots.tools",
    "plot_five_star": "isq.plots.tools",
    "plot_logical_levels": "isq.plots.tools",
    "plot_cocreation": "isq.plots.tools",
    "plot_on_time": "isq.plots.tools",
    "plot_value_rings": "isq.plots.tools",
    "plot_value_loop": "isq.plots.tools",
    "plot_three_c": "isq.plots.tools",
    "plot_ratings": "isq.plots.tools",
    "plot_team_gang": "isq.plots.tools",
    "plot_communication_readiness": "isq.plots.tools",
    "plot_empathy_triangle": "isq.plots.tools",
    "plot_poa": "isq.plots.tools",
    "open_workshop": "isq.delivery.outcomes",
    "worksheet_answers": "isq.delivery.outcomes",
    "plot_service_network": "isq.plots.network",
    "plot_iceberg": "isq.plots.needs",
    "plot_maslow": "isq.plots.needs",
    "kano_vote": "isq.delivery.widgets.kano",
    "servqual_explorer": "isq.delivery.widgets.servqual",
    "workshop_teams": "isq.delivery.workshop",
    "current_team": "isq.delivery.workshop",
    "workshop_input": "isq.delivery.workshop",
    "group_or_company": "isq.delivery.classroom",
    "workshop_phrases": "isq.delivery.workshop",
    # the live room (课堂互动)
    "room_responses": "isq.delivery.room.frames",
    "room_export": "isq.delivery.room.frames",
    "room_progress": "isq.delivery.room.frames",
    "room_summary": "isq.delivery.room.frames",
    "room_control": "isq.delivery.room.live",
    "room_live": "isq.delivery.room.live",
    "room_panel": "isq.delivery.room.live",
}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'isq' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "IsqError",
    "IsqDataError",
    "IsqInstrumentError",
    *_LAZY,
]
