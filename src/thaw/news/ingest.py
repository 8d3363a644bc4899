"""Articles in: plain text, HTML (main text extracted by trafilatura) and JSON lines, with the
publication date, outlet and URL from a manifest CSV (``file,published,outlet,url``) or the JSON
record. Without a given date the page's dateline or byline dates the article, else the text
(:mod:`thaw.news.pubdate`), recorded with its basis; an article nothing dates is kept with its
date unknown and gets no register verdicts. Each article gets a content hash; extraction and
register matching on its publication date turn it into items.

Large corpora: :func:`extract_corpus` and :func:`extract_corpus_to_parquet` run the same code
through a Dask bag.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from thaw.errors import ThawError
from thaw.events.model import Event
from thaw.measures.model import Measure
from thaw.news.extract import Item, extract
from thaw.news.match import candidates, check_event, item_rates, link_measure
from thaw.news.pubdate import Fact, PublicationDate, page_date, publication_date


class NewsInputError(ThawError):
    """An article or manifest cannot be read; the message names the file and what to fix."""


@dataclass(frozen=True)
class Article:
    """One article; ``published`` is None when nothing dates it (``published_basis``
    ``unknown``); ``published_basis`` is manifest, dateline, byline, inferred or unknown."""

    article_id: str
    published: dt.date | None
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None
    published_basis: str = "manifest"
    published_evidence: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "path": self.path,
            "text": self.text,
            "published_basis": self.published_basis,
            "published_evidence": self.published_evidence,
        }

    @property
    def warning(self) -> str | None:
        """What a reader should know about the article's date (inferred or unknown)."""
        where = self.path or self.article_id
        if self.published is None:
            return (
                f"{where}: no publication date and none can be inferred "
                f"({self.published_evidence}); stored with the date unknown and no register "
                "verdicts: give its date in the manifest (file,published) and ingest it again"
            )
        if self.published_basis == "inferred":
            return (
                f"{where}: publication date {self.published} inferred ({self.published_evidence})"
            )
        return None


