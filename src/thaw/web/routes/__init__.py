"""The workbench's routes, one module per area; ``thaw.web.app`` includes them in order."""
