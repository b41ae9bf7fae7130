"""URL families that used up a run's trap budget without leading to an article (pure).

At the end of a run, the URLs the budget still holds back (:mod:`newscrawl.frontier.budget`)
name the shapes that ran into a bound; those of them that never led to an article form a
site's trap family. Later runs request no new URL of these shapes, and the family's pages
read in this run are never read again; its *heads*, the pages outside it that first linked
into it (``/events/calendar/`` of an endless calendar), keep their own listing schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawl.clock import utc_now
from newscrawl.frontier.budget import url_pattern
from newscrawl.frontier.budgetstate import HELD, PRODUCTIVE, WAITING, BudgetState
from newscrawl.store.pages import CrawlState


@dataclass(frozen=True)
class TrapFamily:
    """One site's trap shapes, the pages the family was entered from and its pages."""

    site: str
    shapes: frozenset[str]
    heads: tuple[str, ...]
    pages: tuple[str, ...]


def _held_shapes(state: BudgetState) -> dict[str, set[str]]:
    """Site -> shapes of the URLs still held back (and of the pages they were found on)."""
    shapes: dict[str, set[str]] = {}
    for shape in state.buckets(HELD):
        for entry in state.entries(HELD, shape):
            shapes.setdefault(entry.site, set()).add(shape)
    for parent_shape in state.buckets(WAITING):
        for entry in state.entries(WAITING, parent_shape):
            shapes.setdefault(entry.site, set()).update({parent_shape, url_pattern(entry.url)})
    return shapes


def trap_families(state: BudgetState) -> list[TrapFamily]:
    """The trap families of a finished run (its budget's state), one per site that has one."""
    families = []
    held_shapes = _held_shapes(state)
    productive = state.members(PRODUCTIVE) if held_shapes else set()
    found_on = dict(state.links()) if held_shapes else {}
    for site, held in sorted(held_shapes.items()):
        shapes = frozenset(held - productive)
        if not shapes:
            continue
        members = {u: p for u, p in found_on.items() if url_pattern(u) in shapes}
        heads = tuple(sorted({p for p in members.values() if url_pattern(p) not in shapes}))
        families.append(TrapFamily(site, shapes, heads, tuple(sorted(members))))
    return families


def record_traps(state: CrawlState, budget: BudgetState) -> None:
    """Record the trap families of a finished run's budget; forget the trap shapes that
    led to an article."""
    state.forget_traps(budget.members(PRODUCTIVE))
    for family in trap_families(budget):
        head = family.heads[0] if family.heads else None
        state.trap(family.site, family.shapes, head, family.pages, utc_now())
