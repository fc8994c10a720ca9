"""Profile `s3`: every output to an S3 bucket (or MinIO, Ceph, R2, ...), through a local spool.

Copy it and set your bucket, or override per run:
``SCRAPY_PROJECT=s3 scrapy crawl feeds -s NEWSCRAWL_OUTPUT_DIR=s3://bucket/prefix/ ...``.
Credentials come from boto3's chain (the AWS_* environment variables, ~/.aws, an
instance role) or from the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY settings;
never write them into a file in the repository.
"""

from newscrawl.settings import *  # noqa: F403

NEWSCRAWL_OUTPUT_DIR = "s3://my-news-archive/newscrawl/"
# Complete files wait here until S3 confirms them: persistent local disk, kept across runs.
NEWSCRAWL_SPOOL_DIR = "spool"
# An S3-compatible endpoint instead of AWS, e.g. MinIO: "http://127.0.0.1:9000"
AWS_ENDPOINT_URL = None
AWS_REGION_NAME = None
# Archives are written once and read rarely.
NEWSCRAWL_S3_STORAGE_CLASS = "STANDARD_IA"
NEWSCRAWL_S3_SSE = "AES256"
# Give a slow link more time at the end of a run before leaving files for the next one.
NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT = 300.0
