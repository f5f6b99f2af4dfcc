from django.contrib import admin

from programmes.messaging.models import CohortMessage


@admin.register(CohortMessage)
class CohortMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "cohort", "audience", "created_by", "sent_at", "recipient_count")
    list_filter = ("audience", "cohort")
    readonly_fields = ("sent_at", "recipient_count")
