"""Database layer: declarative base, typed models, engines and sessions."""
