"""Thin wrappers around external engines (textstat, Harper, LanguageTool) returning our types.

Each adapter imports its engine lazily, so a run that does not need an engine does not pay
for loading it.
"""
