"""The static files' storages, each giving a file's URL once per process: every page's base template
asks for nine ({% static %}), and working each out again (the URL joined, quoted and, in production,
looked up in the manifest) took about 80 calls a tag, 400 of a review queue page's 13,500. A file's URL
depends only on the settings and the manifest, neither of which changes while a process runs; a test
that overrides STATIC_URL or STORAGES is given a new storage, and so a new memo, by Django."""

from django.conf import settings
from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class _EachUrlOnce:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, *args, **kwargs):
        # DEBUG decides whether the manifest storage hashes a name, and a test may change it.
        key = (name, settings.DEBUG)
        if args or kwargs:  # force=True (collectstatic, tests of the manifest): as asked, every time
            return super().url(name, *args, **kwargs)
        if key not in self._urls:
            self._urls[key] = super().url(name)
        return self._urls[key]


class DevelopmentStaticFiles(_EachUrlOnce, StaticFilesStorage):
    pass


class ProductionStaticFiles(_EachUrlOnce, CompressedManifestStaticFilesStorage):
    pass
