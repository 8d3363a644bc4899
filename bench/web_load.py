"""Benchmark: the workbench under 50 concurrent clients on loopback.

Starts the server (uvicorn, one process, on a fresh copy of the bundled database), runs one
scenario so that a results page exists, then has 50 concurrent clients hit (a) the rate lookup
``/api/rate`` (canola seed, China from Canada) and (b) a run's results ``/api/runs/{id}`` and
its page ``/runs/{id}``, for a fixed number of requests each. Prints requests per second and
latency percentiles. Baseline measured in the same run: the same requests from one client.

    python bench/web_load.py [--requests 2000 --clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx2
import uvicorn

from thaw.web.app import WebSettings, create_app


async def hammer(
    base: str, paths: list[str], total: int, clients: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(paths[i % len(paths)])

    async def worker(client: httpx2.AsyncClient) -> None:
        while not queue.empty():
            path = queue.get_nowait()
            t = time.perf_counter()
            r = await client.get(base + path)
            latencies.append(time.perf_counter() - t)
            assert r.status_code == 200, (path, r.status_code)

    limits = httpx2.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx2.AsyncClient(limits=limits, timeout=60) as client:
        t = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        return time.perf_counter() - t, latencies


def report(name: str, total: int, seconds: float, lat: list[float]) -> None:
    lat = sorted(lat)
    p50 = statistics.median(lat) * 1000
    p95 = lat[int(0.95 * (len(lat) - 1))] * 1000
    print(f"{name:>34}: {total / seconds:8.0f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        app = create_app(WebSettings(db=Path(tmp) / "thaw.duckdb", scenario_dir=Path(tmp)))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        run = httpx2.post(
            base + "/api/runs", json={"scenario": "arrangement-2026", "draws": 200}
        ).json()
        app.state.server.jobs.wait(run["id"], timeout=120)
        rate = ["/api/rate?importer=CHN&exporter=CAN&hs=120510&on=2025-09-01"]
        results = [f"/api/runs/{run['id']}", f"/runs/{run['id']}"]
        for name, paths in (("rate lookup", rate), ("results (API + page)", results)):
            one, lat1 = asyncio.run(hammer(base, paths, args.requests // 10, 1))
            report(f"{name}, 1 client", args.requests // 10, one, lat1)
            many, lat = asyncio.run(hammer(base, paths, args.requests, args.clients))
            report(f"{name}, {args.clients} clients", args.requests, many, lat)
        server.should_exit = True
        app.state.server.store.close()


if __name__ == "__main__":
    main()
