"""Assigning applications to reviewers: a pure engine (no Django) and its inputs and outputs."""

from .engine import Assignment, Reviewer, Wanted, assign

__all__ = ["Assignment", "Reviewer", "Wanted", "assign"]
