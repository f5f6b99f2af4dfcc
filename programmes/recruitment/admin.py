from django.contrib import admin

from programmes.recruitment.models import Campaign, ConsentRecord, Prospect, Suppression


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
