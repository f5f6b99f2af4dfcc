from .applications import Application, ApplicationEvent, ApplicationExtension, ApplicationState
from .assignments import ReviewAssignment, ReviewerProfile
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationState",
    "Decision",
    "Recommendation",
    "Review",
    "ReviewAssignment",
    "ReviewerProfile",
    "StagedDecision",
]
