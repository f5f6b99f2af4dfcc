from .applications import Application, ApplicationEvent, ApplicationExtension, ApplicationState
from .interviews import InterviewInvitation, InterviewScore, InterviewStage
from .notes import SHORTLISTED, ApplicationNote, ApplicationTag
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationNote",
    "ApplicationTag",
    "ApplicationState",
    "Decision",
    "InterviewInvitation",
    "InterviewScore",
    "InterviewStage",
    "Recommendation",
    "SHORTLISTED",
    "Review",
    "StagedDecision",
]
