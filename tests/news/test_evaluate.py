"""The scorer and the agreement measure on small copies of real annotations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from thaw.news.evaluate import DETECTION, agreement

HERE = Path(__file__).resolve().parent
ANNOTATION = HERE / "dev8" / "lobster-qa.json"


def _copy(tmp: Path, name: str) -> Path:
    d = tmp / name
    d.mkdir()
    shutil.copy(ANNOTATION, d / ANNOTATION.name)
    return d


def test_an_annotation_agrees_with_itself(tmp_path: Path) -> None:
    a, b = _copy(tmp_path, "a"), _copy(tmp_path, "b")
    for s in agreement(a, b).values():
        assert s.true_positives > 0 and s.precision == 1.0 and s.recall == 1.0


def test_a_changed_status_costs_one_measure_but_not_its_sentence(tmp_path: Path) -> None:
    a, b = _copy(tmp_path, "a"), _copy(tmp_path, "b")
    ann = json.loads((b / ANNOTATION.name).read_text(encoding="utf-8"))
    n = len(ann["measures"])
    ann["measures"][0]["status"] = "undecided"
    # a shorter opening of the same sentence still matches
    ann["events"][0]["sentence"] = " ".join(ann["events"][0]["sentence"].split()[:3])
    (b / ANNOTATION.name).write_text(json.dumps(ann), encoding="utf-8")
    got = agreement(a, b)
    assert (got["measure"].true_positives, got["measure"].false_positives) == (n - 1, 1)
    assert got["measure"].false_negatives == 1
    assert got[DETECTION].precision == 1.0 and got[DETECTION].recall == 1.0
    assert got["event"].recall == 1.0


def test_articles_annotated_by_one_annotator_only_are_skipped(tmp_path: Path) -> None:
    a, b = _copy(tmp_path, "a"), _copy(tmp_path, "b")
    shutil.copy(HERE / "dev8" / "potash-release.json", b / "potash-release.json")
    assert agreement(a, b)["measure"].precision == 1.0
