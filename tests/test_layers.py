"""The layers stay layers: imports point down, read from the source with `ast`.

The project package wires apps together (its urls, settings and wsgi modules may import any app);
the ground (the rest of `portal/`) imports no app; apps import the ground and `search`, never the
other way round; `search` imports no app. Function-level imports count like module-level ones;
tests and migrations do not.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "resolutions", "knowledge", "search", "bench")
WIRING = ("urls", "settings", "wsgi", "asgi")
# Who may import whom (besides itself): the ground is `portal`.
ALLOWED = {
    "portal": set(),
    "search": {"portal"},
    "resolutions": {"portal", "search"},
    "knowledge": {"portal", "search", "resolutions"},
    "bench": {"portal", "search", "resolutions", "knowledge"},
}
LARGEST_CYCLE = 3


def modules():
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if any(p in ("tests", "migrations") for p in parts) or path.name.startswith("test_"):
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def import_graph():
    found = modules()

    def resolve(name):
        while name:
            if name in found:
                return name
            name = name.rpartition(".")[0]
        return None

    graph = defaultdict(set)
    for name, path in found.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            else:
                continue
            for target in targets:
                if (resolved := resolve(target)) and resolved != name:
                    graph[name].add(resolved)
                    break
    return found, graph


def strongly_connected(nodes, graph):
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(component)

    for node in nodes:
        if node not in index:
            visit(node)
    return components


def test_no_import_cycle_larger_than_three_files():
    found, graph = import_graph()
    largest = max(strongly_connected(found, graph), key=len)
    assert len(largest) <= LARGEST_CYCLE, f"import cycle of {len(largest)}: {sorted(largest)}"


def test_every_import_between_packages_points_down():
    _found, graph = import_graph()
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if (a := source.split(".")[0]) != (b := target.split(".")[0])
        and b not in ALLOWED[a]
        and not any(part in WIRING for part in source.split(".")[1:])
    )
    assert upward == []
