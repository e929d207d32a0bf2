"""Focused mixins the XBlocks are composed of."""
