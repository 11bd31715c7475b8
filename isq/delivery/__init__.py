"""Delivery layer: classroom widgets, exercise checks, worksheets, course build, reports, CLI."""
