"""Transfer of dossiers to the deciding authority: the signed package."""
