"""Reading and checking a project: incident files, the config, the clock; every problem with
its file and line. Imports only `model`."""
