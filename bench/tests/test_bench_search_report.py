"""The search benchmark's side-by-side report (scripts/bench_search.py), on timings made up here."""

import importlib.util
from pathlib import Path

from bench.corpus import BenchmarkQuery

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_search.py"


def bench_search():
    spec = importlib.util.spec_from_file_location("bench_search_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def query(q, **filters):
    return BenchmarkQuery(q=q, filters={name: [value] for name, value in filters.items()}, sort="relevance", page=1,
                          member=False)


def test_the_timings_are_split_by_script_and_by_the_facets_chosen(capsys):
    script = bench_search()
    warm_up = [query("warm") for _ in range(script.WARM_UP_QUERIES)]
    # The query without words is never asked side by side, so it takes no place in the timings.
    timed = [query("سیلاب شهری"), query(""), query("应急演練", lang="zh"), query("evacuation drill"),
             query("زلزله ۱۳۹۸", lang="fa", year="2019")]
    seconds = {"portal": [0.030, 0.020, 0.010, 0.050], "wagtail": [0.020, 0.020, 0.012, 0.040],
               "plain": [0.005, 0.004, 0.003, 0.006]}
    # Two rounds: the second twice as slow, so each row pools both.
    timings = {name: [values, [2 * value for value in values]] for name, values in seconds.items()}

    script.print_grouped(timings, warm_up + timed)

    rows = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
            for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "count" not in line}
    assert rows["Persian"] == ["2", "60.0 / 100.0", "40.0 / 80.0", "10.0 / 12.0"]
    assert rows["Chinese"] == ["1", "20.0 / 40.0", "20.0 / 40.0", "4.0 / 8.0"]
    assert rows["English"] == ["1", "10.0 / 20.0", "12.0 / 24.0", "3.0 / 6.0"]
    assert rows["none"] == ["2", "30.0 / 60.0", "24.0 / 40.0", "6.0 / 10.0"]
    assert rows["one facet"] == ["1", "20.0 / 40.0", "20.0 / 40.0", "4.0 / 8.0"]
    assert rows["several facets"] == ["1", "50.0 / 100.0", "40.0 / 80.0", "6.0 / 12.0"]


def test_a_query_is_persian_chinese_or_english_by_its_script():
    script = bench_search()
    assert script.script_of("مدیريت بحران") == "Persian"  # Arabic-keyboard ي too
    assert script.script_of("防震演習") == "Chinese"
    assert script.script_of("earthquake drill 2019") == "English"
    assert script.script_of("2019") == "English"  # digits alone: neither Persian nor Chinese


def test_the_systems_are_asked_in_turns():
    script = bench_search()
    orders = [script.in_turn(["portal", "wagtail", "plain"], number) for number in range(1, 4)]
    assert orders == [["wagtail", "plain", "portal"], ["plain", "portal", "wagtail"], ["portal", "wagtail", "plain"]]
