from django.contrib import admin

from .models import Match, MatchFeedback, MatchRun, Meeting, MentoringPreference, MentorProfile, PairRule


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "sector", "seniority", "capacity"]
    search_fields = ["user__email", "user__full_name", "organisation"]
    # Ids, not drop-downs of every account in the portal.
    raw_id_fields = ["user", "excluded_people"]


@admin.register(MentoringPreference)
class MentoringPreferenceAdmin(admin.ModelAdmin):
    list_display = ["student", "mode", "region"]
    raw_id_fields = ["student"]


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "cohort", "status", "objective", "created_by", "created_at", "published_at"]
    list_filter = ["status", "cohort"]
    readonly_fields = ["snapshot", "result"]


@admin.register(PairRule)
class PairRuleAdmin(admin.ModelAdmin):
    list_display = ["cohort", "student", "mentor", "kind", "reason"]
    raw_id_fields = ["student", "mentor", "created_by"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["cohort", "student", "mentor", "state", "score", "created_at"]
    list_filter = ["state", "cohort"]
    raw_id_fields = ["student", "mentor", "closed_by", "run"]


@admin.register(MatchFeedback)
class MatchFeedbackAdmin(admin.ModelAdmin):
    list_display = ["match", "respondent", "stage", "rating", "submitted_at"]
    raw_id_fields = ["match", "respondent"]


# Meeting notes are private to the pair: the admin shows only that a meeting happened.
@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["match", "met_on", "duration_minutes"]
    exclude = ["notes", "topic"]
