// RFC 6902 JSON Patch, the operations the server's state patches use (add, remove, replace).
// Returns a new document; the one passed in is left as it was, since views may still hold it.

function unescape(token) {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function parentAndKey(root, path) {
  const tokens = path.split('/').slice(1).map(unescape);
  const key = tokens.pop();
  let parent = root;
  for (const token of tokens) {
    if (parent === null || typeof parent !== 'object' || !(token in parent)) throw new Error(`patch path not found: ${path}`);
    parent = parent[token];
  }
  if (parent === null || typeof parent !== 'object') throw new Error(`patch path not found: ${path}`);
  return [parent, key];
}

function applyOne(doc, op) {
  if (op.path === '') {
    if (op.op === 'remove') throw new Error('the whole document cannot be removed');
    return structuredClone(op.value);
  }
  const [parent, key] = parentAndKey(doc, op.path);
  const index = Array.isArray(parent) ? (key === '-' ? parent.length : Number(key)) : null;
  if (Array.isArray(parent) && !(Number.isInteger(index) && index >= 0 && index <= parent.length)) throw new Error(`bad array index in ${op.path}`);
  switch (op.op) {
    case 'add':
      if (Array.isArray(parent)) parent.splice(index, 0, structuredClone(op.value));
      else parent[key] = structuredClone(op.value);
      return doc;
    case 'replace':
    case 'remove':
      if (Array.isArray(parent) ? index >= parent.length : !(key in parent)) throw new Error(`patch path not found: ${op.path}`);
      if (op.op === 'replace') parent[key] = structuredClone(op.value);
      else if (Array.isArray(parent)) parent.splice(index, 1);
      else delete parent[key];
      return doc;
    default:
      throw new Error(`unsupported patch operation ${op.op}`);
  }
}

export function applyPatch(doc, patch) {
  return patch.reduce(applyOne, structuredClone(doc));
}
