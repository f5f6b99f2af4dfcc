from .applications import Application, ApplicationEvent, ApplicationExtension, ApplicationState
from .assignments import ReviewAssignment, ReviewerProfile
from .questions import Answer, Question, QuestionKind
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Answer",
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationState",
    "Decision",
    "Question",
    "QuestionKind",
    "Recommendation",
    "Review",
    "ReviewAssignment",
    "ReviewerProfile",
    "StagedDecision",
]
