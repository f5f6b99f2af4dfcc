from django.contrib import admin

from .models import Application, Cohort, CohortPartner, InterestArea, Partner


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


from .models import Campaign, ConsentRecord, Prospect, Suppression  # noqa: E402 - appended per concern


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
