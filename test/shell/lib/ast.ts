/**
 * A small, typed view over the ESTree AST of a TypeScript file, for the shell's static checks.
 * Parsing uses oxc through rolldown's `parseAst` (rolldown comes with vite): the installed
 * `typescript` 7 has no stable in-process compiler API.
 */
import { parseAst } from 'rolldown/parseAst';

export interface AstNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function parseTs(source: string, filename = 'file.ts'): AstNode {
  const lang = filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') || filename.endsWith('.mts') || filename.endsWith('.cts') ? 'ts' : 'js';
  const program: unknown = parseAst(source, { lang, sourceType: 'module' }, filename);
  if (!isNode(program)) throw new Error(`could not parse ${filename}`);
  return program;
}

export function childNodes(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Visits every node depth-first with its ancestors (outermost first). */
export function walk(root: AstNode, visit: (node: AstNode, ancestors: readonly AstNode[]) => void): void {
  const stack: AstNode[] = [];
  const go = (node: AstNode) => {
    visit(node, stack);
    stack.push(node);
    for (const child of childNodes(node)) go(child);
    stack.pop();
  };
  go(root);
}

export function findAll(root: AstNode, predicate: (node: AstNode, ancestors: readonly AstNode[]) => boolean): Array<{ node: AstNode; ancestors: AstNode[] }> {
  const found: Array<{ node: AstNode; ancestors: AstNode[] }> = [];
  walk(root, (node, ancestors) => {
    if (predicate(node, ancestors)) found.push({ node, ancestors: [...ancestors] });
  });
  return found;
}

export function prop(node: AstNode, key: string): AstNode | null {
  const value = node[key];
  return isNode(value) ? value : null;
}

export function props(node: AstNode, key: string): AstNode[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export function identifierName(node: AstNode | null): string | null {
  return node && node.type === 'Identifier' && typeof node.name === 'string' ? node.name : null;
}

/** A literal's value: strings, booleans, numbers, null; template literals without expressions. */
export function literalValue(node: AstNode | null): string | number | boolean | null | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal') {
    const v = node.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
  }
  if (node.type === 'TemplateLiteral' && props(node, 'expressions').length === 0) {
    const quasi = props(node, 'quasis')[0];
    const cooked = quasi && typeof quasi.value === 'object' && quasi.value !== null ? (quasi.value as { cooked?: unknown }).cooked : undefined;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression') {
    return literalValue(prop(node, 'expression'));
  }
  return undefined;
}

/** The name of a property key (identifier or string literal), for non-computed keys. */
export function keyName(property: AstNode): string | null {
  if (property.type !== 'Property' || property.computed === true) return null;
  const key = prop(property, 'key');
  return identifierName(key) ?? (typeof literalValue(key) === 'string' ? (literalValue(key) as string) : null);
}

/** For `a.b.c(...)`: the callee's last member name ('c'); for `f(...)`: 'f'. */
export function calleeName(call: AstNode): string | null {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return null;
  const callee = prop(call, 'callee');
  if (!callee) return null;
  if (callee.type === 'Identifier') return identifierName(callee);
  if (callee.type === 'MemberExpression' && callee.computed !== true) return identifierName(prop(callee, 'property'));
  return null;
}

/** For `obj.method(...)`: the object node. */
export function calleeObject(call: AstNode): AstNode | null {
  const callee = prop(call, 'callee');
  return callee && callee.type === 'MemberExpression' ? prop(callee, 'object') : null;
}

export function args(call: AstNode): AstNode[] {
  return props(call, 'arguments');
}

export function isFunction(node: AstNode | null): node is AstNode {
  return !!node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration');
}

export function paramNames(fn: AstNode): Array<string | null> {
  return props(fn, 'params').map((p) => identifierName(p));
}

/** The values a function can return: an arrow's expression body, or each `return x` (not in nested functions). */
export function returnedValues(fn: AstNode): Array<AstNode | null> {
  const body = prop(fn, 'body');
  if (!body) return [];
  if (fn.type === 'ArrowFunctionExpression' && fn.expression === true) return [unwrap(body)];
  const values: Array<AstNode | null> = [];
  const go = (node: AstNode) => {
    if (node !== body && isFunction(node)) return;
    if (node.type === 'ReturnStatement') values.push(unwrap(prop(node, 'argument')));
    for (const child of childNodes(node)) go(child);
  };
  go(body);
  return values;
}

export function unwrap(node: AstNode | null): AstNode | null {
  let current = node;
  while (current && (current.type === 'ParenthesizedExpression' || current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression')) {
    current = prop(current, 'expression');
  }
  return current;
}

/** `const name = init` anywhere in the file (first one wins). */
export function constInitializers(root: AstNode): Map<string, AstNode> {
  const map = new Map<string, AstNode>();
  walk(root, (node) => {
    if (node.type !== 'VariableDeclarator') return;
    const name = identifierName(prop(node, 'id'));
    const init = prop(node, 'init');
    if (name && init && !map.has(name)) map.set(name, init);
  });
  return map;
}

/** Top-level `function name() {}` declarations. */
export function functionDeclarations(root: AstNode): Map<string, AstNode> {
  const map = new Map<string, AstNode>();
  walk(root, (node) => {
    if (node.type === 'FunctionDeclaration') {
      const name = identifierName(prop(node, 'id'));
      if (name) map.set(name, node);
    }
  });
  return map;
}

/** Every module specifier: import/export-from, import(), require(), import x = require(), import('x').T types. */
export function moduleSpecifiers(root: AstNode): string[] {
  const found: string[] = [];
  const add = (node: AstNode | null) => {
    const value = literalValue(node);
    if (typeof value === 'string') found.push(value);
  };
  walk(root, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        add(prop(node, 'source'));
        break;
      case 'ImportExpression':
        add(prop(node, 'source'));
        break;
      case 'CallExpression':
        if (identifierName(prop(node, 'callee')) === 'require') add(args(node)[0] ?? null);
        break;
      case 'TSExternalModuleReference':
        add(prop(node, 'expression'));
        break;
      case 'TSImportType': {
        const argument = prop(node, 'argument') ?? prop(node, 'source');
        add(argument && argument.type === 'TSLiteralType' ? prop(argument, 'literal') : argument);
        break;
      }
    }
  });
  return found;
}
