from .applications import Application, ApplicationEvent, ApplicationExtension, ApplicationState, LevelOfStudy
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationState",
    "Decision",
    "LevelOfStudy",
    "Recommendation",
    "Review",
    "StagedDecision",
]
