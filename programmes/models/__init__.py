from .applications import Application, ApplicationEvent, ApplicationState, LevelOfStudy
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner
from .reviews import Decision, Recommendation, Review, StagedDecision

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationState",
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "Decision",
    "InterestArea",
    "LevelOfStudy",
    "Partner",
    "Recommendation",
    "Review",
    "StagedDecision",
]
