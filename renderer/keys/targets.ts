// What kind of control a key lands in: there, letters type (a text field) or choose
// (a select or list), so the workstation's letter keys stay out of the way.

const NON_TEXT_INPUTS = ['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'];

/** Where a letter key would type: there, B and S are letters, not side keys. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.includes(target.type);
  return false;
}

/** A select, list box or menu: a letter there picks an item (S picks "Stop"). */
export function isChoiceControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLSelectElement) return true;
  return target.closest('[role="listbox"], [role="combobox"], [role="menu"], [role="option"], [role="menuitem"]') !== null;
}
