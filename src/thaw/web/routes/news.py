"""Routes for the news evidence and the export goal."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

import thaw
from thaw.web.deps import MAX_ROWS, WRITE, ServerDep, jsonable_tree, row
from thaw.web.schemas import NewsReviewIn

router = APIRouter()


@router.get("/api/news/items")
async def api_news_items(
    server: ServerDep,
    kind: Annotated[Literal["measure", "event", "quote", "figure"] | None, Query()] = None,
    verdict: Annotated[
        Literal[
            "confirms",
            "contradicts",
            "new",
            "lifted",
            "suspended",
            "raised",
            "lowered",
            "announced",
        ]
        | None,
        Query(),
    ] = None,
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


@router.get("/api/news/queue")
async def api_news_queue(
    server: ServerDep, include_reviewed: Annotated[bool, Query()] = False
) -> dict[str, Any]:
    """The review queue: measure claims ranked by possible change, grouped across outlets."""
    with server.lock:
        queue = thaw.news_queue(include_reviewed=include_reviewed, store=server.store)
    return dict(jsonable_tree(queue))


@router.post("/api/news/review/{item_id}", dependencies=WRITE)
def api_news_review(server: ServerDep, item_id: str, body: NewsReviewIn) -> dict[str, Any]:
    """Accept (the measure it drafts is added to the register, validated), edit or reject."""
    with server.lock:
        done = thaw.news_review(
            item_id, body.decision, values=dict(body.values), note=body.note, store=server.store
        )
        server.register = list(server.store.measures())
    return dict(jsonable_tree(done))


@router.get("/api/news/timeline")
async def api_news_timeline(server: ServerDep) -> dict[str, Any]:
    """Events and measures from the news over time, each with its source."""
    with server.lock:
        frame = thaw.news_timeline(store=server.store)
    return {"timeline": [row(r) for r in frame.to_dict(orient="records")]}


@router.get("/api/goal")
async def api_goal() -> dict[str, Any]:
    return dict(thaw.track_goal().to_dict())
