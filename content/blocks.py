"""The StreamField blocks pages are written in. Each renders with its own template under
templates/blocks/. Any text may cite sources with ``[ref:key]`` markers (see citations.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        template = "blocks/rich_text.html"
        icon = "pilcrow"
        label = _("Text")


class ProsAndConsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Pros and cons"))
    pros = blocks.ListBlock(blocks.TextBlock(label=_("pro")), label=_("pros"))
    cons = blocks.ListBlock(blocks.TextBlock(label=_("con")), label=_("cons"))

    class Meta:
        template = "blocks/pros_and_cons.html"
        icon = "list-ul"
        label = _("Pros and cons")


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"))


class BenefitsAndConsiderationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Benefits and considerations"))
    benefits = blocks.ListBlock(CardBlock(), label=_("benefits"))
    considerations = blocks.ListBlock(CardBlock(), label=_("considerations"))

    class Meta:
        template = "blocks/benefits_and_considerations.html"
        icon = "tasks"
        label = _("Benefit and consideration cards")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"), features=ANSWER_FEATURES)


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Questions people ask"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        template = "blocks/faq.html"
        icon = "help"
        label = _("Frequently asked questions")


class TableRowBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("row heading"))
    cells = blocks.ListBlock(blocks.TextBlock(label=_("cell")), label=_("cells"))


class ComparisonTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("caption"), help_text=_("What the table compares."))
    corner = blocks.CharBlock(
        label=_("first column heading"), required=False, help_text=_("For example: Question.")
    )
    columns = blocks.ListBlock(blocks.CharBlock(label=_("column heading")), label=_("columns"))
    rows = blocks.ListBlock(TableRowBlock(), label=_("rows"))

    def clean(self, value):
        value = super().clean(value)
        width = len(value["columns"])
        for row in value["rows"]:
            if len(row["cells"]) != width:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            _(
                                "Row “%(row)s” has %(cells)d cells but the table has "
                                "%(columns)d columns."
                            )
                            % {"row": row["heading"], "cells": len(row["cells"]), "columns": width}
                        )
                    }
                )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # Each cell with its column's heading, shown as a label when rows stack on a phone.
        context["table_rows"] = [
            (row["heading"], list(zip(value["columns"], row["cells"], strict=False)))
            for row in value["rows"]
        ]
        return context

    class Meta:
        template = "blocks/comparison_table.html"
        icon = "table"
        label = _("Comparison table")


class RouteBlock(blocks.StructBlock):
    route = blocks.CharBlock(label=_("route"))
    bioavailability = blocks.TextBlock(label=_("bioavailability"))
    onset = blocks.TextBlock(label=_("onset"))
    session_length = blocks.TextBlock(label=_("session length"))
    setting = blocks.TextBlock(label=_("setting"))
    typical_price = blocks.TextBlock(label=_("typical price"))


class RoutesTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("caption"))
    routes = blocks.ListBlock(RouteBlock(), label=_("routes"))

    class Meta:
        template = "blocks/routes_table.html"
        icon = "table"
        label = _("Routes table")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("tone"),
        choices=[
            ("note", _("Note")),
            ("caution", _("Caution")),
            ("crisis", _("Crisis: adds the 988 call and text buttons")),
        ],
        default="note",
    )
    heading = blocks.CharBlock(label=_("heading"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=ANSWER_FEATURES)

    class Meta:
        template = "blocks/callout.html"
        icon = "warning"
        label = _("Callout")


class ReferencesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("References"))

    class Meta:
        template = "blocks/references.html"
        icon = "doc-full"
        label = _("References")
        help_text = _(
            "Lists the sources cited above it, numbered in the order they are cited. "
            "Cite a source in any text with [ref:key], using the key of a reference snippet."
        )


class TreatmentOptionBlock(blocks.StructBlock):
    treatment = blocks.PageChooserBlock(label=_("treatment"), page_type="content.TreatmentPage")
    evidence = blocks.TextBlock(label=_("what the evidence says"))


class TreatmentOptionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), default=_("Treatments and their evidence"))
    options = blocks.ListBlock(TreatmentOptionBlock(), label=_("treatments"))

    class Meta:
        template = "blocks/treatment_options.html"
        icon = "list-ol"
        label = _("Treatment options")


def article_blocks(*extra):
    """The blocks every article page offers, in the order editors see them."""
    return [
        ("rich_text", RichTextBlock()),
        ("pros_and_cons", ProsAndConsBlock()),
        ("benefits_and_considerations", BenefitsAndConsiderationsBlock()),
        ("faq", FAQBlock()),
        ("comparison_table", ComparisonTableBlock()),
        *extra,
        ("callout", CalloutBlock()),
        ("references", ReferencesBlock()),
    ]
