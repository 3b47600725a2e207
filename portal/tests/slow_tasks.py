"""A task slow enough to kill its worker in the middle of, for the worker's tests."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def nap(folder, seconds):
    """Write `started-N` (N: this run), sleep `seconds` on the first run only, then write `finished`."""
    folder = Path(folder)
    run = len(list(folder.glob("started-*"))) + 1
    (folder / f"started-{run}").write_text(str(os.getpid()))
    if run == 1:
        time.sleep(seconds)
    (folder / "finished").write_text(str(run))
    return run
