"""Measurements of cue detectors and models on labelled data."""
