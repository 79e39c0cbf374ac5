"""Everything published: pages as data, the Statuspage v2 API, feeds, the calendar, badges, CDN
headers, and the words and URLs they share. Imports `model` and `engine`; never MkDocs."""
