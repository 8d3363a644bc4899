"""Scenarios: labelled inputs for the models, and the runs that produce results.

Data flows one way: data -> scenarios -> models -> results -> presentation.
"""
