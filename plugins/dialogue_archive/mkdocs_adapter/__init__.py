"""The MkDocs side: a plugin that turns the core's page specs into MkDocs pages."""
