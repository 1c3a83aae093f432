"""Reading the chip ID card: QR, MRZ and the printed front, cross-checked."""
