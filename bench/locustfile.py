"""The portal's reading workload for locust: what people ask for, in the proportions they ask for it.

    locust -f bench/locustfile.py --headless --host http://127.0.0.1:8100 --users 50 --run-time 60s [--think 1-3]

scripts/load_test.py prepares the data, starts the server, runs this file headless and prints the
table; run it by hand against a server of your own only on this machine.

Each user is a reader: it asks for a page, reads it for a moment (--think, by default 1 to 3 seconds
drawn at random), then asks for the next; users arrive spread over the first think time. `--think 0`
makes every user ask again at once, which measures how much the server can take rather than how
people see it. Requests are named by their kind (home, meeting, listing, item-page, search-page,
search-api, api, static), so locust's statistics are per kind.

Before the load, the URLs are discovered the way a reader finds them (knowledge items through the
search API, the ninth meeting's resolutions through the read API, the stylesheet the pages link to)
and one URL of every kind must answer 200, before the clock of --run-time starts; otherwise locust
stops at once with exit code 3.
"""

import http.client
import json
import logging
import random
import re
import sys
import urllib.parse

import gevent
from locust import FastHttpUser, events, task

LANGUAGES = ["fa", "en", "zh-hans"]
DISCOVERY_TIMEOUT = 30  # seconds, per request
CHECK_FAILED_EXIT_CODE = 3

# Persian with letter and ZWNJ variants and digits, Simplified and Traditional Chinese, English.
QUERIES = ["زلزله", "مدیریت بحران", "طرح جامع", "زمین لرزه", "آتش‌سوزی", "كلان‌شهر", "۱۳۹۸", "آموزش همگانی",
           "应急管理", "应急演练", "應急演練", "社區", "安全社区", "颱風",
           "flood", "training", "master plan", "evacuation drill", "epidemic", "risk assessment"]
FACETS = ["", "&type=study", "&type=training", "&hazard=earthquake", "&hazard=flood&hazard=fire",
          "&lang=fa", "&lang=zh", "&phase=preparedness", "&year=2019", "&organisation=tehran",
          "&type=study&hazard=earthquake&lang=fa"]
KNOWLEDGE_FILTERS = ["", "?kind=study", "?hazard=flood", "?kind=training&hazard=earthquake", "?language=zh",
                     "?page=3"]
API_PATHS = ["/api/resolutions/?meeting=9", "/api/meetings/", "/api/knowledge/?hazard=flood"]
MEETINGS = ["7th-meeting-kerman", "8th-meeting-tehran", "9th-meeting-hamedan"]
KINDS = ["home", "meeting", "listing", "item-page", "search-page", "search-api", "api", "static"]

log = logging.getLogger("portal.load")


class Workload:
    """(kind, path) pairs in the proportions people use the portal."""

    def __init__(self, item_urls, resolution_urls, static_path):
        self.item_urls = item_urls
        self.resolution_urls = resolution_urls
        self.static_path = static_path

    def search_query(self):
        query = urllib.parse.quote(random.choice(QUERIES))
        facets = random.choice(FACETS)
        sort = "&sort=date" if random.random() < 0.2 else ""
        return f"q={query}{facets}{sort}"

    def choices(self, lang):
        """(kind, path, weight): what a reader of the portal asks for, and how often."""
        return [
            ("home", f"/{lang}/", 14),
            ("meeting", f"/{lang}/meetings/{random.choice(MEETINGS)}/", 6),
            ("meeting", in_language(random.choice(self.resolution_urls), lang), 8),
            ("listing", f"/{lang}/knowledge/{random.choice(KNOWLEDGE_FILTERS)}", 6),
            ("item-page", in_language(random.choice(self.item_urls), lang), 12),
            ("search-page", f"/{lang}/search/?{self.search_query()}", 14),
            ("search-api", f"/api/search/?{self.search_query()}", 24),
            ("api", random.choice(API_PATHS), 10),
            ("static", self.static_path, 6),
        ]

    def next(self):
        choices = self.choices(random.choice(LANGUAGES))
        kind, path, _weight = random.choices(choices, weights=[c[2] for c in choices])[0]
        return kind, path

    def one_of_each(self):
        """One URL of every kind (and every page template), for the check before the load."""
        seen, urls = set(), []
        for lang in LANGUAGES:
            for kind, path, _weight in self.choices(lang):
                template = re.sub(r"\d+|\?.*", "", path.replace(f"/{lang}/", "/"))
                if (kind, template) not in seen:
                    seen.add((kind, template))
                    urls.append((kind, path))
        return urls + [("item-page", url) for url in self.item_urls[:3]]


