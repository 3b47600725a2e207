"""Elasticsearch nodes of our own (one, or a cluster of two), for tests that must take a node away.

The shared node other tests use is never touched: these run from the same distribution
(`scripts/search-engine` with SEARCH_ENGINE_PORT and SEARCH_ENGINE_NODE_HOME, or `cluster` with
SEARCH_ENGINE_CLUSTER_PORTS and SEARCH_ENGINE_CLUSTER_HOME), on free ports, with data folders of
their own that are deleted afterwards. When the tests run as root the script runs the nodes as
its dedicated system user, as `scripts/test` does.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "search-engine"
HEAP = "256m"
START_TIMEOUT = 150  # seconds the script waits for a healthy node
MISSING_TOOLS = 3  # the script's exit code when Java or Maven is missing


def port_is_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port_pair():
    """A free HTTP port whose transport port (+100, the script's rule) is free too."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + 100 < 65536 and not port_is_open(port) and not port_is_open(port + 100):
            return port
    raise RuntimeError("no free pair of local ports")


@dataclass
class EngineNode:
    port: int
    home: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def script(self, command, timeout):
        env = os.environ | {
            "SEARCH_ENGINE_PORT": str(self.port),
            "SEARCH_ENGINE_NODE_HOME": str(self.home),
            "SEARCH_ENGINE_HEAP": HEAP,
            "SEARCH_ENGINE_TIMEOUT": str(START_TIMEOUT),
            # A short-lived node: compiling less makes it start much sooner on a busy machine.
            "ES_JAVA_OPTS": f"{os.environ.get('ES_JAVA_OPTS', '')} -XX:TieredStopAtLevel=1".strip(),
        }
        return subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=timeout, check=False,
        )

    def start(self):
        result = self.script("start", timeout=START_TIMEOUT + 60)
        if result.returncode == MISSING_TOOLS:
            pytest.fail(f"Starting a second search engine node needs Java 17 and Maven, like "
                        f"`scripts/search-engine start`: {result.stderr.strip()}", pytrace=False)
        if result.returncode != 0 or result.stdout.strip() != self.url:
            pytest.fail(f"scripts/search-engine could not start a node on {self.url} "
                        f"(exit {result.returncode}):\n{result.stderr[-3000:]}", pytrace=False)

    def pid(self):
        return int((self.home / "run" / "node.pid").read_text().strip())

    def kill(self, wait=30):
        """Take the node away the way an outage does: no shutdown, the process just dies."""
        os.kill(self.pid(), signal.SIGKILL)
        deadline = time.monotonic() + wait
        while port_is_open(self.port):
            if time.monotonic() > deadline:
                pytest.fail(f"the node on {self.url} still answers {wait}s after being killed")
            time.sleep(0.2)

    def stop(self):
        return self.script("stop", timeout=START_TIMEOUT + 30)


@pytest.fixture
def engine_node():
    """A node of our own, started and healthy; stopped and its folder deleted at the end."""
    home = Path(tempfile.mkdtemp(prefix="portal-search-node-"))
    home.chmod(0o755)  # the node's own user (when we are root) must reach its folders
    node = EngineNode(port=free_port_pair(), home=home)
    try:
        node.start()
        yield node
    finally:
        node.stop()
        shutil.rmtree(home, ignore_errors=True)


def free_ports(count):
    """`count` HTTP ports, each with its transport port (+100) free, none meeting another's."""
    ports = []
    while len(ports) < count:
        port = free_port_pair()
        if not {port, port + 100} & {p for taken in ports for p in (taken, taken + 100)}:
            ports.append(port)
    return ports


@dataclass
class EngineCluster:
    """A cluster of our own (`scripts/search-engine cluster`): node 1 master-eligible, the others data."""

    ports: list
    home: Path
    name: str

    @property
    def urls(self):
        return ",".join(f"http://127.0.0.1:{port}" for port in self.ports)

    def node(self, number):
        """Node `number` (1, 2, ...) as an EngineNode, to kill it the way an outage does."""
        return EngineNode(port=self.ports[number - 1], home=self.home / f"node-{number}")

    def script(self, *command, timeout):
        env = os.environ | {
            "SEARCH_ENGINE_CLUSTER_PORTS": ",".join(map(str, self.ports)),
            "SEARCH_ENGINE_CLUSTER_HOME": str(self.home),
            "SEARCH_ENGINE_CLUSTER_NAME": self.name,
            "SEARCH_ENGINE_HEAP": HEAP,  # each node's own
            "SEARCH_ENGINE_TIMEOUT": str(START_TIMEOUT),
            "ES_JAVA_OPTS": f"{os.environ.get('ES_JAVA_OPTS', '')} -XX:TieredStopAtLevel=1".strip(),
        }
        return subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [str(SCRIPT), "cluster", *command], env=env, capture_output=True, text=True, timeout=timeout,
            check=False,
        )

    def start(self):
        """Starts the nodes that are not running and waits until the cluster counts them all."""
        result = self.script("start", timeout=2 * START_TIMEOUT + 60)
        if result.returncode == MISSING_TOOLS:
            pytest.fail(f"Starting a search cluster needs Java 17 and Maven, like "
                        f"`scripts/search-engine start`: {result.stderr.strip()}", pytrace=False)
        if result.returncode != 0 or result.stdout.strip() != self.urls:
            pytest.fail(f"scripts/search-engine could not start a cluster on {self.urls} "
                        f"(exit {result.returncode}):\n{result.stderr[-3000:]}", pytrace=False)

    def stop(self):
        return self.script("stop", timeout=len(self.ports) * (START_TIMEOUT + 30))


@pytest.fixture
def engine_cluster():
    """A two-node cluster of our own, started; stopped and its folders deleted at the end."""
    home = Path(tempfile.mkdtemp(prefix="portal-search-cluster-"))
    home.chmod(0o755)  # the nodes' own user (when we are root) must reach their folders
    cluster = EngineCluster(ports=free_ports(2), home=home, name=f"portal-test-{home.name[-8:]}")
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(home, ignore_errors=True)
