import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    STUDENT = "student", "Student"
    STAFF = "staff", "University staff"
    COORDINATOR = "coordinator", "Coordinator"
    MENTOR = "mentor", "Mentor"


ROLES_NEEDING_PARTNER = {Role.STAFF}
ROLES_NEEDING_MFA = {Role.STAFF, Role.COORDINATOR}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("role", Role.COORDINATOR)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address. `role` decides what they may see."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.STUDENT, db_index=True)
    partner = models.ForeignKey(
        "cohorts.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The partner university of a member of university staff.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("Django admin access", default=False)
    is_demo = models.BooleanField(
        default=False,
        help_text="A demo account: may skip MFA while FTL_DEMO_MFA_OPTIONAL is on (never in production).",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role=Role.STAFF) | models.Q(partner__isnull=False),
                name="staff_has_partner",
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name.split() or [self.email])[0]

    @property
    def first_name(self):
        return self.get_short_name()

    @property
    def is_student(self):
        return self.role == Role.STUDENT

    @property
    def is_university_staff(self):
        return self.role == Role.STAFF

    @property
    def is_coordinator(self):
        return self.role == Role.COORDINATOR

    @property
    def is_mentor(self):
        return self.role == Role.MENTOR


def new_invitation_nonce():
    return secrets.token_urlsafe(16)


class Invitation(models.Model):
    """A coordinator's invitation to staff, coordinators and mentors. The emailed link is signed,
    expires, and is spent the moment it is accepted."""

    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=[c for c in Role.choices if c[0] != Role.STUDENT])
    partner = models.ForeignKey("cohorts.Partner", null=True, blank=True, on_delete=models.PROTECT)
    nonce = models.CharField(max_length=40, default=new_invitation_nonce, unique=True, editable=False)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def status(self):
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class AccessEvent(models.Model):
    """Who opened what about whom: a CV, an export, an equality report. Kept for the person's own
    export ("who at Medilink or my university opened my application") and for coordinators."""

    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="access_events")
    subject = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    what = models.CharField(max_length=40)  # e.g. "cv", "application", "export", "equality_report"
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.actor} opened {self.what} at {self.at:%Y-%m-%d %H:%M}"
