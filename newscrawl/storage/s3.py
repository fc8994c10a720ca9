"""``S3Storage``: any S3-compatible endpoint through boto3, verified object by object.

Files are streamed from disk by boto3's transfer manager (multipart above
``part_size``, so memory stays around ``part_size x max_concurrency`` whatever
the file size), sent with a checksum the server verifies per part, and
confirmed with a HEAD: the stored size and checksum must equal the local ones.
boto3 is imported only when an S3 destination is used.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newscrawl.storage.base import (
    OutputStorage,
    StorageConfigError,
    StorageUnavailable,
    StoredObject,
    content_type,
    safe_key,
)

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
CHECKSUMS = ("SHA256", "SHA1")
_NO_BUCKET = {"404", "NoSuchBucket", "NotFound"}
_BAD_CREDENTIALS = {
    "403",
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "InvalidClientTokenId",
}


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix/`` -> ``("bucket", "some/prefix/")``; rejects malformed ones."""
    parts = urlsplit(uri)
    if parts.scheme != "s3" or parts.query or parts.fragment or "@" in parts.netloc:
        raise StorageConfigError(
            f"NEWSCRAWL_OUTPUT_DIR={uri!r} is not an S3 URI of the form s3://bucket/prefix/"
        )
    bucket = parts.netloc
    if not _BUCKET.match(bucket) or ".." in bucket:
        raise StorageConfigError(
            f"NEWSCRAWL_OUTPUT_DIR={uri!r}: {bucket!r} is not a valid bucket name "
            "(3-63 characters: a-z, 0-9, dots and dashes)"
        )
    prefix = parts.path.strip("/")
    if prefix:
        segments = prefix.split("/")
        if any(s in ("", ".", "..") for s in segments):
            raise StorageConfigError(
                f"NEWSCRAWL_OUTPUT_DIR={uri!r}: the key prefix has an empty, '.' or '..' part"
            )
        prefix += "/"
    return bucket, prefix


def file_checksum(path: str, algorithm: str, part_size: int | None) -> str:
    """Base64 checksum as S3 reports it: of the whole file, or composite of its parts."""
    name = algorithm.lower()
    whole = hashlib.new(name)
    parts: list[bytes] = []
    with open(path, "rb") as fh:
        while True:
            chunk = fh.read(part_size or (8 << 20))
            if not chunk:
                break
            if part_size:
                parts.append(hashlib.new(name, chunk).digest())
            else:
                whole.update(chunk)
    if part_size:
        whole = hashlib.new(name, b"".join(parts))
    return base64.b64encode(whole.digest()).decode()


