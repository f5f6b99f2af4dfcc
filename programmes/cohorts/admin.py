from django.contrib import admin

from programmes.cohorts.models import Cohort, CohortPartner, Partner, Pathway


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
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
