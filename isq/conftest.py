"""Doctest namespace: ``isq``, ``pd`` and ``np`` are available in every docstring example."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("ISQ_WORKSHOP_DIR", "temp")  # doctests never write into ~/isq课堂成果

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace):
    import isq

    doctest_namespace.update(isq=isq, pd=pd, np=np)
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