class S3Storage(OutputStorage):
    """An ``s3://bucket/prefix/`` destination."""

    spooled = True

    def __init__(
        self,
        uri: str,
        *,
        access_key: str | None = None,
        secret_key: str | None = None,
        session_token: str | None = None,
        endpoint_url: str | None = None,
        region_name: str | None = None,
        use_ssl: bool | None = None,
        verify: bool | str | None = None,
        storage_class: str = "",
        sse: str = "",
        sse_kms_key_id: str = "",
        checksum: str = "SHA256",
        part_size: int = 16 << 20,
        max_concurrency: int = 4,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
    ) -> None:
        super().__init__(uri)
        self.bucket, self.prefix = parse_s3_uri(uri)
        self.checksum = (checksum or "").upper()
        if self.checksum and self.checksum not in CHECKSUMS:
            raise StorageConfigError(
                f"NEWSCRAWL_S3_CHECKSUM={checksum!r} is not one of {', '.join(CHECKSUMS)}"
            )
        if part_size < 5 << 20:
            raise StorageConfigError(
                f"NEWSCRAWL_S3_PART_SIZE={part_size} is below S3's minimum part size (5 MiB)"
            )
        self._credentials = {
            "aws_access_key_id": access_key or None,
            "aws_secret_access_key": secret_key or None,
            "aws_session_token": session_token or None,
            "region_name": region_name or None,
        }
        self._client_args: dict[str, Any] = {"endpoint_url": endpoint_url or None}
        if use_ssl is not None:
            self._client_args["use_ssl"] = use_ssl
        if verify is not None:
            self._client_args["verify"] = verify
        self.extra_args: dict[str, str] = {}
        if storage_class:
            self.extra_args["StorageClass"] = storage_class
        if sse:
            self.extra_args["ServerSideEncryption"] = sse
        if sse_kms_key_id:
            self.extra_args["SSEKMSKeyId"] = sse_kms_key_id
        if self.checksum:
            self.extra_args["ChecksumAlgorithm"] = self.checksum
        self.part_size = part_size
        self.max_concurrency = max(1, max_concurrency)
        self.timeouts = (connect_timeout, read_timeout)
        self._client: Any = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, uri: str, settings: BaseSettings) -> S3Storage:
        verify = settings.get("AWS_VERIFY")
        if isinstance(verify, str) and verify.lower() in ("true", "false", "1", "0"):
            verify = settings.getbool("AWS_VERIFY")
        use_ssl = settings.get("AWS_USE_SSL")
        return cls(
            uri,
            access_key=settings.get("AWS_ACCESS_KEY_ID"),
            secret_key=settings.get("AWS_SECRET_ACCESS_KEY"),
            session_token=settings.get("AWS_SESSION_TOKEN"),
            endpoint_url=settings.get("AWS_ENDPOINT_URL"),
            region_name=settings.get("AWS_REGION_NAME"),
            use_ssl=None if use_ssl is None else settings.getbool("AWS_USE_SSL"),
            verify=verify,
            storage_class=settings.get("NEWSCRAWL_S3_STORAGE_CLASS") or "",
            sse=settings.get("NEWSCRAWL_S3_SSE") or "",
            sse_kms_key_id=settings.get("NEWSCRAWL_S3_SSE_KMS_KEY_ID") or "",
            checksum=settings.get("NEWSCRAWL_S3_CHECKSUM", "SHA256") or "",
            part_size=settings.getint("NEWSCRAWL_S3_PART_SIZE", 16 << 20),
            max_concurrency=settings.getint("NEWSCRAWL_S3_MAX_CONCURRENCY", 4),
        )

    # -- boto3 -----------------------------------------------------------------

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                import boto3
                from botocore.config import Config

                session = boto3.session.Session(**self._credentials)
                config = Config(
                    connect_timeout=self.timeouts[0],
                    read_timeout=self.timeouts[1],
                    retries={"max_attempts": 2, "mode": "standard"},
                    max_pool_connections=self.max_concurrency + 2,
                )
                self._client = session.client("s3", config=config, **self._client_args)
            return self._client

    def _transfer_config(self) -> Any:
        from boto3.s3.transfer import TransferConfig

        return TransferConfig(
            multipart_threshold=self.part_size,
            multipart_chunksize=self.part_size,
            max_concurrency=self.max_concurrency,
            # bounds what sits in memory: parts being read or sent
            max_io_queue=self.max_concurrency,
        )

    # -- the interface ---------------------------------------------------------

    def check(self) -> None:
        """HEAD the bucket: a missing bucket or rejected credentials will never work."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except NoCredentialsError as exc:
            raise StorageConfigError(
                f"no AWS credentials for {self.uri}: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY, or configure boto3 (environment, profile, role)"
            ) from exc
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code in _NO_BUCKET:
                raise StorageConfigError(
                    f"S3 bucket {self.bucket!r} does not exist "
                    f"(NEWSCRAWL_OUTPUT_DIR={self.uri}, endpoint {self._endpoint()})"
                ) from exc
            if code in _BAD_CREDENTIALS:
                raise StorageConfigError(
                    f"S3 rejected the credentials for bucket {self.bucket!r} ({code}): "
                    "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN "
                    "and the bucket policy"
                ) from exc
            if status >= 500 or code in ("SlowDown", "RequestTimeout", "Throttling"):
                raise StorageUnavailable(f"{code} from {self._endpoint()}") from exc
            raise StorageConfigError(f"S3 refused bucket {self.bucket!r}: {code}") from exc
        except BotoCoreError as exc:
            raise StorageUnavailable(str(exc)) from exc

    def put(self, path: str, key: str) -> StoredObject:
        from boto3.exceptions import S3UploadFailedError
        from botocore.exceptions import BotoCoreError, ClientError
        from s3transfer.utils import ChunksizeAdjuster

        key = safe_key(key)
        full_key = self.prefix + key
        size = os.path.getsize(path)
        multipart = size >= self.part_size
        part_size = ChunksizeAdjuster().adjust_chunksize(self.part_size, size)
        extra = {**self.extra_args, "ContentType": content_type(key)}
        try:
            self.client.upload_file(
                path, self.bucket, full_key, ExtraArgs=extra, Config=self._transfer_config()
            )
            head = self.client.head_object(
                Bucket=self.bucket,
                Key=full_key,
                **({"ChecksumMode": "ENABLED"} if self.checksum else {}),
            )
        except (S3UploadFailedError, ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"{type(exc).__name__}: {exc}") from exc
        stored_size = int(head.get("ContentLength", -1))
        if stored_size != size:
            raise StorageUnavailable(
                f"{self.describe(key)} holds {stored_size} bytes, the local file {size}"
            )
        checksum = ""
        if self.checksum:
            remote = head.get("Checksum" + self.checksum)
            if remote is None:
                raise StorageUnavailable(
                    f"{self.describe(key)}: the endpoint reports no {self.checksum} checksum "
                    "(set NEWSCRAWL_S3_CHECKSUM='' for endpoints without checksums)"
                )
            local = file_checksum(path, self.checksum, part_size if multipart else None)
            if remote.split("-", 1)[0] != local:
                raise StorageUnavailable(
                    f"{self.describe(key)}: stored {self.checksum} {remote} != local {local}"
                )
            checksum = f"{self.checksum.lower()}:{remote}"
        return StoredObject(key, size, checksum)

    def describe(self, key: str = "") -> str:
        return f"s3://{self.bucket}/{self.prefix}{key}"

    def _endpoint(self) -> str:
        return self._client_args.get("endpoint_url") or "AWS"
