"""One module per `balise` sub-command; each turns options into calls on the core."""
