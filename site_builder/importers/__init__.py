"""Bringing a team's history from another status page: Statuspage (its v2 JSON, public or
through the management API) and cState (a Hugo site's issue files). Each source is read into
`source.SourceData`; `plan` turns that into catalog entries and incident files that pass
`balise check`, and writes them without ever replacing a file."""
