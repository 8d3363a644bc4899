"""Routes for the news evidence and the export goal."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

import thaw
from thaw.web.deps import MAX_ROWS, ServerDep, jsonable_tree, row

router = APIRouter()


@router.get("/api/news/items")
async def api_news_items(
    server: ServerDep,
    kind: Annotated[Literal["measure", "event", "quote", "figure"] | None, Query()] = None,
    verdict: Annotated[Literal["confirms", "contradicts", "new"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 500,
) -> dict[str, Any]:
    """News evidence items with their sentence, article (date, outlet, URL) and verdict."""
    import json as _json

    with server.lock:
        frame = thaw.news_items(kind, store=server.store)
    if verdict:
        frame = frame[frame["verdict"] == verdict]
    rows = []
    for r in frame.head(limit).to_dict(orient="records"):
        item = row({k: v for k, v in r.items() if k != "fields"})
        item["fields"] = jsonable_tree(_json.loads(r["fields"]))
        rows.append(item)
    return {"items": rows}


@router.get("/api/news/timeline")
async def api_news_timeline(server: ServerDep) -> dict[str, Any]:
    """Events and measures from the news over time, each with its source."""
    with server.lock:
        frame = thaw.news_timeline(store=server.store)
    return {"timeline": [row(r) for r in frame.to_dict(orient="records")]}


@router.get("/api/goal")
async def api_goal() -> dict[str, Any]:
    return dict(thaw.track_goal().to_dict())
