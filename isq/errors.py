"""Exceptions raised by isq.

Every error a user can trigger names what was wrong, where, and what would be
right; errors about data also name the file, row and column.
"""

__all__ = ["IsqError", "IsqDataError", "IsqInstrumentError"]


class IsqError(ValueError):
    """Base class for errors isq raises on bad input (a ValueError subclass)."""


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
        where = []
        if file is not None:
            where.append(f"file '{file}'")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        if value is not None:
            where.append(f"value {value!r}")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)


class IsqInstrumentError(IsqError):
    """A mistake in an instrument (questionnaire) definition file, naming file and key."""

    def __init__(self, message, *, file=None, key=None):
        self.file, self.key = file, key
        where = []
        if file is not None:
            where.append(f"instrument file '{file}'")
        if key is not None:
            where.append(f"key '{key}'")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)
