"""One module per service family: how a notice looks there and how it is delivered."""
