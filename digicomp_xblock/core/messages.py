"""Messages of the core that people read: English text with named values, translated where they are shown.

The core has no gettext; it marks its texts with `gettext_noop` so the catalogs contain them, and the shell that
shows a refusal translates it with the reader's gettext (`error.translate(gettext)`).
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """Mark `text` for the translation catalogs; it is translated later, where it is shown."""
    return text


class InputError(ValueError):
    """Input that a rule of the core refuses; `str(error)` is English, `translate(gettext)` the reader's language.

    `text` may name values as `%(name)s`; `values` fills them in (after the translation).
    """

    def __init__(self, text: str, **values):
        self.text = text
        self.values = values
        super().__init__(text % values if values else text)

    def translate(self, gettext) -> str:
        translated = gettext(self.text)
        return translated % self.values if self.values else translated
