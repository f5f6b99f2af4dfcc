from django.contrib import admin

from .models import Application, Cohort, CohortPartner, InterestArea, Partner, Review, StagedDecision


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InterestArea)
class InterestAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ordering"]
    prepopulated_fields = {"slug": ["name"]}


class CohortPartnerInline(admin.TabularInline):
    model = CohortPartner
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "applications_open_at", "applications_close_at"]
    inlines = [CohortPartnerInline]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["student", "cohort", "partner", "state", "submitted_at"]
    list_filter = ["cohort", "partner", "state"]
    search_fields = ["student__email", "student__full_name"]
    raw_id_fields = ["student"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "weighted_score", "recommendation", "conflict_declared", "submitted_at"]
    list_filter = ["conflict_declared", "recommendation"]
    raw_id_fields = ["application", "reviewer"]


@admin.register(StagedDecision)
class StagedDecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "decision", "staged_by", "staged_at"]
    raw_id_fields = ["application", "staged_by"]
