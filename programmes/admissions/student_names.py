"""Application.student_name stays the student's full name: set when the application is made, and
changed with the account's name (a rename, or the anonymised name of an erased person) in the same
transaction. bulk_create sends no signal: who bulk-creates applications sets it."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from programmes.admissions.models import Application


def _application_made(sender, instance, **kwargs):
    if instance._state.adding and not instance.student_name:
        instance.student_name = instance.student.full_name


def _account_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "full_name" not in update_fields):
        return
    Application.objects.filter(student=instance).exclude(student_name=instance.full_name).update(
        student_name=instance.full_name
    )


def connect():
    pre_save.connect(_application_made, sender=Application, dispatch_uid="student-name-Application")
    post_save.connect(_account_saved, sender=get_user_model(), dispatch_uid="student-name-User")
