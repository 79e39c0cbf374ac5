"""Editing incident files for `balise new`, `update` and `resolve`: round-trip edits that keep
every byte, atomic writes, times as people type them. Imports `model` and `source`."""
