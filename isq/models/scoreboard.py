"""Classroom team competition (团队积分赛): a scoreboard a trainer updates live.

Every change is an event in a log (round, team, member, points, kind, reason); standings,
totals and the MVP are always computed from the log, so the total is the sum of the events
by construction. The board does no file I/O: after every change it calls the functions in
``board.on_change``; the delivery layer's store (:mod:`isq.delivery.scoreboard_store`) is
such a listener, writing the log to CSV so that a kernel restart loses nothing.
"""

from __future__ import annotations

from datetime import datetime
import numpy as np
import pandas as pd

from ..errors import IsqDataError, IsqError

__all__ = ["Scoreboard", "EVENT_KINDS", "LOG_COLUMNS"]

#: Kinds of rows in the log: registrations ("team", "member") and scores ("points", "bonus").
EVENT_KINDS = ("team", "member", "points", "bonus")
#: Columns of the log (:meth:`Scoreboard.to_frame`, the CSV file).
LOG_COLUMNS = ["seq", "time", "kind", "round", "team", "member", "points", "reason"]


class Scoreboard:
    """Teams, rounds, points, bonuses and an MVP for a classroom competition.

    Parameters
    ----------
    teams : list of str
        Team names, in display order.
    members : dict, optional
        ``{team: [member, ...]}``. When given, points credited to a member are checked
        against it; without it any member name is accepted and remembered.

    Attributes
    ----------
    round : int or str
        The current round, used when :meth:`add_points` gets no ``round`` (starts at 1;
        :meth:`next_round` adds one).
    on_change : list of callables
        Called with the board after every change (``isq.delivery.scoreboard_store``
        saves it there).
    path : Path or None
        The file the board is saved to, set by the store (None: in memory only).

    Notes
    -----
    ``standings()`` ranks teams by total with ties sharing the best rank ("1, 2, 2, 4").
    ``mvp()`` is the member with the most points credited to him or her (bonuses
    included); a tie goes to the member who reached that total first (earlier event),
    which rewards the early contribution and is easy to explain in class.

    Examples
    --------
    >>> board = isq.Scoreboard(["红队", "蓝队", "绿队"])
    >>> board.add_points("红队", 10, reason="抢答", member="张三")
    >>> board.add_points("蓝队", 8, member="李四")
    >>> board.next_round()
    >>> board.bonus("蓝队", 5, reason="最佳展示", member="李四")
    >>> board.add_points("绿队", 3)
    >>> board.standings()[["rank", "team", "total", "round_1", "round_2"]]
       rank team  total  round_1  round_2
    0     1   蓝队   13.0      8.0      5.0
    1     2   红队   10.0     10.0      0.0
    2     3   绿队    3.0      0.0      3.0
    >>> board.mvp()["member"]
    '李四'
    >>> board.undo()["points"]
    3.0
    """

    def __init__(self, teams, *, members=None):
        teams = [teams] if isinstance(teams, str) else list(teams)
        if not teams:
            raise IsqError("A scoreboard needs at least one team. (请至少设置一个队伍。)")
        if len(set(map(str, teams))) != len(teams):
            raise IsqError(f"Team names must be unique; got {teams!r}. (队伍名称不能重复。)")
        self.round = 1
        self.path, self.on_change = None, []
        self._log = []
        self._seq = 0
        for t in teams:
            self._append("team", team=str(t))
        for t, names in (members or {}).items():
            self._check_team(t)
            for m in names:
                self._append("member", team=str(t), member=str(m))
        self._save_auto()

    # ------------------------------------------------------------------ bookkeeping
    def _append(self, kind, *, team, member=None, points=0.0, round=None, reason=""):
        self._seq += 1
        self._log.append({"seq": self._seq, "time": datetime.now().isoformat(timespec="seconds"),
                          "kind": kind, "round": round, "team": team, "member": member,
                          "points": float(points), "reason": reason or ""})

    @property
    def teams(self):
        """Team names in display order."""
        return [e["team"] for e in self._log if e["kind"] == "team"]

    @property
    def members(self):
        """``{team: [members]}``: registered members and anyone credited with points."""
        out = {t: [] for t in self.teams}
        for e in self._log:
            if e["member"] is not None and e["member"] not in out[e["team"]]:
                out[e["team"]].append(e["member"])
        return out

    def _registered(self):
        return {(e["team"], e["member"]) for e in self._log if e["kind"] == "member"}

    def _check_team(self, team):
        if str(team) not in self.teams:
            raise IsqError(f"Unknown team {team!r}. Teams on this board: "
                           f"{', '.join(self.teams)}. (未知的队伍 {team!r}。)")
        return str(team)

    def _save_auto(self):
        for listener in self.on_change:
            listener(self)

    # ------------------------------------------------------------------ updates
    def add_team(self, team):
        """Add a team (at the end of the display order)."""
        if str(team) in self.teams:
            raise IsqError(f"Team {team!r} is already on the board.")
        self._append("team", team=str(team))
        self._save_auto()

    def next_round(self):
        """Move to the next round (numeric rounds only)."""
        if not isinstance(self.round, (int, np.integer)):
            raise IsqError(f"The current round {self.round!r} is not a number; "
                           f"set `board.round = ...` instead.")
        self.round += 1

    def add_points(self, team, points, *, round=None, reason="", member=None, kind="points"):
        """Credit ``points`` (may be negative: a penalty) to ``team`` (and ``member``).

        ``round`` defaults to the current round :attr:`round`.
        """
        team = self._check_team(team)
        try:
            value = float(points)
        except (TypeError, ValueError):
            raise IsqError(f"`points` must be a number; got {points!r}. (分数应为数字。)") from None
        if not np.isfinite(value):
            raise IsqError(f"`points` must be a finite number; got {points!r}.")
        if member is not None:
            member = str(member)
            reg = self._registered()
            if any(t == team for t, _ in reg) and (team, member) not in reg:
                known = [e["member"] for e in self._log
                         if e["kind"] == "member" and e["team"] == team]
                raise IsqError(f"Unknown member {member!r} of team {team!r}. Members: "
                               f"{', '.join(known)}. (队伍 {team} 中没有成员 {member}。)")
        self._append(kind, team=team, member=member, points=value,
                     round=self.round if round is None else round, reason=reason)
        self._save_auto()

    def bonus(self, team, points, *, round=None, reason="奖励", member=None):
        """Credit bonus points (shown separately in :meth:`standings`)."""
        self.add_points(team, points, round=round, reason=reason, member=member, kind="bonus")

    def undo(self):
        """Remove the last points or bonus event and return it (a dict)."""
        for i in range(len(self._log) - 1, -1, -1):
            if self._log[i]["kind"] in ("points", "bonus"):
                event = self._log.pop(i)
                self._save_auto()
                return event
        raise IsqError("Nothing to undo: no points have been given yet. (还没有可撤销的记录。)")

    # ------------------------------------------------------------------ views
    @property
    def events(self):
        """The points and bonus events as a DataFrame (columns :data:`LOG_COLUMNS`)."""
        f = self.to_frame()
        return f[f["kind"].isin(["points", "bonus"])].reset_index(drop=True)

    def standings(self):
        """The table of teams, best first.

        Returns
        -------
        DataFrame
            ``rank, team, total, points, bonus, round_<r>...`` (rank 1 = most points, ties
            share the rank; teams tied on total keep their display order).
        """
        ev = self.events
        teams = self.teams
        total = ev.groupby("team")["points"].sum().reindex(teams, fill_value=0.0)
        by_kind = ev.pivot_table(index="team", columns="kind", values="points",
                                 aggfunc="sum").reindex(teams).fillna(0.0)
        out = pd.DataFrame({"team": teams, "total": total.to_numpy(dtype=float),
                            "points": by_kind.get("points", pd.Series(0.0, index=teams)).to_numpy(dtype=float),
                            "bonus": by_kind.get("bonus", pd.Series(0.0, index=teams)).to_numpy(dtype=float)})
        rounds = list(dict.fromkeys(ev["round"].tolist()))
        for r in rounds:
            s = ev[ev["round"] == r].groupby("team")["points"].sum().reindex(teams, fill_value=0.0)
            out[f"round_{r}"] = s.to_numpy(dtype=float)
        out.insert(0, "rank", out["total"].rank(method="min", ascending=False).astype(int))
        out["_order"] = range(len(out))
        out = out.sort_values(["rank", "_order"]).drop(columns="_order")
        return out.reset_index(drop=True)

    def mvp(self):
        """The most valuable player: the member with the most points (see class Notes).

        Returns
        -------
        Series or None
            ``member, team, points, tied`` (``tied``: other members with the same total),
            or None when no points were credited to a member.
        """
        ev = self.events
        ev = ev[ev["member"].notna()]
        if ev.empty:
            return None
        totals = ev.groupby(["team", "member"], sort=False)["points"].sum()
        best = totals.max()
        leaders = [k for k, v in totals.items() if v == best]
        reached = {}
        for key in leaders:
            mine = ev[(ev["team"] == key[0]) & (ev["member"] == key[1])]
            cum = mine["points"].cumsum().to_numpy()
            reached[key] = int(mine["seq"].to_numpy()[np.flatnonzero(cum >= best)[0]])
        win = min(leaders, key=lambda k: reached[k])
        return pd.Series({"member": win[1], "team": win[0], "points": float(best),
                          "tied": [m for t, m in leaders if (t, m) != win]})

    # ------------------------------------------------------------------ the log
    def to_frame(self):
        """The full log (registrations and events) as a DataFrame (:data:`LOG_COLUMNS`)."""
        f = pd.DataFrame(self._log, columns=LOG_COLUMNS)
        f["round"] = pd.Series([e["round"] for e in self._log], dtype=object)
        f["points"] = f["points"].astype(float)
        return f

    @classmethod
    def from_frame(cls, frame, *, source="<frame>"):
        """Rebuild a board from :meth:`to_frame` output (or a CSV read back)."""
        if not isinstance(frame, pd.DataFrame):
            raise IsqError(f"`frame` must be a DataFrame; got {type(frame).__name__}.")
        missing = [c for c in ("kind", "team", "points") if c not in frame.columns]
        if missing:
            raise IsqDataError(f"the scoreboard log lacks column(s) {', '.join(missing)}; "
                               f"expected {', '.join(LOG_COLUMNS)}.", file=source)
        board = cls.__new__(cls)
        board.round, board.path, board.on_change, board._log, board._seq = 1, None, [], [], 0
        for i, row in enumerate(frame.to_dict("records")):
            kind = row["kind"]
            if kind not in EVENT_KINDS:
                raise IsqDataError(f"unknown kind; expected one of {', '.join(EVENT_KINDS)}.",
                                   file=source, row=i + 2, column="kind", value=kind)
            member = row.get("member")
            member = None if member is None or (isinstance(member, float) and np.isnan(member)) \
                else str(member)
            rnd = row.get("round")
            if rnd is not None and not (isinstance(rnd, float) and np.isnan(rnd)):
                try:
                    f = float(rnd)
                    rnd = int(f) if f.is_integer() else rnd
                except (TypeError, ValueError):
                    rnd = str(rnd)
            else:
                rnd = None
            try:
                pts = float(row["points"]) if kind in ("points", "bonus") else 0.0
            except (TypeError, ValueError):
                raise IsqDataError("points must be a number.", file=source, row=i + 2,
                                   column="points", value=row["points"]) from None
            board._seq += 1
            reason = row.get("reason")
            board._log.append({
                "seq": board._seq, "time": str(row.get("time") or ""), "kind": kind,
                "round": rnd, "team": str(row["team"]), "member": member, "points": pts,
                "reason": "" if reason is None or (isinstance(reason, float) and np.isnan(reason))
                else str(reason)})
            if kind in ("points", "bonus") and str(row["team"]) not in board.teams:
                raise IsqDataError(f"team {row['team']!r} was never registered.", file=source,
                                   row=i + 2, column="team", value=row["team"])
        if not board.teams:
            raise IsqDataError("no team rows (kind = 'team') in the log.", file=source)
        rounds = [e["round"] for e in board._log if e["round"] is not None]
        board.round = rounds[-1] if rounds else 1
        return board

    def __repr__(self):
        st = self.standings()
        body = ", ".join(f"{t} {v:g}" for t, v in zip(st["team"], st["total"]))
        return f"Scoreboard(round {self.round}: {body})"
