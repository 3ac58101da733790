"""serve: thin skins over the Python API (CLI now; HTTP API and web UI later). Imported by
nothing."""
