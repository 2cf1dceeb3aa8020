/**
 * Keeps every table within the width of the screen, so that no column is ever hidden off its edge: a table that does
 * not fit its container (`.baken-table-scroll`, on a tablet, a phone, a zoomed page) has its rows stacked, each cell
 * on a line of its own after its column's header. Should even a stacked table be too wide, its container scrolls as
 * a region named after the table, which the keyboard can reach. Tables that fit stay as they are.
 */

const WRAPPER = '.baken-table-scroll';
export const STACKED = 'baken-table--stacked';

/** Each body cell gets the text of its column's header, which a stacked table shows before the cell's value. */
function labelCells(table: HTMLTableElement): void {
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map((cell) => cell.textContent?.trim() ?? '');
  for (const body of table.tBodies)
    for (const row of body.rows) {
      // A cell spanning the whole row (a form opened in a row) is no value of one column.
      const spanning = row.cells.length === 1 && row.cells[0].colSpan > 1;
      [...row.cells].forEach((cell, i) => {
        if (headers[i] && !spanning) cell.dataset.label = headers[i];
        else delete cell.dataset.label;
      });
    }
}

/**
 * The roles of a table's parts while it is stacked: a table shown as blocks loses its table semantics in some
 * browsers, and with them the column headers screen readers announce. Taken away again when it is a table again.
 */
function tableRoles(table: HTMLTableElement, stacked: boolean): void {
  const set = (el: Element, role: string) => (stacked ? el.setAttribute('role', role) : el.removeAttribute('role'));
  set(table, 'table');
  for (const group of [table.tHead, ...table.tBodies]) if (group) set(group, 'rowgroup');
  for (const row of table.rows) {
    set(row, 'row');
    for (const cell of row.cells)
      set(cell, cell.tagName === 'TD' ? 'cell' : cell.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader');
  }
}

/** Stacks the table in `wrapper` when it is wider than the wrapper, and makes a wrapper that still scrolls reachable. */
export function fitTable(wrapper: HTMLElement): void {
  const table = wrapper.querySelector('table');
  if (!table || wrapper.clientWidth === 0) return;
  labelCells(table);
  table.classList.remove(STACKED);
  const stacked = table.offsetWidth > wrapper.clientWidth + 1;
  table.classList.toggle(STACKED, stacked);
  tableRoles(table, stacked);
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-label', table.caption?.textContent?.trim() || 'Tabel');
  } else {
    wrapper.removeAttribute('tabindex');
    wrapper.removeAttribute('role');
    wrapper.removeAttribute('aria-label');
  }
}

/**
 * Fits every table under `root` now, whenever the screen's content changes, and whenever a table's container changes
 * width. Returns the function that stops it.
 */
export function fitTables(root: HTMLElement): () => void {
  const widths = new WeakMap<Element, number>();
  const resized = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (widths.get(target) === target.clientWidth) continue;
      widths.set(target, target.clientWidth);
      fitTable(target as HTMLElement);
    }
  });
  const watched = new Set<Element>();
  const fitAll = () => {
    const wrappers = new Set(root.querySelectorAll<HTMLElement>(WRAPPER));
    for (const wrapper of watched)
      if (!wrappers.has(wrapper as HTMLElement)) {
        resized.unobserve(wrapper);
        watched.delete(wrapper);
      }
    for (const wrapper of wrappers) {
      if (!watched.has(wrapper)) {
        watched.add(wrapper);
        resized.observe(wrapper);
      }
      widths.set(wrapper, wrapper.clientWidth);
      fitTable(wrapper);
    }
  };
  const holdsWrapper = (node: Node) =>
    node instanceof Element && (node.matches(WRAPPER) || node.querySelector(WRAPPER) !== null);
  // Only the content is watched, not attributes: what fitting changes (classes, roles, labels) does not come back.
  const changed = new MutationObserver((mutations) => {
    const tables = new Set<HTMLElement>();
    for (const m of mutations) {
      if ([...m.addedNodes, ...m.removedNodes].some(holdsWrapper)) return fitAll();
      const element = m.target instanceof Element ? m.target : m.target.parentElement;
      const wrapper = element?.closest<HTMLElement>(WRAPPER);
      if (wrapper) tables.add(wrapper);
    }
    for (const wrapper of tables) fitTable(wrapper);
  });
  changed.observe(root, { childList: true, subtree: true, characterData: true });
  fitAll();
  return () => {
    changed.disconnect();
    resized.disconnect();
  };
}
