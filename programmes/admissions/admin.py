from django.contrib import admin

from programmes.admissions.models import Application, ApplicationExtension, Review, StagedDecision


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["student", "cohort", "partner", "state", "submitted_at"]
    list_filter = ["cohort", "partner", "state"]
    search_fields = ["student__email", "student__full_name"]
    raw_id_fields = ["student"]


@admin.register(ApplicationExtension)
class ApplicationExtensionAdmin(admin.ModelAdmin):
    list_display = ["student", "cohort", "until", "granted_by"]
    raw_id_fields = ["student", "granted_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "weighted_score", "recommendation", "conflict_declared", "submitted_at"]
    list_filter = ["conflict_declared", "recommendation"]
    raw_id_fields = ["application", "reviewer"]


@admin.register(StagedDecision)
class StagedDecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "decision", "staged_by", "staged_at"]
    raw_id_fields = ["application", "staged_by"]
