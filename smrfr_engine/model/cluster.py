"""Scale-out of regional inference on Dask: a local cluster (``workers``) or a running scheduler.

Every worker process loads the model bundle and opens the cube once (cached) and runs one block at a
time with all of its threads (``--nthreads`` of ``dask worker``), writing the block into its own
region (whole chunks) of the pre-created Zarr store, so workers never write the same chunk. The paths
of the model, cube and output must be the same on every worker (a shared file system).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from ..environment import python_executable, require
from ..errors import SmrfrError
from ..feedback import Feedback

#: blocks queued per worker thread, so the scheduler always has the next one at hand
QUEUED_PER_THREAD = 2
_BLOCK_LOCK = threading.Lock()


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A ``distributed.Client`` of the scheduler at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``) or of a
    local cluster of ``workers`` (>= 1) processes on the loopback interface (threads shared out evenly),
    started with :func:`.environment.python_executable`."""
    require("distributed", "inference on Dask workers", "run without workers")
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as error:
            raise SmrfrError(f"cannot reach the Dask scheduler {scheduler}: {error}") from None
        with client:
            yield client
        return
    threads = max(1, (os.cpu_count() or 1) // workers)
    python = python_executable()
    multiprocessing.set_executable(python)  # inside QGIS, sys.executable may be another interpreter
    try:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True,
                               host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
    except (RuntimeError, OSError) as error:
        raise SmrfrError(f"cannot start {workers} local Dask worker process(es) with the Python "
                         f"interpreter {python}: {error}") from None
    with cluster, Client(cluster) as client:
        yield client


def worker_threads() -> int | None:
    """Threads of the Dask worker running the caller, or None outside a worker."""
    try:
        from distributed import get_worker

        return get_worker().state.nthreads
    except (ImportError, ValueError):
        return None


def one_block_at_a_time(function: Callable, *args):
    """Run ``function(*args)`` while no other block runs in this process (a block uses every thread)."""
    with _BLOCK_LOCK:
        return function(*args)


def map_blocks(client, function: Callable, jobs: Iterable, on_done: Callable, feedback: Feedback) -> None:
    """Submit ``function(job)`` for every job, a few per worker thread at a time, and call ``on_done`` with
    each result as it arrives (in completion order); cancels the rest when the user cancels or a block
    fails."""
    from distributed import as_completed

    pending = iter(jobs)
    in_flight = max(2, QUEUED_PER_THREAD * sum(client.nthreads().values()))
    submitted = [client.submit(one_block_at_a_time, function, job, pure=False)
                 for _, job in zip(range(in_flight), pending)]
    queue = as_completed(submitted)
    try:
        for future in queue:
            on_done(future.result())
            feedback.check()
            job = next(pending, None)
            if job is not None:
                submitted.append(client.submit(one_block_at_a_time, function, job, pure=False))
                queue.add(submitted[-1])
    except BaseException:
        client.cancel(submitted)
        raise
