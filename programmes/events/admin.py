from django.contrib import admin

from programmes.events.models import Booking, Feedback, Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "kind", "starts_at", "status", "seats_taken", "capacity"]
    list_filter = ["cohort", "kind", "status"]
    search_fields = ["title"]
    readonly_fields = ["seats_taken", "sequence"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["participant", "session", "status", "seated_at", "waitlisted_at"]
    list_filter = ["status"]
    raw_id_fields = ["participant", "session"]
    readonly_fields = ["revision", "last_reminder_offset"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["session", "participant", "rating", "created_at"]
    raw_id_fields = ["participant", "session"]
