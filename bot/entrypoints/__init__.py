"""How mentorbot is started: the `mentorbot` command, the server in either transport, and
the command-line adapters of matching, rounds and export."""
