type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Makes an element: attributes (`on…` ones as listeners, `false`/null skipped) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {},
                                                         ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      element.append(child);
    }
  }
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`#${id} is missing from index.html`);
  }
  return element as T;
}

/** A table with a header row; `cells` makes one row's cells. */
export function table<T>(headers: [string, 'num' | ''][], rows: T[], cells: (row: T) => HTMLTableCellElement[],
                         empty: string, rowAttrs: (row: T) => Record<string, string> = () => ({})): HTMLElement {
  if (rows.length === 0) {
    return h('div', { class: 'empty' }, empty);
  }
  return h('table', {},
    h('thead', {}, h('tr', {}, ...headers.map(([text, kind]) => h('th', { class: kind, scope: 'col' }, text)))),
    h('tbody', {}, ...rows.map(row => h('tr', rowAttrs(row), ...cells(row)))));
}

export function td(text: string, cls = ''): HTMLTableCellElement {
  return h('td', { class: cls }, text);
}
