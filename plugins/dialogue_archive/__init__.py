"""Publish Vietnamese citizen-dialogue records as a searchable static archive.

`dialogue_archive.core` is plain Python (no MkDocs); `dialogue_archive.mkdocs_adapter`
is the thin MkDocs plugin on top of it.
"""
