"""Presentation layer: axes-level plots in one visual language with a CJK font.

Every plot function takes ``ax=None`` and returns the Axes; none touches global state.
Apply the isq look explicitly with :func:`isq.use_theme` or ``with isq.theme(): ...``.
"""
