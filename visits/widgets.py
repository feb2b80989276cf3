"""Form widgets for the public pages."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """A ``<select>`` with the markup of Django's, written in plain Python.

    A filter of the release list offers every public trip, thousands of them after
    fifteen years; Django's Select renders one template, and builds an option dict, per
    option, which made the filter form the slowest part of the list page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        parts = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                parts.append(f'<optgroup label="{escape(str(group_value))}">')
                parts.extend(self._options(group_label, chosen))
                parts.append("</optgroup>")
            else:
                parts.extend(self._options([(group_value, group_label)], chosen))
        parts.append("</select>")
        return mark_safe("\n".join(parts))

    def _options(self, choices, chosen):
        for value, label in choices:
            value = "" if value is None else str(value)
            selected = " selected" if value in chosen else ""
            if selected and not self.allow_multiple_selected:
                chosen = ()
            text = label.__html__() if hasattr(label, "__html__") else escape(str(label))
            yield f'<option value="{escape(value)}"{selected}>{text}</option>'
