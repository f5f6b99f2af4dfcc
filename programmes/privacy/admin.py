from django.contrib import admin

from programmes.privacy.models import DataRequest, ErasureRecord, ExportBundle


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "received_on", "status", "fulfilled_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["person", "created_by"]


@admin.register(ExportBundle)
class ExportBundleAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "created_at", "expires_at"]
    exclude = ["file"]  # the zip is downloaded through the privacy pages, which log who opened it
    raw_id_fields = ["person", "requested_by", "request"]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "reason"]
    readonly_fields = ["at", "actor", "reason", "counts", "request"]
