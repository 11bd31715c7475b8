"""The scoreboard's file: a CSV log written after every change, read back after a restart.

:class:`isq.Scoreboard` (models) keeps the log in memory and tells its listeners about every
change; this delivery-layer store is the listener that writes the log to CSV (UTF-8 with BOM
for Excel, atomically: a temporary file, then ``os.replace``), so a kernel restart loses
nothing: :func:`load_scoreboard` brings the board back and keeps saving.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._io import atomic_write_text
from ..errors import IsqDataError, IsqError

__all__ = ["save_scoreboard", "load_scoreboard", "autosave_scoreboard"]


def save_scoreboard(board, path=None):
    """Write ``board``'s log to CSV atomically and return the path.

    ``path`` defaults to the file the board autosaves to (:func:`autosave_scoreboard`).
    """
    path = Path(path) if path is not None else board.path
    if path is None:
        raise IsqError("Give a `path` to save the scoreboard to. (请给出积分榜文件的路径。)")
    atomic_write_text(path, board.to_frame().to_csv(index=False, lineterminator="\n"),
                      encoding="utf-8-sig")
    return path


def autosave_scoreboard(board, path):
    """Save ``board`` to ``path`` now and after every change; return the board."""
    board.path = Path(path)
    board.on_change.append(lambda b: save_scoreboard(b, b.path) if b.path is not None else None)
    save_scoreboard(board, board.path)
    return board


def load_scoreboard(path, *, autosave=True):
    """Read a board saved by :func:`save_scoreboard` (and keep saving to it if ``autosave``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from isq.delivery.scoreboard_store import autosave_scoreboard, load_scoreboard
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "board.csv"
    >>> board = autosave_scoreboard(isq.Scoreboard(["红队", "蓝队"]), path)
    >>> board.add_points("红队", 3)
    >>> load_scoreboard(path).standings()[["team", "total"]].values.tolist()
    [['红队', 3.0], ['蓝队', 0.0]]
    """
    from ..models.scoreboard import Scoreboard

    path = Path(path)
    if not path.exists():
        raise IsqDataError("the scoreboard file does not exist.", file=str(path))
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"team": str, "member": str,
                                                           "reason": str, "round": str})
    board = Scoreboard.from_frame(frame, source=str(path))
    return autosave_scoreboard(board, path) if autosave else board
