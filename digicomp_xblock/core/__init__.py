"""The pure core: framework model, loader, validation and exports. No XBlock or Django imports here."""
