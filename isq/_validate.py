"""Argument and column checks shared by every isq function.

Errors say what was wrong, where, and what would be right (STYLE.md, practice 6).
Never use ``assert`` for input checks.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import IsqError

__all__ = ["check_columns", "check_argument", "check_frame", "check_numeric_range"]


def check_frame(data, *, name="data"):
    """Raise unless ``data`` is a pandas DataFrame; return it unchanged."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise IsqError(
            f"`{name}` must be a pandas DataFrame in long (tidy) form, got {type(data).__name__}."
        )
    return data


def check_columns(data, **roles):
    """Check that each column given for a role exists in ``data``.

    ``check_columns(df, perception="Perc")`` raises
    ``The column 'Perc' given for `perception` is not in `data`. Available columns: ...``.
    A role whose value is None is skipped; a list/tuple value checks each name.
    """
    check_frame(data)
    cols = list(data.columns)
    for role, value in roles.items():
        if value is None:
            continue
        names = [value] if isinstance(value, (str, int)) else list(value)
        for col in names:
            if col not in data.columns:
                avail = ", ".join(map(repr, cols[:30])) + (" ..." if len(cols) > 30 else "")
                raise IsqError(
                    f"The column {col!r} given for `{role}` is not in `data`. "
                    f"Available columns: {avail}. "
                    f"(列 {col!r} 不在数据中。)"
                )


def check_argument(name: str, value, allowed: Iterable):
    """Raise unless ``value`` is one of ``allowed``; return ``value``."""
    allowed = list(allowed)
    if value not in allowed:
        raise IsqError(
            f"`{name}` must be one of {', '.join(map(repr, allowed))}; got {value!r}."
        )
    return value


def check_numeric_range(series, *, low, high, name, integer=False):
    """Raise unless every non-missing value of ``series`` is numeric in [low, high]."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        # fast path (numeric columns): one pass in numpy, no coercion needed
        arr = series.to_numpy(dtype=float, na_value=np.nan)
        # fmin/fmax skip NaN (missing answers): the smallest, the largest, the largest
        # distance to a whole number, each in one pass
        smallest = np.fmin.reduce(arr) if len(arr) else np.nan
        fine = np.isnan(smallest) or (  # (NaN: nothing answered)
            smallest >= low and np.fmax.reduce(arr) <= high
            and (not integer or np.fmax.reduce(np.abs(np.round(arr) - arr)) == 0))
        if fine:
            return series  # what pd.to_numeric returns for a numeric column, dtype kept
    values = pd.to_numeric(series, errors="coerce")
    bad = series.notna() & values.isna()
    bad |= values.notna() & ((values < low) | (values > high))
    if integer:
        bad |= values.notna() & (values != np.round(values))
    if bad.any():
        first = series[bad].iloc[0]
        raise IsqError(
            f"`{name}` must hold {'whole ' if integer else ''}numbers from {low} to {high}; "
            f"found {int(bad.sum())} value(s) outside, the first {first!r} "
            f"at index {series[bad].index[0]!r}. "
            f"({name} 的取值应在 {low}–{high} 之间。)"
        )
    return values


def check_numeric(series, *, name, role=None):
    """``series`` as numbers (``pd.to_numeric``); raise naming the first value that is not one.

    ``role`` names the argument that chose the column ("The column 'extra' given for
    `value` must hold numbers ..."); without it the message names the column alone.
    """
    import pandas as pd

    values = pd.to_numeric(series, errors="coerce")
    bad = series.notna() & values.isna()
    if bad.any():
        what = f"The column {name!r} given for `{role}`" if role else f"`{name}`"
        raise IsqError(
            f"{what} must hold numbers; found {series[bad].iloc[0]!r} at index "
            f"{series.index[bad][0]!r}. ({name} 应为数值。)"
        )
    return values
