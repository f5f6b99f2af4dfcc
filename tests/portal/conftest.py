import pytest
from django.core.management import call_command

from tests.portal.route_matrix import build_world


@pytest.fixture
def world(settings, tmp_path):
    """The demo data with canaries planted, and the tenant's objects (tests/portal/route_matrix.py)."""
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", verbosity=0)
    return build_world()
