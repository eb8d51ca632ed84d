// A jump focuses its panel at once and again two frames later (a panel just
// added renders late, and dockview focuses a group's own container when it is
// activated). That late retry must not take focus back from where the trader
// has moved on since: Alt+8 then Alt+9 within two frames left focus on the
// Chart, and the next key (Del meant for the ladder) went to the wrong panel.

/**
 * Whether the late retry of a jump may focus its panel: only while nothing
 * chose another place meanwhile. Focus still where the jump left it, on the
 * page body, or on dockview's own chrome (outside every panel) counts as
 * nothing chosen; focus inside a panel or outside the dock (the command line)
 * is the trader's.
 */
export function lateFocusWanted(active: Element | null, landed: Element | null, body: Element | null): boolean {
  if (active === null || active === body || active === landed) return true;
  return active.closest('.dv-dockview') !== null && active.closest('[data-panel-id]') === null;
}
