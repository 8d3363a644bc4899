"""Partial equilibrium: schema (pure) -> load (files, register) -> dataset -> run -> results."""
