from .matches import QUIET_AFTER, Goal, Match, MatchFeedback, MatchState, Meeting, SurveyStage
from .profiles import MentoringPreference, MentorProfile, Mode, Region, Sector, Seniority, TimeOfWeek
from .runs import MatchRun, Objective, PairRule, RuleKind, RunStatus

__all__ = [
    "QUIET_AFTER",
    "Goal",
    "Match",
    "MatchFeedback",
    "MatchRun",
    "MatchState",
    "Meeting",
    "MentorProfile",
    "MentoringPreference",
    "Mode",
    "Objective",
    "PairRule",
    "Region",
    "RuleKind",
    "RunStatus",
    "Sector",
    "Seniority",
    "SurveyStage",
    "TimeOfWeek",
]
