"""The bundled data: the measure register and sourced trade flows shipped inside thaw.

Files live in ``thaw/data/bundled/``: ``measures_*.toml`` (one per imposing economy) and
``flows.csv``. Their provenance rules are in ``docs/data.md``.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from thaw.data.flows import read_sourced_flows
from thaw.measures.io import load_measures_files
from thaw.measures.model import Measure

if TYPE_CHECKING:
    import pandas as pd

    from thaw.data.store import Store


def bundle_dir() -> Path:
    return Path(str(resources.files("thaw.data") / "bundled"))


def bundled_measure_files() -> list[Path]:
    return sorted(bundle_dir().glob("measures_*.toml"))


def bundled_flows_file() -> Path:
    return bundle_dir() / "flows.csv"


def bundle_version() -> str:
    """Content hash of the bundled files (changes whenever the bundled data change)."""
    h = hashlib.sha256()
    for p in [*bundled_measure_files(), bundled_flows_file()]:
        if p.exists():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_bundled_measures() -> list[Measure]:
    return load_measures_files(bundled_measure_files())


def load_bundled_flows() -> pd.DataFrame:
    """The bundled flows, validated, with the store's ``dataset`` and ``import_id`` columns."""
    import pandas as pd

    path = bundled_flows_file()
    if not path.exists():
        from thaw.data.schema import SOURCED_FLOW_COLUMNS

        return pd.DataFrame(columns=["dataset", "import_id", *SOURCED_FLOW_COLUMNS])
    frame = read_sourced_flows(path)
    frame.insert(0, "import_id", f"bundled-{bundle_version()}")
    frame.insert(0, "dataset", "bundled")
    return frame


def load_bundle_into(store: Store) -> None:
    """Replace the bundled rows of ``store`` with the current bundle, in one transaction.

    Measures and flows that users added are kept. Everything is validated before the
    transaction starts, so a bad bundle changes nothing.
    """
    measures = load_bundled_measures()
    flows = load_bundled_flows()
    user_ids = {i for i, origin in store.measure_origins().items() if origin != "bundled"}
    clash = sorted(user_ids & {m.id for m in measures})
    if clash:
        from thaw.errors import DuplicateMeasureError

        raise DuplicateMeasureError(
            f"user measure id(s) {', '.join(clash)} clash with bundled measures; rename them first"
        )
    with store.transaction():
        store.delete_bundled()
        store.insert_measures(measures, origin="bundled")
        if not flows.empty:
            store.add_flows_frame(flows)
        store.set_meta("bundle_version", bundle_version())
