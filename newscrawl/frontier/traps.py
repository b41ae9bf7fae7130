"""URL families that used up a run's trap budget without leading to an article (pure).

At the end of a run, the URLs the budget still holds back (:mod:`newscrawl.frontier.budget`)
name the shapes that ran into a bound; those of them that never led to an article form a
site's trap family. Later runs request no new URL of these shapes, and the family's pages
read in this run are never read again; its *heads*, the pages outside it that first linked
into it (``/events/calendar/`` of an endless calendar), keep their own listing schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawl.frontier.budget import CrawlBudget, url_pattern


@dataclass(frozen=True)
class TrapFamily:
    """One site's trap shapes, the pages the family was entered from and its pages."""

    site: str
    shapes: frozenset[str]
    heads: tuple[str, ...]
    pages: tuple[str, ...]


def _held_shapes(budget: CrawlBudget) -> dict[str, set[str]]:
    """Site -> shapes of the URLs still held back (and of the pages they were found on)."""
    shapes: dict[str, set[str]] = {}
    for shape, entries in budget.held.items():
        for entry in entries.values():
            shapes.setdefault(entry.site, set()).add(shape)
    for parent_shape, entries in budget.waiting.items():
        for entry in entries.values():
            shapes.setdefault(entry.site, set()).update({parent_shape, url_pattern(entry.url)})
    return shapes


def trap_families(budget: CrawlBudget) -> list[TrapFamily]:
    """The trap families of a finished run, one per site that has one."""
    families = []
    for site, held in sorted(_held_shapes(budget).items()):
        shapes = frozenset(held - budget.productive)
        if not shapes:
            continue
        members = {u: p for u, p in budget.found_on.items() if url_pattern(u) in shapes}
        heads = tuple(sorted({p for p in members.values() if url_pattern(p) not in shapes}))
        families.append(TrapFamily(site, shapes, heads, tuple(sorted(members))))
    return families
