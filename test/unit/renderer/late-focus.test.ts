// @vitest-environment jsdom
// The late refocus of a panel jump never takes focus back from where the trader moved on.
import { afterEach, describe, expect, it } from 'vitest';
import { lateFocusWanted } from '../../../renderer/layout/late-focus';

function page(): { dock: HTMLElement; chrome: HTMLElement; ladder: HTMLElement; chart: HTMLElement; commandLine: HTMLElement } {
  document.body.innerHTML = `
    <input id="command-line">
    <div class="dv-dockview">
      <div class="dv-content-container" tabindex="-1" id="chrome">
        <div data-panel-id="depth"><section><div id="ladder" tabindex="0"></div></section></div>
        <div data-panel-id="chart"><section><div id="chart" tabindex="0"></div></section></div>
      </div>
    </div>`;
  const get = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
  return { dock: document.querySelector('.dv-dockview') as HTMLElement, chrome: get('chrome'), ladder: get('ladder'), chart: get('chart'), commandLine: get('command-line') };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('lateFocusWanted', () => {
  it('retries while focus is where the jump left it, on the body, or on dockview chrome', () => {
    const { chrome, ladder } = page();
    expect(lateFocusWanted(ladder, ladder, document.body)).toBe(true);
    expect(lateFocusWanted(document.body, ladder, document.body)).toBe(true);
    expect(lateFocusWanted(null, ladder, document.body)).toBe(true);
    // Activating a group focuses its content container a frame later.
    expect(lateFocusWanted(chrome, ladder, document.body)).toBe(true);
  });

  it('leaves focus the trader moved: into another panel, or to the command line', () => {
    const { chart, ladder, commandLine } = page();
    // Alt+8 (Chart) then Alt+9 (Depth) within two frames: Chart's retry must not pull focus back.
    expect(lateFocusWanted(ladder, chart, document.body)).toBe(false);
    // Alt+0 then F2: the command line keeps focus, so Enter sends the typed order.
    expect(lateFocusWanted(commandLine, ladder, document.body)).toBe(false);
  });
});
