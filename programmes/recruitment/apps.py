from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "programmes.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"
