"""Services: decisions made inside one database transaction each."""
