"""The goal tracker: load (the observed series) -> track (goal path, trend, scenario shift) ->
results."""
