"""Shared set-up for the benchmarks: a database of their own, Django configured, timing helpers.

Run a benchmark by hand: `.venv/bin/python bench/bench_dashboards.py`. Each builds its data in
bench/out/bench.sqlite3 (or the database in BENCH_DATABASE_URL) and prints its figures.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def setup_django():
    OUT.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{OUT / 'bench.sqlite3'}")
    if database.startswith("sqlite:///"):
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nap1325.settings")
    # The settings default to production, which needs a SECRET_KEY; a benchmark is development.
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    # WhiteNoise warns that collectstatic has not run; pages are measured, not static files.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)


def timed(function, repeat=7, setup=None):
    """Median and best wall-clock seconds of `repeat` runs, after one warm-up run. `setup` runs
    before each run, untimed."""
    if setup:
        setup()
    function()
    runs = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def report(rows):
    width = max(len(name) for name, *_ in rows)
    print(f"{'':{width}}  {'median':>10}  {'best':>10}")
    for name, median, best in rows:
        print(f"{name:{width}}  {median * 1000:>8.1f}ms  {best * 1000:>8.1f}ms")
