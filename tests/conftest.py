"""Shared fixtures: seeded random generators, figures closed after each test, Agg backend."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
# Notebooks run by the tests (nbval kernels inherit this) save the room's work here, never
# into ~/isq课堂成果 or the course (isq.workshop_folder); removed when the session ends.
import atexit, shutil, tempfile  # noqa: E401,E402

if "ISQ_WORKSHOP_DIR" not in os.environ:
    os.environ["ISQ_WORKSHOP_DIR"] = tempfile.mkdtemp(prefix="isq-test-workshop-")
    atexit.register(shutil.rmtree, os.environ["ISQ_WORKSHOP_DIR"], True)

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A seeded numpy Generator (tests must be deterministic)."""
    return np.random.default_rng(20261122)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
