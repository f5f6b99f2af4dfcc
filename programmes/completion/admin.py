from django.contrib import admin

from .models import Certificate, CompletionCriteria, SelfAssessment


@admin.register(CompletionCriteria)
class CompletionCriteriaAdmin(admin.ModelAdmin):
    list_display = ["cohort", "sessions_attended", "mentor_meetings", "end_survey"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "stage", "submitted_at"]
    list_filter = ["cohort", "stage"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "code", "issued_at", "revoked_at"]
    list_filter = ["cohort"]
    readonly_fields = ["code", "issued_at"]
