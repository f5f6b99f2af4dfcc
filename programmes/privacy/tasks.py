from celery import shared_task

from programmes.privacy import services
from programmes.privacy.models import BundleStatus, ExportBundle


@shared_task(name="privacy.build_export")
def build_export(bundle_id):
    try:
        services.build_bundle(bundle_id=bundle_id)
    except Exception:
        # The page stops polling and says so, instead of showing "preparing" for ever.
        ExportBundle.objects.filter(pk=bundle_id).update(status=BundleStatus.FAILED)
        raise


@shared_task(name="privacy.purge_expired_exports")
def purge_expired_exports():
    return services.purge_expired()
