from django.contrib import admin

from programmes.impact.models import FollowUpConsent, FollowUpSurvey


@admin.register(FollowUpConsent)
class FollowUpConsentAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "consented_at", "withdrawn_at"]
    list_filter = ["cohort"]


@admin.register(FollowUpSurvey)
class FollowUpSurveyAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "months", "sent_at", "answered_at", "destination", "region"]
    list_filter = ["cohort", "months", "destination"]
