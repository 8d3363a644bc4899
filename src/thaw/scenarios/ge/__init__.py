"""General equilibrium (structural gravity): schema (pure) -> load (files, register) -> dataset
(arrays) -> run -> results."""
