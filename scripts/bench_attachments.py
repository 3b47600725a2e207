#!/usr/bin/env python3
"""Memory of the web process when a city uploads a Word file that unpacks to 190 MB.

    .venv/bin/python scripts/bench_attachments.py [--unpacked-mb 190] [--declared-size BYTES]

On a throw-away copy of the demo network (var/bench-attachments/: SQLite, media, production
settings with the database task backend), Isfahan's crisis manager posts a follow-up report with
a 585 KB .docx whose word/document.xml unpacks to 190 MB (bench/hostile_files.py) through the
real view, with Django's test client, in this process: the web process. It prints how long the
request took and how much this process's peak resident memory grew meanwhile (target: at most
100 MB), then runs `manage.py db_worker --batch` in a process of its own, as production does,
and says what became of the file and whether the report is in the index (ELASTICSEARCH_URL,
default http://127.0.0.1:9200; without a node the index part is skipped).
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench-attachments"
DEFAULT_ENGINE_URL = "http://127.0.0.1:9200"
MB = 1024 * 1024
TARGET = 100 * MB


def say(message):
    print(message, file=sys.stderr, flush=True)


def engine_url():
    from elasticsearch import Elasticsearch

    url = os.environ.get("ELASTICSEARCH_URL") or DEFAULT_ENGINE_URL
    try:
        Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:  # noqa: BLE001 - any failure means "no engine" here
        say(f"No search engine at {url} ({type(exc).__name__}): the index part is skipped.")
        return ""
    return url


def environment():
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{BENCH_DIR / 'db.sqlite3'}",
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "CACHE_DIR": str(BENCH_DIR / "cache"),
        "SEARCH_INDEX_PREFIX": "attbench",
        "ELASTICSEARCH_URL": engine_url(),
        "PORTAL_BASE_URL": "https://localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",  # nothing is sent; the checks want it
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def status(field):
    """This process's VmRSS or VmHWM (peak since the last reset), in bytes."""
    text = Path("/proc/self/status").read_text(encoding="ascii")
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE).group(1)) * 1024


def reset_peak():
    Path("/proc/self/clear_refs").write_text("5", encoding="ascii")  # the kernel resets VmHWM


def prepare_network():
    """The demo network, its own tasks run at once: only the upload's tasks wait for the worker."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if os.environ["ELASTICSEARCH_URL"]:
            from search import versions

            versions.rebuild()


def upload(data, unpacked_mb):
    """Post the report as the demo's Isfahan manager; returns (report, seconds, peak growth)."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from resolutions.models import FollowUpLine, FollowUpReport, LineStatus

    line = (FollowUpLine.objects.filter(organisation__slug="isfahan", resolution__meeting__live=True)
            .order_by("pk").first())
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(username="isfahan"))
    text = f"Shelter drill report with a file that unpacks to {unpacked_mb} MB"
    reset_peak()
    before = status("VmRSS")
    started = time.perf_counter()
    response = client.post(reverse("resolutions:post_report", args=[line.pk]), secure=True, data={
        "text": text, "status": LineStatus.IN_PROGRESS,
        "attachment": SimpleUploadedFile("shelters.docx", data,
                                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    })
    seconds = time.perf_counter() - started
    growth = status("VmHWM") - before
    if response.status_code != 302:
        sys.exit(f"The report was refused ({response.status_code}): {response.content[:500]!r}")
    return FollowUpReport.objects.get(text=text), seconds, growth


# `manage.py db_worker --batch`, saying at exit what its own peak resident memory was.
WORKER = """
import atexit, re, runpy, sys
def peak():
    status = open("/proc/self/status").read()
    print("worker peak:", re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1), file=sys.stderr)
atexit.register(peak)
sys.argv = ["manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0"]
runpy.run_path("manage.py", run_name="__main__")
"""


def run_worker(env):
    """Seconds the worker took, its peak resident memory in bytes and its log."""
    started = time.perf_counter()
    worker = subprocess.run([sys.executable, "-c", WORKER], cwd=ROOT, env=os.environ | env,  # noqa: S603
                            capture_output=True, text=True, check=False)
    if worker.returncode != 0:
        sys.exit(f"The worker failed:\n{worker.stdout}{worker.stderr}")
    peak = int(re.search(r"worker peak: (\d+)", worker.stderr).group(1)) * 1024
    return time.perf_counter() - started, peak, worker.stderr


def indexed(report):
    """"no", or whether the report's document in the index holds its file's words."""
    from elasticsearch import NotFoundError

    from search.client import get_client
    from search.conf import alias_name
    from search.documents import document_id

    client = get_client()
    client.indices.refresh(index=alias_name())
    try:
        source = client.get(index=alias_name(), id=document_id("follow_up_report", report.pk))["_source"]
    except NotFoundError:
        return "no"
    return "yes, with the file's words" if "sandbag" in source.get("extra_text", "") else "yes, without the file's text"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unpacked-mb", type=int, default=190, help="what word/document.xml unpacks to")
    parser.add_argument("--declared-size", type=int, help="the size the zip's headers claim instead")
    options = parser.parse_args()

    env = environment()
    os.environ.update(env)
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    (BENCH_DIR / "static").mkdir(parents=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench.hostile_files import expanding_docx
    from search.models import DocumentText

    say("Loading the demo network…")
    prepare_network()
    data = expanding_docx(options.unpacked_mb * MB, declared_size=options.declared_size)
    say(f"Posting a report with a {len(data) // 1024} KB .docx that unpacks to {options.unpacked_mb} MB…")
    report, seconds, growth = upload(data, options.unpacked_mb)
    document = report.attachments.get()
    print(f"upload answered in {seconds:.2f} s; web process peak resident memory grew by "
          f"{growth / MB:.1f} MB (target ≤ {TARGET // MB} MB): {'ok' if growth <= TARGET else 'OVER'}")
    print(f"read during the request: {'yes' if DocumentText.objects.filter(document=document).exists() else 'no'}")

    worker_seconds, worker_peak, worker_log = run_worker(env)
    kept = DocumentText.objects.filter(document=document).first()
    warnings = [line for line in worker_log.splitlines() if "No text taken" in line]
    print(f"worker process: {worker_seconds:.2f} s, peak resident memory {worker_peak / MB:.0f} MB "
          "(the file itself is read in a process of its own, under its address-space limit)")
    print(f"text kept: {len(kept.text) if kept else 'none'} characters; "
          f"log: {warnings[0] if warnings else '(no warning)'}")
    if env["ELASTICSEARCH_URL"]:
        from search.client import get_client
        from search.conf import versions_pattern

        print(f"report in the index: {indexed(report)}")
        client = get_client()
        for name in client.indices.get(index=versions_pattern()):  # the bench's own index, by name
            client.indices.delete(index=name)
    return 0 if growth <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