def _dated(text: str, given: dt.date | None, events: Sequence[Event]) -> dict[str, Any]:
    when: PublicationDate = publication_date(text, given, events)
    return {
        "published": when.date,
        "published_basis": when.basis,
        "published_evidence": when.evidence,
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


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None or not str(value).strip():
        return None
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


def read_articles(
    paths: Sequence[str | Path],
    manifest: str | Path | None = None,
    events: Sequence[Event] = (),
) -> list[Article]:
    """Articles from files (``.txt``, ``.html``/``.htm``, ``.jsonl``) and folders of them. The
    publication date comes from the manifest (default: ``MANIFEST.csv`` beside the file) or, for
    JSON lines, from each record's ``published``; else from the page or the text and the dated
    ``events`` it reports (:func:`thaw.news.pubdate.publication_date`). An undated article is
    never refused."""
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
            out += _jsonl(f, events)
            continue
        raw = f.read_text(encoding="utf-8", errors="replace")
        text = html_text(raw) if f.suffix.lower() in (".html", ".htm") else raw
        if not text.strip():
            raise NewsInputError(f"{f}: no article text found")
        given = _date(meta.get("published"), f"{f} ({man.name})")
        out.append(
            Article(
                article_id=content_id(text),
                text=text,
                outlet=meta.get("outlet") or None,
                url=meta.get("url") or None,
                title=text.strip().splitlines()[0][:200],
                path=str(f),
                **_dated(text, given, events),
            )
        )
    return out


def _jsonl(path: Path, events: Sequence[Event] = ()) -> list[Article]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        rec = _json_article(line, f"{path} line {n}", events)
        if rec is not None:
            out.append(Article(path=f"{path}:{n}", **rec))
    return out


def _json_article(
    line: str, where: str, events: Sequence[Event] = (), *, need_date: bool = False
) -> dict[str, Any] | None:
    """One JSON-lines record as :class:`Article` fields (None for a blank line): ``text`` (or
    ``content``, or ``html`` whose main text is extracted) required; ``published`` (else read
    off the page or inferred), ``outlet``, ``url`` and ``title`` optional. A bad record raises
    :class:`NewsInputError` naming it; so does an undated one with ``need_date``."""
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
    dated = _dated(text, _date(rec.get("published"), where), events)
    if need_date and dated["published"] is None:
        raise NewsInputError(
            f"{where}: no publication date, and none can be read off the text; "
            'give it as "published": "YYYY-MM-DD"'
        )
    return {
        "article_id": content_id(text),
        **dated,
        "text": text,
        "outlet": rec.get("outlet"),
        "url": rec.get("url"),
        "title": rec.get("title"),
    }


def register_facts(text: str, measures: Sequence[Measure]) -> list[Fact]:
    """The register's dates for the measures the text's measure items name by rate (or, with
    no rate, a specific kind: anti-dumping, surtax, quota): each candidate measure's
    announcement and start, with the item's sentence (:data:`thaw.news.pubdate.Fact`). An item
    whose economies or products match no measure (the extractor misread its target, or named
    only some of its products) is matched again on its imposing economy and rate alone."""
    facts: list[Fact] = []
    for it in extract(text, UNDATED_REFERENCE):
        if it.kind != "measure":
            continue
        rates = item_rates(it.fields)
        begins = _sentence_start(text, it)
        at = None if begins is None else max(0, it.start - begins)
        found = candidates(it, measures)
        loose = not found and bool(rates) and bool(it.fields.get("imposing"))
        if loose:
            bare = {**it.fields, "targeted": None, "hs": [], "products": []}
            found = candidates(bare, measures, any_product=True)
        for m in found:
            by_rate = m.ad_valorem is not None and any(abs(m.ad_valorem - r) < 0.05 for r in rates)
            by_kind = not rates and it.fields.get("kind") in ("antidumping", "surtax", "quota")
            if not (by_rate or by_kind):
                continue  # only a measure the sentence names by rate, or by kind, dates it
            for day, what, kind in (
                (m.effective, "in force from", "start"),
                (m.announced, "announced", "announced"),
            ):
                if day is not None:
                    fact = Fact(day, f"{m.id} {what}", it.sentence, m.id, kind, loose, at)
                    facts.append(fact)
    return facts


def infer_published(
    text: str, events: Sequence[Event] = (), measures: Sequence[Measure] = ()
) -> PublicationDate:
    """The publication date of a text given without one: the page's dateline or byline, else
    inferred from the text, the dated ``events`` (the events table) and the register
    ``measures`` it reports (:func:`thaw.news.pubdate.publication_date`). The one inference
    ingest (:func:`redate`) and the scorer (``thaw.news.evaluate.score_gold``) use."""
    page = page_date(text)
    if page is not None:
        return page
    facts = register_facts(text, measures) if measures else ()
    return publication_date(text, None, events, facts)


def redate(article: Article, measures: Sequence[Measure], events: Sequence[Event] = ()) -> Article:
    """An article the manifest and page do not date, dated again with the register's dates
    (:func:`infer_published`): the announcement and start of the register measures its measure
    items name bound the date from below (reported as past or in force) or above (looked
    forward to)."""
    if article.published_basis not in ("inferred", "unknown"):
        return article
    again = infer_published(article.text, events, measures)
    if again.date is None or again.date == article.published:
        return article
    return replace(
        article,
        published=again.date,
        published_basis=again.basis,
        published_evidence=again.evidence,
    )


#: the reference date for relative dates in an article nothing dates (its items' dates are
#: dropped, except years, and it gets no register verdicts)
UNDATED_REFERENCE = dt.date(2000, 1, 1)


def item_rows(
    article: Article, measures: Sequence[Measure], events: Sequence[Event] = ()
) -> list[dict[str, Any]]:
    """The article's items as store rows: measures linked to the register on the publication
    date (verdict, measure id, ``register_diff``), events checked against the dated events
    table (``thaw.data.events.load_bundled_events()``)."""
    rows = []
    published = article.published
    for it in extract(article.text, published or UNDATED_REFERENCE):
        verdict = measure_id = diff = None
        if published is None:
            _drop_relative_date(it)
        if it.kind == "measure":
            link = link_measure(it, published, measures)
            verdict, measure_id, diff = link.verdict, link.measure_id, link.register_diff
            it.fields["match_note"] = diff
            if link.register_ids:
                it.fields["register_ids"] = list(link.register_ids)
        elif it.kind == "event" and published is not None:
            verdict, event_note = check_event(it, events)
            if event_note:
                it.fields["match_note"] = event_note
                diff = event_note
        row = _row(article, it, verdict, measure_id)
        row["register_diff"] = diff
        row["sentence_start"] = _sentence_start(article.text, it)
        rows.append(row)
    return rows


def _drop_relative_date(it: Item) -> None:
    d = it.fields.get("date")
    if isinstance(d, dict) and d.get("precision") != "year":
        it.fields["date"] = None
        it.fields["date_dropped"] = "publication date unknown"


def _sentence_start(text: str, it: Item) -> int | None:
    """Where the item's sentence starts in the article (the span lies inside it)."""
    lo = max(0, it.start - len(it.sentence))
    at = text.find(it.sentence, lo)
    while at != -1 and at <= it.start:
        if at + len(it.sentence) >= it.end:
            return at
        at = text.find(it.sentence, at + 1)
    at = text.find(it.sentence)
    return None if at == -1 else at


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
        rec = _json_article(line, f"{path}, the line {line[:50]!r}", need_date=True)
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
