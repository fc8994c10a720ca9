"""Crawls of the demo site into a real S3 endpoint (a moto server process over HTTP)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.demo.server import feed_urls
from newscrawl.frontmatter import parse_post
from tests.support.crawl import ROOT, crawl_env, run_crawl
from tests.support.s3 import MotoServer, free_port, list_objects, s3_settings

BUCKET = "news-archive"
PREFIX = "daily/2026/"
URI = f"s3://{BUCKET}/{PREFIX}"


@pytest.fixture(scope="module")
def moto():
    with MotoServer() as server:
        server.client().create_bucket(Bucket=BUCKET)
        yield server


def _body(client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def _errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if " ERROR: " in line or "Traceback" in line]


def test_crawl_stores_every_output_in_the_bucket(moto, demo_site, tmp_path: Path) -> None:
    client = moto.client()
    prefix = PREFIX + "full/"
    spool = tmp_path / "spool"
    result = run_crawl(
        tmp_path / "local",
        feeds=feed_urls(demo_site),
        settings=s3_settings(
            moto.endpoint,
            f"s3://{BUCKET}/{prefix}",
            str(spool),
            NEWSCRAWL_WARC_MAX_SIZE=16000,  # rotate: several WARC files, each sent when closed
        ),
    )
    assert result.returncode == 0, result.log
    assert not _errors(result.log) and " WARNING: " not in result.log, result.log
    objects = list_objects(client, BUCKET, prefix)
    keys = sorted(k.removeprefix(prefix) for k in objects)
    by_area: dict[str, list[str]] = {}
    for key in keys:
        area, _, name = key.partition("/")
        by_area.setdefault(area, []).append(name)
    assert sorted(by_area) == ["items", "posts", "reports", "warc"], keys
    assert len(by_area["items"]) == 1 and by_area["items"][0].startswith("feeds-")
    assert len(by_area["posts"]) == 6
    assert len(by_area["reports"]) == 1
    warcs = sorted(n for n in by_area["warc"] if n.endswith(".warc.gz"))
    assert len(warcs) >= 2, keys
    assert by_area["warc"] == sorted(warcs + [n[:-8] + ".cdxj" for n in warcs])

    types = {".jsonl": "application/x-ndjson", ".md": "text/markdown; charset=utf-8",
             ".json": "application/json", ".warc.gz": "application/warc",
             ".cdxj": "text/x-cdxj; charset=utf-8"}  # fmt: skip
    for key, head in objects.items():
        body = _body(client, key)
        assert head["ContentLength"] == len(body), key
        assert head["ContentType"] == next(t for s, t in types.items() if key.endswith(s)), key
        sha = base64.b64encode(hashlib.sha256(body).digest()).decode()
        assert head["ChecksumSHA256"] == sha, key

    # JSON Lines: every article, each with its record and WARC location
    items = [
        json.loads(line)
        for line in _body(client, f"{prefix}items/{by_area['items'][0]}").splitlines()
    ]
    assert len(items) == 6
    assert {i["warc_file"] for i in items} <= set(warcs)

    # WARCs straight from the bucket: a response for every article, at the item's offset
    responses = {}
    for name in warcs:
        warc = _body(client, f"{prefix}warc/{name}")
        for record in ArchiveIterator(io.BytesIO(warc)):
            if record.rec_type == "response":
                responses[record.rec_headers.get_header("WARC-Record-ID")] = name
                record.content_stream().read()
        for item in (i for i in items if i["warc_file"] == name):
            one = next(iter(ArchiveIterator(io.BytesIO(warc[item["warc_offset"] :]))))
            assert one.rec_headers.get_header("WARC-Target-URI") == item["url"]
        cdxj = _body(client, f"{prefix}warc/{name[:-8]}.cdxj").decode()
        assert cdxj and all(f'"filename": "{name}"' in line for line in cdxj.splitlines())
    for item in items:
        assert responses[item["warc_record_id"]] == item["warc_file"], item["url"]

    # every post is there, and it is the record of an item
    records = {i["record"]["id"]: i["record"] for i in items}
    for name in by_area["posts"]:
        front, _ = parse_post(_body(client, f"{prefix}posts/{name}").decode())
        assert front == records[front["id"]]
        assert name.startswith(str(front["date"])[:10] + "-") and name.endswith(".md")

    report = json.loads(_body(client, f"{prefix}reports/{by_area['reports'][0]}"))
    assert report["articles"]["new"] == 6 and report["run_id"] == result.stats["newscrawl/run_id"]
    # the spool is empty, and the stats say what went where
    assert not [p for p in (spool / "outgoing").rglob("*") if p.is_file()]
    assert result.stat("newscrawl/storage/uploaded") == len(objects)
    assert result.stat("newscrawl/storage/spooled_files") == 0
    assert result.stat("newscrawl/outputs/not_stored") == 0
    assert not (tmp_path / "local" / "warc").exists()


def test_missing_bucket_stops_before_crawling(moto, demo_site, tmp_path: Path) -> None:
    result = run_crawl(
        tmp_path / "local",
        feeds=feed_urls(demo_site),
        settings=s3_settings(moto.endpoint, f"s3://no-such-bucket/{PREFIX}", str(tmp_path)),
    )
    errors = _errors(result.log)
    assert len(errors) == 1, result.log
    assert "S3 bucket 'no-such-bucket' does not exist" in errors[0]
    assert result.returncode == 1
    assert result.stat("newscrawl/config_error") == 1
    assert result.stat("downloader/request_count") == 0
    assert result.stat("item_scraped_count") == 0


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("s3://Not_A_Bucket/x/", "'Not_A_Bucket' is not a valid bucket name"),
        (f"s3://{BUCKET}/a/../b/", "the key prefix has an empty, '.' or '..' part"),
        ("ftp://example.invalid/x/", "no storage for ftp://"),
    ],
)
def test_malformed_destination_is_one_line_at_start_up(
    moto, demo_site, tmp_path: Path, uri: str, message: str
) -> None:
    result = run_crawl(
        tmp_path / "local",
        feeds=feed_urls(demo_site),
        settings=s3_settings(moto.endpoint, uri, str(tmp_path / "spool")),
    )
    assert result.returncode == 1
    lines = result.log.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newscrawl: bad setting: "), result.log
    assert message in lines[0]
    assert not (tmp_path / "spool").exists()


def test_rejected_credentials_stop_before_crawling(demo_site, tmp_path: Path) -> None:
    with MotoServer(auth=True) as server:
        result = run_crawl(
            tmp_path / "local",
            feeds=feed_urls(demo_site),
            settings=s3_settings(server.endpoint, URI, str(tmp_path / "spool")),
        )
    errors = _errors(result.log)
    assert len(errors) == 1 and "S3 rejected the credentials" in errors[0], result.log
    assert result.stat("newscrawl/config_error") == 1
    assert result.stat("downloader/request_count") == 0


def test_unreachable_endpoint_spools_everything(demo_site, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    result = run_crawl(
        tmp_path / "local",
        feeds=feed_urls(demo_site),
        settings=s3_settings(
            f"http://127.0.0.1:{free_port()}", URI, str(spool), NEWSCRAWL_UPLOAD_CLOSE_TIMEOUT=2
        ),
    )
    assert result.stat("item_scraped_count") == 6, result.log
    spooled = [p for p in (spool / "outgoing").rglob("*") if p.is_file()]
    # 6 posts, 1 JSON Lines batch, 1 WARC, its CDXJ, the run report
    assert len(spooled) == 10
    assert result.stat("newscrawl/outputs/not_stored") == 10
    assert result.stat("newscrawl/storage/spooled_bytes") == sum(p.stat().st_size for p in spooled)
    assert "10 outputs were not stored" in result.log
    assert "Traceback" not in result.log


def _upload(settings: dict, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "scrapy", "upload", *args]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    return subprocess.run(
        cmd, cwd=ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120
    )


def _spool_one(spool: Path, key: str, data: bytes, destination: str) -> Path:
    path = spool / "outgoing" / key
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    (spool / "destination").write_text(destination + "\n")
    return path


def test_upload_command_exit_status_says_what_was_stored(moto, tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    uri = f"s3://{BUCKET}/{PREFIX}upload/"
    post = _spool_one(spool, "posts/2026-11-01-a.md", b"---\ntitle: A\n---\n", uri)
    down = s3_settings(f"http://127.0.0.1:{free_port()}", uri, str(spool))
    missing = s3_settings(moto.endpoint, "s3://no-such-bucket/x/", str(tmp_path / "other"))

    unreachable = _upload(down, "--timeout", "2")
    assert unreachable.returncode == 3, unreachable.stderr
    assert "1 were not stored" in unreachable.stderr and post.exists()

    no_bucket = _upload(missing)
    assert no_bucket.returncode == 1
    errors = _errors(no_bucket.stderr)
    assert len(errors) == 1 and "'no-such-bucket' does not exist" in errors[0]

    sent = _upload(s3_settings(moto.endpoint, uri, str(spool)))
    assert sent.returncode == 0, sent.stderr
    assert not post.exists()
    head = moto.client().head_object(Bucket=BUCKET, Key=f"{PREFIX}upload/posts/2026-11-01-a.md")
    assert head["ContentType"] == "text/markdown; charset=utf-8"
    assert head["ContentLength"] == 17


def test_spool_of_another_destination_stops_before_crawling(
    moto, demo_site, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    _spool_one(spool, "items/feeds-1.jsonl", b"{}\n", "s3://another-bucket/x/")
    result = run_crawl(
        tmp_path / "local",
        feeds=feed_urls(demo_site),
        settings=s3_settings(moto.endpoint, URI, str(spool)),
    )
    errors = _errors(result.log)
    assert len(errors) == 1 and "holds files for s3://another-bucket/x/" in errors[0], result.log
    assert result.stat("downloader/request_count") == 0
    assert (spool / "outgoing" / "items" / "feeds-1.jsonl").exists()


def test_local_output_is_written_in_place_with_a_run_report(demo_site, tmp_path: Path) -> None:
    out = tmp_path / "archive"
    result = run_crawl(out, feeds=feed_urls(demo_site))
    assert result.returncode == 0, result.log
    assert sorted(p.name for p in out.iterdir()) == [
        "items",
        "posts",
        "reports",
        "stats.json",
        "warc",
    ]
    assert len(list((out / "warc").glob("*.warc.gz"))) == 1
    (report,) = (out / "reports").glob("*.json")
    assert json.loads(report.read_text())["articles"]["new"] == 6
    assert "newscrawl/storage/uploaded" not in result.stats
    nothing = _upload({"NEWSCRAWL_OUTPUT_DIR": str(out)})
    assert nothing.returncode == 0 and "nothing to upload" in nothing.stderr


def test_a_feed_export_scrapy_could_not_store_counts_as_not_stored(
    moto, demo_site, tmp_path: Path
) -> None:
    out = tmp_path / "archive"
    settings = s3_settings(moto.endpoint, str(out), str(tmp_path / "spool"))
    # a FEEDS entry of the user's own, outside NEWSCRAWL_OUTPUT_DIR: Scrapy's S3 storage
    settings["FEEDS"] = {"s3://no-such-bucket/extra/%(name)s.jsonl": {"format": "jsonlines"}}
    result = run_crawl(out, feeds=feed_urls(demo_site), settings=settings)
    assert result.stat("item_scraped_count") == 6, result.log
    assert result.stat("feedexport/failed_count/S3FeedStorage") == 1
    assert result.stat("newscrawl/outputs/not_stored") == 1
    assert len(result.items) == 6  # the project's own export is unaffected


def test_storage_class_and_encryption_are_applied(moto, tmp_path: Path) -> None:
    from newscrawl.storage.s3 import S3Storage
    from tests.support.s3 import ACCESS_KEY, REGION, SECRET_KEY

    storage = S3Storage(
        f"s3://{BUCKET}/{PREFIX}sse/",
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        endpoint_url=moto.endpoint,
        region_name=REGION,
        storage_class="STANDARD_IA",
        sse="AES256",
    )
    path = tmp_path / "feeds-1.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    stored = storage.put(str(path), "items/feeds-1.jsonl")
    assert stored.size == 9 and stored.checksum.startswith("sha256:")
    head = moto.client().head_object(Bucket=BUCKET, Key=f"{PREFIX}sse/items/feeds-1.jsonl")
    assert head["StorageClass"] == "STANDARD_IA"
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/x-ndjson"


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("NEWSCRAWL_S3_CHECKSUM", "MD4", "NEWSCRAWL_S3_CHECKSUM='MD4' is not one of"),
        ("NEWSCRAWL_S3_PART_SIZE", "1024", "below S3's minimum part size"),
    ],
)
def test_bad_s3_setting_is_one_line_naming_it(
    moto, demo_site, tmp_path: Path, setting: str, value: str, message: str
) -> None:
    settings = s3_settings(moto.endpoint, URI, str(tmp_path / "spool"), **{setting: value})
    result = run_crawl(tmp_path / "local", feeds=feed_urls(demo_site), settings=settings)
    assert result.returncode == 1
    lines = result.log.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newscrawl: bad setting: "), result.log
    assert message in lines[0]
