from .applications import Application, ApplicationEvent, ApplicationExtension, ApplicationState
from .assignments import ReviewAssignment, ReviewerProfile
from .interviews import InterviewInvitation, InterviewScore, InterviewStage
from .notes import SHORTLISTED, ApplicationNote, ApplicationTag
from .questions import Answer, Question, QuestionKind
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Answer",
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationNote",
    "ApplicationTag",
    "ApplicationState",
    "Decision",
    "Question",
    "QuestionKind",
    "InterviewInvitation",
    "InterviewScore",
    "InterviewStage",
    "Recommendation",
    "SHORTLISTED",
    "Review",
    "ReviewAssignment",
    "ReviewerProfile",
    "StagedDecision",
]
