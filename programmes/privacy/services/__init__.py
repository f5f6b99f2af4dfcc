from programmes.privacy.services.erasure import erase_address, erase_person
from programmes.privacy.services.exports import build_bundle, download_bundle, purge_expired, request_export

__all__ = ["build_bundle", "erase_address", "download_bundle", "erase_person", "purge_expired", "request_export"]
