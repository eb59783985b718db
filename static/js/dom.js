// Elements are built from data, never from HTML strings, so that text typed by a participant can
// never turn into markup in somebody else's browser.

function setAttribute(el, key, value) {
  if (value === undefined || value === null || value === false) return;
  if (key === 'class') el.className = value;
  else if (key === 'text') el.textContent = value;
  // Through the CSSOM: the Content-Security-Policy (style-src 'self') refuses style attributes.
  else if (key === 'style') el.style.cssText = value;
  else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
  else if (key === 'value') el.value = value;
  else if (key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'required') el[key] = true;
  else el.setAttribute(key, value === true ? '' : String(value));
}

function append(el, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) return child.forEach((c) => append(el, c));
  el.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) setAttribute(el, key, value);
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
