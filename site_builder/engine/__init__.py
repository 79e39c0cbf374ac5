"""What is true at `now`: component statuses, the page indicator, uptime, and the parallel map
the later stages share. Imports `model` only (never `source`: it works on validated data)."""