def in_language(path, lang):
    """The same page in another interface language (/fa/… → /en/…)."""
    segments = path.split("/")
    if len(segments) > 2 and segments[1] in LANGUAGES:
        segments[1] = lang
    return "/".join(segments)


def local_path(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Site:
    """Plain requests to the server under test, outside locust's statistics (discovery and checks)."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError(f"{base_url}: the load only targets this machine's loopback addresses")
        self.host, self.port = parts.hostname, parts.port or 80

    def get(self, path):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=DISCOVERY_TIMEOUT)
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def discover_items(self, wanted=150):
        """Public knowledge items' URLs, found the way a reader finds them: through the search API."""
        urls = []
        for query in ["زلزله", "مدیریت بحران", "应急演练", "社区", "flood", "drill", "plan"]:
            for kind in ["study", "training", "report"]:  # knowledge.kinds
                status, body = self.get(f"/api/search/?q={urllib.parse.quote(query)}&type={kind}&size=50")
                if status == 200:
                    urls += [local_path(hit["url"]) for hit in json.loads(body)["results"] if hit["url"]]
        urls = list(dict.fromkeys(urls))
        random.shuffle(urls)
        return urls[:wanted]

    def discover_resolutions(self):
        """The ninth meeting's resolutions an anonymous reader may open (some are members-only)."""
        status, body = self.get("/api/resolutions/?meeting=9")
        if status != 200:
            return []
        return [local_path(r["url"]) for r in json.loads(body)["results"] if r.get("url")]

    def static_path(self):
        """The stylesheet the pages link to (its cache-busted name)."""
        status, body = self.get("/en/")
        match = re.search(rb'href="(/static/[^"]+\.css)"', body) if status == 200 else None
        return match.group(1).decode() if match else "/static/portal/site.css"

    def workload(self):
        return Workload(self.discover_items(), self.discover_resolutions(), self.static_path())

    def failures(self, workload):
        """Every kind of request answers 200 before the load starts; returns those that did not."""
        failures = []
        for kind, path in workload.one_of_each():
            status, _body = self.get(path)
            if status != 200:
                failures.append(f"{status} {kind} {path}")
        return failures


def think_time(text):
    """"1-3" → (1.0, 3.0); "2" → (2.0, 2.0); "0" → no pause."""
    low, _dash, high = str(text).partition("-")
    bounds = (float(low), float(high or low))
    if not 0 <= bounds[0] <= bounds[1] <= 60:
        raise ValueError(f"{text!r}: 0 ≤ MIN ≤ MAX ≤ 60 seconds")
    return bounds


@events.init_command_line_parser.add_listener
def _think_option(parser):
    parser.add_argument("--think", default="1-3", metavar="MIN-MAX",
                        help="seconds each reader waits between requests, drawn between MIN and MAX "
                             "(default 1-3; 0: none, as fast as the server answers)")


WORKLOAD = None  # set once the URLs are discovered, before the first user starts


@events.init.add_listener
def _discover_and_check(environment, **_kwargs):
    """Before the load (and its clock) starts: find the URLs, and ask for one of every kind."""
    global WORKLOAD
    if not environment.host:
        return  # the web interface asks for the host later
    site = Site(environment.host)
    workload = site.workload()
    if not workload.item_urls or not workload.resolution_urls:
        _refuse(["The APIs found no knowledge items or resolutions: is the demo loaded and indexed?"])
    failures = site.failures(workload)
    if failures:
        _refuse(["Not every kind of request answers 200:", *failures])
    log.info("%d knowledge-item URLs and %d resolutions in the mix", len(workload.item_urls),
             len(workload.resolution_urls))
    WORKLOAD = workload


def _refuse(lines):
    for line in lines:
        log.error(line)
    sys.exit(CHECK_FAILED_EXIT_CODE)


class Reader(FastHttpUser):
    """One person reading the portal (the whole mix, with pauses to read)."""

    connection_timeout = 10.0
    network_timeout = 10.0  # a request unanswered by then is an error, not a latency

    def wait_time(self):
        low, high = think_time(self.environment.parsed_options.think)
        return random.uniform(low, high)

    def on_start(self):
        _low, high = think_time(self.environment.parsed_options.think)
        gevent.sleep(random.uniform(0, high))  # people do not all arrive in the same second

    @task
    def read(self):
        kind, path = WORKLOAD.next()
        self.client.get(path, name=kind, headers={"Host": "127.0.0.1"})
