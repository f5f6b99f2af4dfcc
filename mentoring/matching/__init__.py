"""The matching engine: pure Python (NumPy and OR-Tools), no Django."""

from .engine import solve
from .types import (
    PARTICIPATION,
    SCORE,
    STABLE,
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
    "STABLE",
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
