"""Production's environment variables read into settings, where code other than the settings
module needs the same reading: the message for a malformed variable, and the media storage
an S3-compatible bucket's variables describe. `config.settings.prod` uses both; the tests
build their bucket's storage with `s3_media` too (tests/conftest.py, `s3_storage`), so they
run the storage production runs. Reads no settings and connects to nothing.
"""

import re

from django.core.exceptions import ImproperlyConfigured


def without_password(url: str) -> str:
    """The URL as an error message may show it: no user or password."""
    return re.sub(r"//[^/@]*@", "//…@", url)


def malformed(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name} must be {expected} (got {without_password(value)!r}).")


def s3_media(bucket: str, region: str, endpoint: str, domain: str) -> tuple[dict, str]:
    """The media storage on an S3-compatible bucket, and the URL its files are under."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        raise malformed("AWS_STORAGE_BUCKET_NAME", bucket, "an S3 bucket name")
    if region and not re.fullmatch(r"[a-z0-9-]+", region):
        raise malformed("AWS_S3_REGION_NAME", region, "a region such as ap-northeast-2")
    if endpoint and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", endpoint):
        raise malformed("AWS_S3_ENDPOINT_URL", endpoint, "an origin such as https://s3.example.org")
    if domain and not re.fullmatch(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?", domain):
        raise malformed(
            "AWS_S3_CUSTOM_DOMAIN", domain, "a host name such as media.example.org (no https://)"
        )
    if endpoint:
        # Another S3-compatible service (MinIO, R2, …): the bucket in the path works on all.
        addressing = "path"
    elif region:
        # Amazon S3 at its regional endpoint, so that URLs do not depend on botocore's
        # choice; the bucket as a sub-domain unless a dot in its name breaks the certificate.
        endpoint = f"https://s3.{region}.amazonaws.com"
        addressing = "path" if "." in bucket else "virtual"
    else:
        raise ImproperlyConfigured(
            "Set AWS_S3_REGION_NAME (e.g. ap-northeast-2) for media on Amazon S3, or "
            "AWS_S3_ENDPOINT_URL for another S3-compatible service."
        )
    if domain:
        media_url = f"https://{domain}/"
    elif addressing == "path":
        media_url = f"{endpoint}/{bucket}/"
    else:
        scheme, host = endpoint.split("://")
        media_url = f"{scheme}://{bucket}.{host}/"
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "region_name": region or None,
            "endpoint_url": endpoint,
            "addressing_style": addressing,
            "custom_domain": domain or None,
            # Plain, stable URLs: press/renditions.py keeps each rendition's URL for the
            # life of the process and pages are cached, so a signed URL would expire inside
            # both. Reading is granted by the bucket's policy (or the CDN's access to it);
            # no ACL is sent, as buckets with ACLs disabled (S3's default) require.
            "querystring_auth": False,
            "default_acl": None,
            # Two photos uploaded as pier.jpg in one month keep two files, as on disk.
            "file_overwrite": False,
            # As long as press/media.py lets shared caches keep a public photo.
            "object_parameters": {"CacheControl": "public, max-age=3600"},
        },
    }
    return storage, media_url
