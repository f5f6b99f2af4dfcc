from .cohorts import Cohort, CohortPartner, CohortStatus, default_rubric
from .partners import Partner, Pathway, QualificationLevel

__all__ = ["Cohort", "CohortPartner", "CohortStatus", "Pathway", "Partner", "QualificationLevel", "default_rubric"]
