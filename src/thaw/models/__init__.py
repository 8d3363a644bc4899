"""Economic models. Pure functions over explicit arrays: no I/O, no printing, no SQL.

``models`` imports nothing from ``thaw.data``, ``thaw.cli``, ``thaw.web`` or ``thaw.news``.
"""
