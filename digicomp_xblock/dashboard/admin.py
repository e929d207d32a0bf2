"""The Django admin of the dashboard app: programmes (their course keys checked as the platform reads them)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from .. import platform
from .models import Programme


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ("slug", "name", "courses")

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
        if not keys:
            raise forms.ValidationError(_("name at least one course"))
        return "\n".join(keys)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeForm
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug", "courses")
