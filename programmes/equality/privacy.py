from ftl_portal.privacy import register
from programmes.equality.models import EqualityResponse

register(
    EqualityResponse,
    rows=lambda user: EqualityResponse.objects.filter(student=user).select_related("cohort"),
    export=lambda response: {
        "cohort": response.cohort.name,
        "age_band": response.get_age_band_display(),
        "sex": response.get_sex_display(),
        "gender_same_as_birth": response.get_gender_same_as_birth_display(),
        "ethnicity": response.get_ethnicity_display(),
        "disability": response.get_disability_display(),
        "disability_type": response.get_disability_type_display(),
        "first_in_family": response.get_first_in_family_display(),
        "care_experienced": response.get_care_experienced_display(),
        "submitted_at": response.submitted_at.isoformat(),
    },
    erase="delete",
    why="Optional equality monitoring answers (special category data), counted only in rounded totals.",
)
