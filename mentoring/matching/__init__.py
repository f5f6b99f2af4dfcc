"""The matching engine: pure Python (NumPy and OR-Tools), no Django."""

from .engine import solve
from .types import (
    PARTICIPATION,
    SCORE,
    Alternative,
    EngineError,
    Mentor,
    Pair,
    Problem,
    Result,
    Rules,
    Student,
    Unmatched,
    Weights,
)

__all__ = [
    "PARTICIPATION",
    "SCORE",
    "Alternative",
    "EngineError",
    "Mentor",
    "Pair",
    "Problem",
    "Result",
    "Rules",
    "Student",
    "Unmatched",
    "Weights",
    "solve",
]
