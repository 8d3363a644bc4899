"""Articles in: plain text, HTML (main text extracted by trafilatura) and JSON lines, with the
publication date, outlet and URL from a manifest CSV (``file,published,outlet,url``) or the JSON
record. Each article gets a content hash; extraction and register matching turn it into items.

Large corpora: :func:`extract_corpus` and :func:`extract_corpus_to_parquet` run the same code
through a Dask bag.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thaw.errors import ThawError
from thaw.events.model import Event
from thaw.measures.model import Measure
from thaw.news.extract import Item, extract
from thaw.news.match import check_event, match_measure


class NewsInputError(ThawError):
    """An article or manifest cannot be read; the message names the file and what to fix."""


@dataclass(frozen=True)
class Article:
    article_id: str
    published: dt.date
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "path": self.path,
            "text": self.text,
        }


def content_id(text: str) -> str:
    """The article's identity: a hash of its text with whitespace normalised."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if rows and not {"file", "published"} <= set(rows[0]):
        raise NewsInputError(f"{path}: a manifest needs columns file and published (YYYY-MM-DD)")
    return {r["file"]: r for r in rows}


def _date(value: str | None, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise NewsInputError(
            f"{where}: publication date {value!r} is not YYYY-MM-DD; give it in the manifest"
        ) from None


def html_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    return text or ""


def read_articles(paths: Sequence[str | Path], manifest: str | Path | None = None) -> list[Article]:
    """Articles from files (``.txt``, ``.html``/``.htm``, ``.jsonl``) and folders of them. The
    publication date comes from the manifest (default: ``MANIFEST.csv`` beside the file) or, for
    JSON lines, from each record's ``published``; without it the article is refused."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(
                x for x in p.iterdir() if x.suffix.lower() in (".txt", ".html", ".htm", ".jsonl")
            )
        elif p.exists():
            files.append(p)
        else:
            raise NewsInputError(f"{p}: not found")
    out = []
    for f in files:
        man = Path(manifest) if manifest else f.parent / "MANIFEST.csv"
        meta = read_manifest(man).get(f.name, {}) if man.exists() else {}
        if f.suffix.lower() == ".jsonl":
            out += _jsonl(f)
            continue
        raw = f.read_text(encoding="utf-8", errors="replace")
        text = html_text(raw) if f.suffix.lower() in (".html", ".htm") else raw
        if not text.strip():
            raise NewsInputError(f"{f}: no article text found")
        if not meta.get("published"):
            raise NewsInputError(f"{f}: no publication date: add the file to {man.name}")
        out.append(
            Article(
                article_id=content_id(text),
                published=_date(meta["published"], str(f)),
                text=text,
                outlet=meta.get("outlet") or None,
                url=meta.get("url") or None,
                title=text.strip().splitlines()[0][:200],
                path=str(f),
            )
        )
    return out


def _jsonl(path: Path) -> list[Article]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        rec = _json_article(line, f"{path} line {n}")
        if rec is not None:
            out.append(Article(path=f"{path}:{n}", **rec))
    return out


def _json_article(line: str, where: str) -> dict[str, Any] | None:
    """One JSON-lines record as :class:`Article` fields (None for a blank line): ``text`` (or
    ``content``, or ``html`` whose main text is extracted) and ``published`` required; ``outlet``,
    ``url`` and ``title`` optional. A bad record raises :class:`NewsInputError` naming it."""
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise NewsInputError(f"{where}: not JSON ({exc.msg})") from None
    text = rec.get("text") or rec.get("content") or ""
    if rec.get("html") and not text:
        text = html_text(rec["html"])
    if not text.strip():
        raise NewsInputError(f"{where}: no text")
    return {
        "article_id": content_id(text),
        "published": _date(rec.get("published"), where),
        "text": text,
        "outlet": rec.get("outlet"),
        "url": rec.get("url"),
        "title": rec.get("title"),
    }


def item_rows(
    article: Article, measures: Sequence[Measure], events: Sequence[Event] = ()
) -> list[dict[str, Any]]:
    """The article's items as store rows: measures matched against the register, events checked
    against the dated events table (``thaw.data.events.load_bundled_events()``)."""
    rows = []
    for it in extract(article.text, article.published):
        verdict = measure_id = None
        if it.kind == "measure":
            verdict, measure_id, note = match_measure(it, article.published, measures)
            it.fields["match_note"] = note
        elif it.kind == "event":
            verdict, event_note = check_event(it, events)
            if event_note:
                it.fields["match_note"] = event_note
        rows.append(_row(article, it, verdict, measure_id))
    return rows


def _row(article: Article, it: Item, verdict: str | None, measure_id: str | None) -> dict[str, Any]:
    fields = json.dumps(it.fields, sort_keys=True, default=str)
    key = f"{article.article_id}:{it.kind}:{it.start}:{fields}"
    return {
        "item_id": hashlib.sha256(key.encode()).hexdigest()[:12],
        "article_id": article.article_id,
        "kind": it.kind,
        "span_start": it.start,
        "span_end": it.end,
        "sentence": it.sentence,
        "fields": json.dumps(it.fields, default=str),
        "verdict": verdict,
        "measure_id": measure_id,
    }


def extract_corpus(
    articles: Iterable[tuple[str, str]], *, scheduler: str = "threads", partitions: int = 8
) -> list[list[dict[str, Any]]]:
    """Extraction over a corpus with a Dask bag: ``(published ISO date, text)`` pairs in, one
    list of item dicts per article out, in input order (same code as single articles). For a
    corpus that does not fit in memory use :func:`extract_corpus_to_parquet`."""
    import dask.bag as db

    bag = db.from_sequence(list(articles), npartitions=partitions).map(_extract_pair)  # type: ignore[no-untyped-call]
    return list(bag.compute(scheduler=scheduler))


def _extract_pair(pair: tuple[str, str]) -> list[dict[str, Any]]:
    published, text = pair
    return [i.to_dict() for i in extract(text, dt.date.fromisoformat(published))]


ITEM_SCHEMA = (
    ("article_id", "string"),
    ("published", "string"),
    ("url", "string"),
    ("kind", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("sentence", "string"),
    ("fields", "string"),
)


def extract_corpus_to_parquet(
    source: Sequence[tuple[str, str]] | Sequence[str | Path],
    out: str | Path,
    *,
    scheduler: str | None = None,
    partitions: int = 8,
    blocksize: str = "32MiB",
) -> list[Path]:
    """Extraction of a large corpus, each Dask partition writing its items to
    ``out/part-*.parquet`` (columns: article_id = content hash, published, url, kind, start,
    end, sentence, fields as JSON).

    ``source``: ``(published ISO date, text)`` pairs, or JSON-lines files (one article per
    line with ``text`` and ``published``, optional ``url``), read in blocks by the workers so the
    corpus never passes through this process. ``scheduler``: a Dask scheduler name, or None
    for Dask's default (the active ``distributed.Client`` if there is one). Written into a
    temporary folder beside ``out`` and moved into place at the end: a failed run (a bad line,
    a lost worker) leaves nothing. ``out`` must not exist."""
    import shutil
    import tempfile

    import dask.bag as db

    target = Path(out)
    if target.exists():
        raise NewsInputError(f"{target} exists; name a new folder for the extracted items")
    files = [Path(x) for x in source if isinstance(x, str | Path)]
    if files:
        if len(files) != len(source):
            raise NewsInputError("give either (published, text) pairs or JSON-lines files")
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise NewsInputError(f"no such file: {', '.join(missing)}")
        bag = db.read_text([str(f) for f in files], blocksize=blocksize, include_path=True)  # type: ignore[no-untyped-call]
        records = bag.map_partitions(_parse_jsonl)
    else:
        pairs = [(str(p), str(t)) for p, t in source]  # type: ignore[misc,str-unpack]
        records = db.from_sequence(pairs, npartitions=partitions).map(_pair_record)  # type: ignore[no-untyped-call]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".thaw-items-", dir=target.parent))
    try:
        parts = records.map_partitions(_write_partition, str(tmp)).compute(scheduler=scheduler)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(target / Path(p).name for p in parts)


def _pair_record(pair: tuple[str, str]) -> dict[str, Any]:
    published, text = pair
    return {"article_id": content_id(text), "published": published, "url": None, "text": text}


def _parse_jsonl(lines: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    out = []
    for line, path in lines:
        rec = _json_article(line, f"{path}, the line {line[:50]!r}")
        if rec is not None:
            out.append({**rec, "published": rec["published"].isoformat()})
    return out


def _write_partition(records: Iterable[dict[str, Any]], folder: str) -> list[str]:
    import uuid

    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c, _ in ITEM_SCHEMA}
    for rec in records:
        for item in extract(rec["text"], dt.date.fromisoformat(rec["published"])):
            columns["article_id"].append(rec["article_id"])
            columns["published"].append(rec["published"])
            columns["url"].append(rec["url"])
            columns["kind"].append(item.kind)
            columns["start"].append(item.start)
            columns["end"].append(item.end)
            columns["sentence"].append(item.sentence)
            columns["fields"].append(json.dumps(item.fields, default=str))
    schema = pa.schema([(c, getattr(pa, t)()) for c, t in ITEM_SCHEMA])
    path = Path(folder) / f"part-{uuid.uuid4().hex}.parquet"
    pq.write_table(pa.table(columns, schema=schema), path)
    return [str(path)]
