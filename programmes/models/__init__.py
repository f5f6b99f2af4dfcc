from .applications import Application, ApplicationEvent, ApplicationState, LevelOfStudy
from .campaigns import (
    Campaign,
    CampaignRecipient,
    CampaignStatus,
    ConsentRecord,
    ImportStatus,
    Prospect,
    ProspectImport,
    ProspectSource,
    RecipientStatus,
    Suppression,
    SuppressionReason,
)
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner

__all__ = [
    "Campaign",
    "CampaignRecipient",
    "CampaignStatus",
    "ConsentRecord",
    "ImportStatus",
    "Prospect",
    "ProspectImport",
    "ProspectSource",
    "RecipientStatus",
    "Suppression",
    "SuppressionReason",
    "Application",
    "ApplicationEvent",
    "ApplicationState",
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "InterestArea",
    "LevelOfStudy",
    "Partner",
]
