/**
 * A settings file with a bad or unknown key (edited by hand, or left by a newer release) keeps every
 * valid setting: a bad value gives way to its default, an unknown key (where the schema allows none)
 * is dropped, and each is named. Judged key by key with the file's own JSON schema, by the validator
 * conf itself uses, so what passes here passes when conf opens the file.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type JsonObject = Record<string, unknown>;
/** A JSON schema node as settings-schema.ts writes them (only what the repair looks at). */
type SchemaNode = { properties?: Record<string, SchemaValue>; additionalProperties?: boolean; default?: unknown };
/** JSON schema allows `true` (anything) and `false` (nothing) in place of a node. */
type SchemaValue = object | boolean;

export type SettingsRepair = { settings: JsonObject; problems: string[] };

// As conf is opened (settings-schema.ts): the schema is checked by a test, not at every start.
const ajv = new Ajv2020({ allErrors: false, validateSchema: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `properties` as conf's root schema is: an object whose other keys are allowed (conf keeps its own there). */
export function repairSettings(parsed: JsonObject, properties: Record<string, SchemaValue>, defaults: JsonObject): SettingsRepair {
  const problems: string[] = [];
  const settings = repairObject(parsed, { properties }, defaults, '', problems);
  return { settings, problems };
}

function repairObject(value: JsonObject, node: SchemaNode, defaults: JsonObject, prefix: string, problems: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    const schema = node.properties?.[key];
    if (schema === undefined) {
      if (node.additionalProperties === false) problems.push(`${path} is not a setting: dropped`);
      else out[key] = item;
      continue;
    }
    const nested: SchemaNode = typeof schema === 'boolean' ? {} : schema;
    if (nested.properties && isJsonObject(item)) {
      out[key] = repairObject(item, nested, isJsonObject(defaults[key]) ? defaults[key] : {}, `${path}.`, problems);
      continue;
    }
    const problem = firstProblem(schema, item);
    if (problem === null) {
      out[key] = item;
      continue;
    }
    // The value itself is never echoed: it may be the hub token.
    const fallback = key in defaults ? defaults[key] : nested.default;
    if (fallback === undefined) {
      problems.push(`${path} ${problem}: dropped`);
    } else {
      out[key] = structuredClone(fallback);
      problems.push(`${path} ${problem}: the default (${JSON.stringify(fallback)}) is in use`);
    }
  }
  return out;
}

function firstProblem(schema: SchemaValue, value: unknown): string | null {
  if (typeof schema === 'boolean') return schema ? null : 'is not allowed';
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return null;
  const error = validate.errors?.at(-1);
  if (!error) return 'is not valid';
  const where = error.instancePath ? `${error.instancePath.slice(1).replaceAll('/', '.')} ` : '';
  return `${where}${error.message ?? 'is not valid'}`.trim();
}
