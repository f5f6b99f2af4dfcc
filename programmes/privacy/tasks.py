from celery import shared_task

from programmes.privacy import services


@shared_task(name="privacy.build_export")
def build_export(bundle_id):
    services.build_bundle(bundle_id=bundle_id)
