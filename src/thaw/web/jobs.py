"""Background runs for the workbench: a bounded queue of jobs on a small thread pool, each with
its progress, result or error. Nothing here computes economics: a job calls the Python API."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from thaw.errors import ThawError


class TooManyJobs(ThawError):
    """The server's run queue is full."""


@dataclass
class Job:
    id: str
    kind: str  # "pe" or "ge"
    label: str
    status: str = "queued"  # queued, running, done, failed
    done: int = 0
    total: int = 0
    result: Any = None
    error: str | None = None
    scenario_toml: str = ""
    created: float = field(default_factory=time.time)
    cache: dict[str, Any] = field(default_factory=dict)  # views of the (immutable) result

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "status": self.status,
            "progress": {"done": self.done, "total": self.total},
            "error": self.error,
            "created": self.created,
        }


class JobManager:
    """At most ``max_active`` queued or running jobs; the newest ``keep`` finished ones are kept."""

    def __init__(self, workers: int = 2, max_active: int = 8, keep: int = 50) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thaw-run")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.max_active = max_active
        self.keep = keep

    def submit(
        self, kind: str, label: str, work: Callable[[Job], Any], scenario_toml: str = ""
    ) -> Job:
        with self._lock:
            active = sum(j.status in ("queued", "running") for j in self._jobs.values())
            if active >= self.max_active:
                raise TooManyJobs(
                    f"{active} runs are queued or running (limit {self.max_active}); try later"
                )
            job = Job(id=uuid.uuid4().hex[:12], kind=kind, label=label, scenario_toml=scenario_toml)
            self._jobs[job.id] = job
            self._trim()

        def run() -> None:
            job.status = "running"
            try:
                job.result = work(job)
                job.status = "done"
            except ThawError as exc:
                job.error, job.status = str(exc), "failed"
            except Exception as exc:  # a failed run is reported, never raised
                job.error, job.status = f"internal error: {type(exc).__name__}: {exc}", "failed"

        self._pool.submit(run)
        return job

    def _trim(self) -> None:
        finished = sorted(
            (j for j in self._jobs.values() if j.status in ("done", "failed")),
            key=lambda j: j.created,
        )
        for j in finished[: max(0, len(finished) - self.keep)]:
            del self._jobs[j.id]

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def wait(self, job_id: str, timeout: float = 60.0) -> Job:
        """Block until the job ends (for tests and the report command)."""
        end = time.time() + timeout
        job = self._jobs[job_id]
        while job.status in ("queued", "running") and time.time() < end:
            time.sleep(0.02)
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
