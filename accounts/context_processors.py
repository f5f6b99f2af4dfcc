from django.conf import settings


def portal(request):
    return {
        "mailbox_enabled": settings.FTL_MAILBOX_ENABLED,
        "contact_email": settings.FTL_CONTACT_EMAIL,
    }
