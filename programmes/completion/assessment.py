"""The self-assessment a participant answers at the start and at the end of the programme, each item
on a 1-5 scale: the distance travelled is the change per item, paired by participant."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    key: str
    statement: str


# Confidence in each pathway area is asked per pathway (keys "pathway:<slug>"), then these.
GENERAL_ITEMS = [
    Item("connections", "I understand how research, industry, enterprise and healthcare connect in medtech."),
    Item("next_step", "I know what my next step towards a career in life sciences or medtech is."),
]
SCALE = range(1, 6)


def pathway_item(pathway):
    return Item(f"pathway:{pathway.slug}", f"I feel confident about what a career in {pathway.name} involves.")
