"""Exceptions raised by isq.

Every error a user can trigger names what was wrong, where, and what would be
right; errors about data also name the file, row and column.
"""

__all__ = ["IsqError", "IsqDataError", "IsqInstrumentError"]


class IsqError(ValueError):
    """Base class for errors isq raises on bad input (a ValueError subclass)."""


def _located(message, where):
    """``message`` behind the known places of ``where``, (format, value) pairs whose value
    is None when unknown: "file 'x.csv', row 3: ..."."""
    known = [fmt.format(value) for fmt, value in where if value is not None]
    return (", ".join(known) + ": " if known else "") + message


class IsqDataError(IsqError):
    """A problem in a data file or table.

    Parameters
    ----------
    message : str
        What was wrong and what was expected (Chinese and/or English).
    file, row, column, value : optional
        Where: the file path, the 1-based row as a person sees it in the file,
        the column name and the offending value.
    """

    def __init__(self, message, *, file=None, row=None, column=None, value=None):
        self.file, self.row, self.column, self.value = file, row, column, value
        super().__init__(_located(message, [("file '{}'", file), ("row {}", row),
                                            ("column '{}'", column), ("value {!r}", value)]))


class IsqInstrumentError(IsqError):
    """A mistake in an instrument (questionnaire) definition file, naming file and key."""

    def __init__(self, message, *, file=None, key=None):
        self.file, self.key = file, key
        super().__init__(_located(message, [("instrument file '{}'", file), ("key '{}'", key)]))
