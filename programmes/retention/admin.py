from django.contrib import admin

from programmes.retention.models import RetentionRun, RetentionSchedule


@admin.register(RetentionSchedule)
class RetentionScheduleAdmin(admin.ModelAdmin):
    list_display = ["cohort", *RetentionSchedule.PERIODS, "updated_at"]


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["ran_at", "rule", "count", "dry_run", "source"]
    list_filter = ["rule", "dry_run", "source"]
    readonly_fields = ["ran_at", "rule", "count", "dry_run", "source"]
