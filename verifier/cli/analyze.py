"""``verifier analyze`` (placeholder until the analyser lands)."""
