from django.contrib import admin

from .models import (
    Application,
    ApplicationExtension,
    Booking,
    Campaign,
    Cohort,
    CohortPartner,
    ConsentRecord,
    Feedback,
    InterestArea,
    Partner,
    Prospect,
    Review,
    Session,
    StagedDecision,
    Suppression,
)


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


@admin.register(ApplicationExtension)
class ApplicationExtensionAdmin(admin.ModelAdmin):
    list_display = ["student", "cohort", "until", "granted_by"]
    raw_id_fields = ["student", "granted_by"]


# Sessions and bookings.


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


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "weighted_score", "recommendation", "conflict_declared", "submitted_at"]
    list_filter = ["conflict_declared", "recommendation"]
    raw_id_fields = ["application", "reviewer"]


@admin.register(StagedDecision)
class StagedDecisionAdmin(admin.ModelAdmin):
    list_display = ["application", "decision", "staged_by", "staged_at"]
    raw_id_fields = ["application", "staged_by"]


class ConsentRecordInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    readonly_fields = ["wording", "given_at", "source", "confirmed_at", "withdrawn_at"]


@admin.register(Prospect)
class ProspectAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "partner", "source", "confirmed_at", "consent_withdrawn_at"]
    list_filter = ["source", "partner"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [ConsentRecordInline]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "campaign", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "cohort", "status", "rate_per_minute", "created_at"]
    list_filter = ["status"]
