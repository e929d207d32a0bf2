"""The Django admin of the dashboard app: programmes (their course keys checked as the platform reads them, their
organisations as Open edX writes organisation codes)."""

import re

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from .. import platform
from .models import Programme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ("slug", "name", "courses", "organisations")

    def clean_courses(self):
        text = self.cleaned_data["courses"]
        keys = [line.strip() for line in text.splitlines() if line.strip()]
        wrong = []
        for key in keys:
            try:
                platform.current().parse_course_key(key)
            except ValueError:
                wrong.append(key)
        if wrong:
            raise forms.ValidationError(_("not a course key: %(keys)s") % {"keys": ", ".join(wrong[:5])})
        return "\n".join(keys)

    def clean_organisations(self):
        codes = self.cleaned_data["organisations"].split()
        wrong = [code for code in codes if not re.fullmatch(r"[A-Za-z0-9_.-]+", code)]
        if wrong:
            raise forms.ValidationError(_("not an organisation code: %(codes)s") % {"codes": ", ".join(wrong[:5])})
        return " ".join(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("courses") and not cleaned.get("organisations") and not self.errors:
            raise forms.ValidationError(_("name at least one course or organisation"))
        return cleaned


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeForm
    list_display = ("name", "slug", "organisations", "created_at")
    search_fields = ("name", "slug", "courses", "organisations")
