"""The plain-Python core: content model, loading, validation and view data."""
