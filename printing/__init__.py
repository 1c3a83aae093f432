"""Counter forms as PDF bytes (reportlab), QR codes (segno), versioned template sets.

Knows nothing of the database or of Qt.  Public API:

- :mod:`printing.model` — the frozen dataclasses the application fills in;
- :mod:`printing.templates` — ``load_template_set``, ``available_template_sets``;
- :mod:`printing.forms` — ``render_receipt`` (A4 or thermal), ``render_supplement``,
  ``render_refusal``;
- :mod:`printing.qr` — ``receipt_qr_text``, ``qr_png``;
- :mod:`printing.output` — ``save_pdf``.

Nothing is imported here, so ``import printing.model`` stays cheap for the GUI.
"""
