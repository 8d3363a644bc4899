"""Schema-based fuzzing of the workbench API (schemathesis against its OpenAPI description):
no input makes the server fail, invalid input is rejected, and every response matches the
description. Bounded: a few generated requests per operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from thaw.web.app import WebSettings, create_app


def test_api_never_fails_and_matches_its_description(db_path: Path, tmp_path: Path) -> None:
    # a token the fuzzer does not know: writes and runs must answer 401, never fail
    app = create_app(WebSettings(db=db_path, scenario_dir=tmp_path / "saved", token="unknown"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            # schema-valid is not always meaningful (an unknown economy code): a clear 400 there
            # is right, so the "valid data must be accepted" check is left out
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
