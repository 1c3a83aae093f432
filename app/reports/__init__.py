"""Supervisor reports: the dashboard's figures, late dossiers, log book, audit (issue 6)."""
